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

    /// Writes every table as `<name>.csv`, and the workbook, into `folder`; with `jobs` > 1 the
    /// workbook is rendered while the CSV files are written. The first error (CSV files first) is thrown.
    func write(into folder: URL, readme: ReportTable, jobs: Int = 1) throws(OutputError) {
        let (tables, csv, xlsx) = (tables, csv, xlsx)
        let outcomes = concurrentMap(2, jobs: jobs) { part -> Result<Void, OutputError> in
            do throws(OutputError) {
                if part == 0 {
                    for table in tables {
                        try FileOutput.write(
                            csv.render(table), to: folder.appendingPathComponent("\(table.name).csv").path)
                    }
                } else {
                    let workbook: Data
                    do {
                        workbook = try xlsx.render(readme: readme, sheets: tables)
                    } catch {
                        throw .cannotWrite(path: Self.workbookName, reason: "\(error)")
                    }
                    try FileOutput.write(Array(workbook), to: folder.appendingPathComponent(Self.workbookName).path)
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        for outcome in outcomes {
            if case .failure(let error) = outcome { throw error }
        }
    }
}
