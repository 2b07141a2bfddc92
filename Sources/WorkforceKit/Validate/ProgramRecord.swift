/// One accepted row of programs.csv: an administrative tally for a policy target.
public struct ProgramRecord: Sendable, Equatable {
    public var year: Int
    public var program: String
    public var value: Double
}

/// Turns a raw programs record into a `ProgramRecord`.
struct ProgramRowValidator: RecordValidator {
    static let table = TableKind.programs

    func validate(_ fields: FieldReader) throws(RowIssue) -> ProgramRecord {
        ProgramRecord(
            year: try fields.integer(0, 1900...2100, required: true) ?? 0,
            program: try fields.text(1, required: true) ?? "",
            value: try fields.decimal(2, required: true, rule: "between 0 and 10^12") {
                $0 >= 0 && $0 <= PlausibleMaximum.programValue
            } ?? 0)
    }

    func duplicateKey(_ row: ProgramRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: row.program)
    }
}
