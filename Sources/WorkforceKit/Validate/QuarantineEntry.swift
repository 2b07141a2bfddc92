/// A row set aside because it breaks the contract: where it is, what is wrong, and the row itself.
public struct QuarantineEntry: Sendable, Equatable {
    public let table: TableKind
    /// Input file, as given on the command line (relative to the inputs folder); for a row of an
    /// .xlsx input, its cell: `workers.xlsx!Sheet1!M12` (the column at fault, or A when the whole row is).
    public let file: String
    /// Physical line where the record starts (1-based).
    public let line: Int
    /// Column at fault, or "" when the whole record is.
    public let column: String
    /// Short reason code, e.g. `out of range`.
    public let reason: String
    /// A sentence saying what is wrong and what is expected.
    public let detail: String
    /// The raw record, as it stands in the file.
    public let record: String
}

extension QuarantineEntry {
    /// The same entry with `file` naming its place as `place` (a workbook's cell reference).
    func placed(in place: String) -> QuarantineEntry {
        QuarantineEntry(
            table: table, file: place, line: line, column: column, reason: reason, detail: detail, record: record)
    }
}
