import Foundation

/// The tabular reports of a run, written side by side as CSV files and together as one workbook.
struct ReportSet {
    let csv: CSVReportWriter
    let xlsx: XLSXWriter
    private(set) var tables: [ReportTable] = []

    init(csv: CSVReportWriter, xlsx: XLSXWriter) {
        self.csv = csv
        self.xlsx = xlsx
    }

    mutating func add(_ table: ReportTable) { tables.append(table) }

    static let workbookName = "workforce.xlsx"

    /// File names, relative to the output folder.
    var fileNames: [String] { tables.map { "\($0.name).csv" } + [Self.workbookName] }

    /// Writes every table as `<name>.csv`, and the workbook, into `folder`.
    func write(into folder: URL, readme: ReportTable) throws(OutputError) {
        for table in tables {
            try FileOutput.write(csv.render(table), to: folder.appendingPathComponent("\(table.name).csv").path)
        }
        let workbook: Data
        do {
            workbook = try xlsx.render(readme: readme, sheets: tables)
        } catch {
            throw .cannotWrite(path: Self.workbookName, reason: "\(error)")
        }
        try FileOutput.write(Array(workbook), to: folder.appendingPathComponent(Self.workbookName).path)
    }
}
