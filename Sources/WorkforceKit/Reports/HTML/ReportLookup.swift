/// Finds values in long-form report tables by (year, scope, by, domain, indicator).
struct ReportLookup {
    private var index: [String: [ReportCell]] = [:]
    let table: ReportTable
    private let positions: [String: Int]

    init(_ table: ReportTable) {
        self.table = table
        positions = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        for row in table.rows {
            let key = ["year", "scope", "by", "domain", "indicator"].map {
                positions[$0].map { Self.text(row[$0]) } ?? ""
            }
            index[key.joined(separator: "|")] = row
        }
    }

    func row(_ year: Int, _ indicator: String, scope: String = "all", by: String = "all", domain: String = "all")
        -> [ReportCell]?
    {
        index["\(year)|\(scope)|\(by)|\(domain)|\(indicator)"]
    }

    /// A numeric column of a row (`estimate` by default); nil when empty or absent.
    func number(
        _ year: Int, _ indicator: String, scope: String = "all", by: String = "all", domain: String = "all",
        column: String = "estimate"
    ) -> Double? {
        guard let row = row(year, indicator, scope: scope, by: by, domain: domain), let position = positions[column]
        else { return nil }
        switch row[position] {
        case .number(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The CSV text of a cell, exactly as the CSV report writes it.
    static func text(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? CSVReportWriter.format(value) : ""
        case .empty: ""
        }
    }

    func column(_ name: String) -> Int? { positions[name] }

    /// Years present, ascending.
    var years: [Int] {
        guard let position = positions["year"] else { return [] }
        return Set(table.rows.compactMap { if case .integer(let year) = $0[position] { year } else { nil } }).sorted()
    }
}
