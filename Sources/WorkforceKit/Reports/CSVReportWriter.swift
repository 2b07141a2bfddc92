/// Renders a `ReportTable` as RFC 4180 CSV text that spreadsheets open cleanly.
///
/// Text that could run as a formula is neutralised (`FormulaGuard`).
/// UTF-8 with a BOM by default (Excel on Chinese Windows needs it to read
/// UTF-8), LF line ends, `.` decimals, numbers in the shortest form that reads
/// back to the same Double, and NaN/infinity as empty cells.
public struct CSVReportWriter: Sendable {
    public var byteOrderMark = true
    /// End lines with CRLF (Windows tools that want it) instead of LF.
    public var crlf = false

    public init(byteOrderMark: Bool = true, crlf: Bool = false) {
        self.byteOrderMark = byteOrderMark
        self.crlf = crlf
    }

    /// The whole file's bytes.
    public func render(_ table: ReportTable) -> [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(64 * (table.rows.count + 1))
        appendLine(table.columns.map(ReportCell.text), to: &out)
        for row in table.rows { appendLine(row, to: &out) }
        return out
    }

    /// Appends one CSV line (quoting, formula guard and line end as in `render`).
    func appendLine(_ cells: [ReportCell], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let text): appendQuoted(FormulaGuard.neutralise(text), to: &out)
            case .integer(let value): out.append(contentsOf: String(value).utf8)
            case .number(let value): if value.isFinite { out.append(contentsOf: Self.format(value).utf8) }
            case .empty: break
            }
        }
        if crlf { out.append(UInt8(ascii: "\r")) }
        out.append(UInt8(ascii: "\n"))
    }

    private func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
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

    /// Shortest round-trip decimal, written plainly — no exponent, `.` as the decimal point, no
    /// thousands separators; whole numbers without ".0".
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = "\(value)"
        guard let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(shortest[shortest.index(after: e)...])
        else {
            return shortest
        }
        // Move the decimal point of the shortest digits instead of writing an exponent.
        var mantissa = String(shortest[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var text = String(digits.prefix(point)) + (point < digits.count ? "." + digits.dropFirst(point) : "")
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (negative ? "-" : "") + text
    }
}
