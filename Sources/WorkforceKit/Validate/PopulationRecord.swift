/// One accepted row of population.csv: a population total a plan's `[calibration]` calibrates to.
public struct PopulationRecord: Sendable, Equatable {
    public var year: Int
    /// A margin (a column or a cross, as the reports name breakdowns) or a numeric column.
    public var margin: String
    /// The margin's code as the `domain` column shows it; empty for a numeric column's total.
    public var code: String
    public var total: Double
}

/// Turns a raw population record into a `PopulationRecord`. A total ≤ 0 is accepted here and
/// refused by calibration, which names its margin and code.
struct PopulationRowValidator: RecordValidator {
    static let table = TableKind.population

    func validate(_ fields: FieldReader) throws(RowIssue) -> PopulationRecord {
        let year = try fields.integer(0, 1900...2100, required: true) ?? 0
        let margin = try fields.text(1, required: true) ?? ""
        let code = try fields.text(2, required: false) ?? ""
        let total =
            try fields.decimal(3, required: true, rule: "between -10^15 and 10^15") { abs($0) <= 1e15 } ?? 0
        return PopulationRecord(
            year: year, margin: PopulationRecord.marginName(margin), code: code, total: total)
    }

    func duplicateKey(_ row: PopulationRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: "\(row.margin)\u{1F}\(row.code)")
    }
}

extension PopulationRecord {
    /// A margin as the reports name it: "industry x sex" and "industry × sex" are industry_x_sex.
    static func marginName(_ written: String) -> String {
        written.replacingOccurrences(of: "×", with: " x ").components(separatedBy: " x ")
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "_x_")
    }
}
