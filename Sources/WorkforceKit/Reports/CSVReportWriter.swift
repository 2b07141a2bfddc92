/// Renders a `ReportTable` as RFC 4180 CSV text that spreadsheets open cleanly.
///
/// Text that could run as a formula is neutralised (`FormulaGuard`).
/// UTF-8 with a BOM by default (Excel on Chinese Windows needs it to read
/// UTF-8), LF line ends, `.` decimals, numbers in the shortest form that reads
/// back to the same Double, and NaN/infinity as empty cells.
public struct CSVReportWriter: Sendable {
    public var byteOrderMark = true

    public init(byteOrderMark: Bool = true) {
        self.byteOrderMark = byteOrderMark
    }

    /// The whole file's bytes.
    public func render(_ table: ReportTable) -> [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(64 * (table.rows.count + 1))
        appendLine(table.columns.map(ReportCell.text), to: &out)
        for row in table.rows { appendLine(row, to: &out) }
        return out
    }

    private func appendLine(_ cells: [ReportCell], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let text): appendQuoted(FormulaGuard.neutralise(text), to: &out)
            case .integer(let value): out.append(contentsOf: String(value).utf8)
            case .number(let value): if value.isFinite { out.append(contentsOf: Self.format(value).utf8) }
            case .empty: break
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    private func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Shortest round-trip decimal, without exponent for everyday magnitudes; whole numbers without ".0".
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
