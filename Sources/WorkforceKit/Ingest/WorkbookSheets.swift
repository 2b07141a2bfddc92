import Foundation

/// Excel inputs as the reader sees them: each .xlsx file stands for its sheets that hold its table,
/// and a sheet is read like any CSV file through `TableReader`, its rows named by their cells.
enum WorkbookSheets {
    /// `catalog` with each .xlsx file replaced by its sheets that hold the table (`SheetCSV.sheets`),
    /// each named `workers.xlsx!Sheet1`. The header rows found here are not looked for again.
    /// `aliases`: header spellings the survey plan adds, per table and column (`TableSchemas.columns`).
    static func expand(
        _ catalog: [TableKind: [InputFile]], aliases: [TableKind: [String: [String]]] = [:]
    ) throws(InputError) -> [TableKind: [InputFile]] {
        var expanded: [TableKind: [InputFile]] = [:]
        for (table, files) in catalog {
            var inputs: [InputFile] = []
            for file in files {
                guard file.isWorkbook else {
                    inputs.append(file)
                    continue
                }
                let workbook = try Workbook(file)
                let columns = TableSchemas.columns(of: table, aliases: aliases[table] ?? [:])
                let sheets = try SheetCSV.sheets(of: workbook, columns: columns)
                for sheet in sheets {
                    var input = InputFile(
                        table: table, path: file.path, name: "\(file.name)!\(workbook.sheets[sheet.index].name)")
                    input.sheet = .init(
                        index: sheet.index, sheetName: workbook.sheets[sheet.index].name, workbookName: file.name,
                        headerRow: sheet.headerRow, sheets: sheets.count)
                    inputs.append(input)
                }
            }
            expanded[table] = inputs
        }
        return expanded
    }
}

extension TableReader {
    /// Reads one sheet of a workbook (`file.sheet`): written as a private temporary CSV whose
    /// lines are the sheet's rows, then read as CSV; a quarantined row's `file` names its cell
    /// (`workers.xlsx!Sheet1!H6`). The account's `bytes`, and the offsets `advanced` receives, are
    /// the sheet's share of the workbook's bytes: nine tenths while the sheet is turned into CSV
    /// (most of the time), the last tenth while the CSV is read.
    func read(
        sheet file: InputFile, _ part: InputFile.SheetPart, fileNumber: Int, duplicates: inout DuplicateKeyIndex,
        fileNames: [String], quarantine: (QuarantineEntry) -> Void,
        consume: ([Validator.Batch]) throws(InputError) -> Void, advanced: (Int) -> Void
    ) throws(InputError) -> FileAccount {
        let before = FileIdentity(path: file.path)
        let share = (before?.size ?? 0) / max(1, part.sheets)
        let converting = share * 9 / 10
        let workbook = try Workbook(InputFile(table: file.table, path: file.path, name: part.workbookName))
        // Sheets were listed when the inputs were; a workbook saved over since may have others.
        guard workbook.sheets.indices.contains(part.index), workbook.sheets[part.index].name == part.sheetName else {
            throw .changedDuringRun(file: part.workbookName)
        }
        let csv = try SheetCSV.write(workbook, sheet: part.index, headerRow: part.headerRow, columns: columns) {
            advanced(Int($0 * Double(converting)))
        }
        defer { csv.remove() }
        // A workbook saved over while its sheet was read would mix two versions.
        if FileIdentity(path: file.path) != before { throw .changedDuringRun(file: part.workbookName) }
        let csvBytes = max(1, FileIdentity(path: csv.path)?.size ?? 1)
        var account = try read(
            InputFile(table: file.table, path: csv.path, name: file.name), fileNumber: fileNumber,
            duplicates: &duplicates, fileNames: fileNames,
            quarantine: { entry in
                let cell = csv.cell(row: entry.line, column: entry.column, columns: columns)
                quarantine(entry.placed(in: "\(entry.file)!\(cell)"))
            }, consume: consume
        ) { offset in
            advanced(converting + offset * (share - converting) / csvBytes)
        }
        account.bytes = share
        account.inputFile = part.workbookName
        account.readIdentity = before
        return account
    }
}
