import TOMLKit

/// A statistic of a kind a plan section defines (`[ratios.<code>]`, `[totals.<code>]` …): its
/// code, names and unit in both languages, clause, and the request it compiles to. Each kind is
/// published in a report of the section's name (ratios.csv, totals.csv).
public struct PlanStatistic: Sendable, Equatable {
    /// The section, and report, of its kind.
    public let kind: String
    public let code: String
    public let label: IndicatorLabel
    public let unit: IndicatorLabel
    /// The policy clause it serves, for the `clause` column.
    public let clause: String
    let request: Request
}

/// A kind of plan statistic: the section that defines it, which names its report too, the keys
/// the section takes besides en, zh, unit and clause, and how it reads them into a statistic.
struct PlanStatisticKind: Sendable {
    let section: String
    /// The report's sheet name in the Chinese workbook.
    let chineseSheetName: String
    let keys: [String]
    /// The commented example `plan init` writes.
    let example: String
    /// Reads the kind's own keys: the column whose unit is the statistic's unless the section
    /// gives one, and the statistic of indicator `code`.
    let read:
        @Sendable (PlanValue, _ code: String, TOMLTable, _ section: String, PlanKeyLines, inout ExtraColumns)
            throws(PlanError) -> (unitOf: String, statistic: Statistic)

    /// Every kind, in the order their reports are built.
    static let all: [PlanStatisticKind] = [.ratios, .totals]

    /// Most statistics of one kind a plan defines.
    static let maxEach = 40

    static func named(_ section: String) -> PlanStatisticKind? { all.first { $0.section == section } }
}

extension PlanValue {
    /// A section of a plan statistic: its code, keys, names, unit and clause; the kind reads the rest.
    func statistic(_ kind: PlanStatisticKind, code: String, lines: PlanKeyLines, extras: inout ExtraColumns)
        throws(PlanError) -> PlanStatistic
    {
        let section = "\(kind.section).\(code)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a statistic's code is lower-case letters, digits and _, e.g. hours_per_trainee")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the statistic a code of its own")
        }
        let table = try entries(section, (kind.keys + ["en", "zh"]).joined(separator: ", "))
        try onlyKeys(
            table, kind.keys + ["en", "zh", "unit", "clause"], section: section, lines: lines,
            kind: "[\(kind.section).<code>]")
        let (unitOf, statistic) = try kind.read(self, code, table, section, lines, &extras)
        let (label, unit) = try nameAndUnit(table, of: unitOf, section: section, lines: lines, extras: extras)
        return PlanStatistic(
            kind: kind.section, code: code, label: label, unit: unit, clause: table["clause"]?.string ?? "",
            request: Request(indicator: code, statistic: statistic))
    }
}
