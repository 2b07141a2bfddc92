import Foundation

/// The tabular reports of a run, written side by side as CSV files.
struct ReportSet {
    let csv: CSVReportWriter
    private(set) var tables: [ReportTable] = []

    init(csv: CSVReportWriter) {
        self.csv = csv
    }

    mutating func add(_ table: ReportTable) { tables.append(table) }

    /// File names, relative to the output folder.
    var fileNames: [String] { tables.map { "\($0.name).csv" } }

    /// Writes every table as `<name>.csv` into `folder`.
    func write(into folder: URL) throws(OutputError) {
        for table in tables {
            try FileOutput.write(csv.render(table), to: folder.appendingPathComponent("\(table.name).csv").path)
        }
    }
}
