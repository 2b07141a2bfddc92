/// The input tables of the contract (docs/inputs.md): six, and the population totals a plan's
/// `[calibration]` reads.
public enum TableKind: String, CaseIterable, Sendable, Codable, Comparable {
    case workers
    case enterprises
    case economy
    case skillDemand = "skill_demand"
    case programs
    case targets
    case population

    /// File-name prefix that assigns a file to this table (`workers_2021.csv`, `workers/part-1.csv`).
    public var filePrefix: String { rawValue }

    /// Whether a run can go on without this table.
    public var isOptional: Bool { self != .workers }

    /// What the reports lose when this optional table holds no accepted row.
    public var withoutRows: String {
        switch self {
        case .workers: "no report can be computed"
        case .enterprises: "the enterprises report holds only its header and no worker's enterprise size is known"
        case .economy: "wage_vs_economy leaves out real growth, the GDP comparison and in_step"
        case .skillDemand: "skill_fit leaves out demand shares, dissimilarity and shortages"
        case .programs: "the targets report has no actual from programs"
        case .targets: "the targets report holds no target (remove the file to judge the policy's own targets)"
        case .population: "no wave can be calibrated (a plan's [calibration] stops the run)"
        }
    }

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
