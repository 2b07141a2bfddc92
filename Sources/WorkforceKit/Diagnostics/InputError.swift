/// Why an input cannot be used at all; a bad row is never one of these (it goes to quarantine).
public enum InputError: WorkforceError, Equatable {
    case folderMissing(path: String)
    /// `--inputs` names a file: the inputs are a folder of tables.
    case inputsNotAFolder(path: String)
    /// No workers table; `unread`: files named like one in a format the product does not read.
    case noWorkersFile(folder: String, unread: [String] = [])
    case unreadable(file: String, reason: String)
    case notRegularFile(file: String, kind: String)
    case unreadableFolder(folder: String, reason: String)
    case noWorkerRowsAccepted(read: Int)
    case noRowsAccepted(table: TableKind, read: Int)
    case emptyFile(file: String)
    case missingColumns(file: String, columns: [String], fieldCount: Int, recognised: [String])
    case duplicateColumn(file: String, column: String, firstField: Int, secondField: Int)
    case unsupportedEncoding(file: String, encoding: String)
    case notCSV(file: String, reason: String)
    case unreadableWorkbook(file: String, reason: String)
    case sheetWithoutHeader(sheet: String, reason: String)
    case temporarySpaceFull(file: String, folder: String)
    case changedDuringRun(file: String)
    case tooManyPSUs(limit: Int)

    public var exitStatus: ExitStatus {
        switch self {
        case .folderMissing, .inputsNotAFolder, .noWorkersFile, .unreadable, .notRegularFile, .unreadableFolder:
            .noInput
        case .temporarySpaceFull: .ioError
        default: .dataError
        }
    }

    public var description: String {
        switch self {
        case .folderMissing(let path):
            "input folder \(path) does not exist; pass --inputs DIR or run `make sample` to create the sample"
        case .inputsNotAFolder(let path):
            "--inputs \(path) is a file, not a folder; pass the folder that holds it (the inputs are a folder of tables: docs/inputs.md)"
        case .noWorkersFile(let folder, let unread) where !unread.isEmpty:
            "no workers*.csv, workers*.tsv or workers*.xlsx in \(folder); \(unread.joined(separator: ", ")) "
                + "cannot be read (an .xls, WPS .et or other spreadsheet format): save it as .xlsx or CSV (UTF-8) "
                + "in Excel or WPS, then run again (docs/inputs.md)"
        case .noWorkersFile(let folder, _):
            "no workers*.csv, workers*.tsv or workers*.xlsx in \(folder): the workers table is required (see docs/inputs.md)"
        case .unreadable(let file, let reason):
            "\(file): cannot be read (\(reason)); check that it exists and is readable"
        case .notRegularFile(let file, let kind):
            "\(file): \(kind), not a plain file; inputs must be plain files (move it out of the input folder)"
        case .unreadableFolder(let folder, let reason):
            "\(folder): the folder cannot be listed (\(reason)); its input files would be left out — "
                + "make it readable (chmod a+rx) or move it out of the input folder"
        case .noWorkerRowsAccepted(let read):
            "workers: no row was accepted (\(read) read, all quarantined or none at all); "
                + "the published reports were left as they were. Run `workforce validate` and read quarantine/workers.csv"
        case .noRowsAccepted(let table, let read):
            "\(table.rawValue): no row was accepted (\(read) read): \(table.withoutRows). With --max-reject-rate "
                + "an empty table stops the run and the published reports were left as they were; add the table's "
                + "rows, or remove its file to run without it"
        case .emptyFile(let file):
            "\(file):1: the file is empty; a header row is required (see docs/inputs.md)"
        case .missingColumns(let file, let columns, let fieldCount, let recognised):
            "\(file):1: missing required column(s) \(columns.joined(separator: ", ")); the first row has "
                + "\(fieldCount) field(s), \(recognised.count) of them contract columns"
                + (recognised.isEmpty ? " (no header row?)" : " (\(recognised.joined(separator: ", ")))")
                + " — add a header row, rename the columns (English or Chinese names, docs/inputs.md) or check the delimiter"
        case .duplicateColumn(let file, let column, let first, let second):
            "\(file):1: column \(column) appears twice (fields \(first) and \(second)); keep one of them"
        case .unsupportedEncoding(let file, let encoding):
            "\(file): encoding \(encoding) is not supported; save the file as UTF-8"
        case .notCSV(let file, let reason):
            "\(file): not a CSV file (\(reason))"
        case .unreadableWorkbook(let file, let reason):
            "\(file): not a readable Excel workbook (\(reason)); save it again as .xlsx from Excel or WPS, "
                + "or export the sheet as CSV UTF-8"
        case .sheetWithoutHeader(let sheet, let reason):
            "\(sheet): the sheet looks like this table but cannot be read as it: \(reason)"
        case .temporarySpaceFull(let file, let folder):
            "\(file): no space left in TMPDIR (\(folder)) for the sheet's rows while converting it; free space "
                + "there or point TMPDIR at a larger disk, then run again"
        case .tooManyPSUs(let limit):
            "workers: more than \(limit) distinct (stratum, psu) pairs; memory grows with the design's PSUs. "
                + "Check the psu and stratum columns (a row-level id used as PSU?), or raise the limit with --max-psus"
        case .changedDuringRun(let file):
            "\(file): the file changed while it was being read; run again when uploads are complete"
        }
    }
}
