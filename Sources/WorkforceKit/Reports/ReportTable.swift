/// A report as a table of typed cells, independent of the file format it is written in.
public struct ReportTable: Sendable, Equatable {
    /// File name without extension, e.g. `wages`.
    public let name: String
    public let columns: [String]
    public private(set) var rows: [[ReportCell]] = []

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [ReportCell]) {
        precondition(row.count == columns.count, "\(name): row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}

/// One cell of a report: text, a whole number, a decimal number, or empty.
public enum ReportCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case integer(Int)
    /// A decimal; NaN and infinities are written as an empty cell.
    case number(Double)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// A number when present and finite, otherwise an empty cell.
    public static func optional(_ value: Double?) -> ReportCell {
        guard let value, value.isFinite else { return .empty }
        return .number(value)
    }
}
