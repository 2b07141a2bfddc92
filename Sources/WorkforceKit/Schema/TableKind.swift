/// The six input tables of the contract (docs/inputs.md).
public enum TableKind: String, CaseIterable, Sendable, Codable, Comparable {
    case workers
    case enterprises
    case economy
    case skillDemand = "skill_demand"
    case programs
    case targets

    /// File-name prefix that assigns a file to this table (`workers_2021.csv`, `workers/part-1.csv`).
    public var filePrefix: String { rawValue }

    /// Whether a run can go on without this table.
    public var isOptional: Bool { self != .workers }

    public static func < (lhs: TableKind, rhs: TableKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
