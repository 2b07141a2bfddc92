import Foundation

/// One sheet of an .xlsx input as a private temporary CSV file whose line numbers are the sheet's row numbers.
///
/// The sheet's header is the first of its first 20 rows that names the table's required
/// columns (a title row above it, merged or not, is passed over); rows before the header and
/// rows with no value are blank lines, which the CSV reader skips without counting them,
/// so line 12 of the CSV is row 12 of the sheet and every message names the sheet's own
/// row. A header cell merged across several columns names the first; the others have no
/// name and are ignored, like any unnamed column. A date typed in the `year` column gives
/// its year.
struct SheetCSV {
    /// The CSV file (in a folder only this user can enter); removed by `remove()`.
    let path: String
    /// The header's names by column (0-based), as the sheet spells them.
    let headers: [String]

    private let folder: URL

    /// The sheets that hold `table` in `workbook`, with their header rows: every sheet whose header
    /// names the table's required columns, or the first sheet when none does (its first row then
    /// stands as its header, and is reported as wrong).
    static func sheets(of workbook: Workbook, columns: [ColumnSpec]) throws(InputError) -> [(
        index: Int, headerRow: Int?
    )] {
        var matching: [(index: Int, headerRow: Int?)] = []
        for index in workbook.sheets.indices {
            if let row = try headerRow(workbook, sheet: index, columns: columns) { matching.append((index, row)) }
        }
        return matching.isEmpty ? [(0, nil)] : matching
    }

    /// The row number of sheet `index`'s header for a table of `columns`, if one of its first 20 rows is one.
    static func headerRow(_ workbook: Workbook, sheet index: Int, columns: [ColumnSpec]) throws(InputError) -> Int? {
        for (number, cells) in try workbook.leadingRows(ofSheet: index, count: 20) {
            if (try? HeaderMap(headers: Self.fields(cells), columns: columns, file: "")) != nil { return number }
        }
        return nil
    }

    /// Writes sheet `index` of `workbook` as CSV for `table`, its header on row `headerRow` (`sheets`;
    /// nil: the first row); `progress` receives the share of the sheet's rows written so far, every
    /// 4,096 rows, when the sheet gives its size.
    static func write(
        _ workbook: Workbook, sheet index: Int, headerRow: Int?, columns: [ColumnSpec],
        progress: (Double) -> Void = { _ in }
    ) throws(InputError) -> SheetCSV {
        let name = "\(workbook.file.name)!\(workbook.sheets[index].name)"
        let folder = try Workbook.temporaryFolder("csv", file: name)
        let path = folder.appendingPathComponent("sheet.csv").path
        guard let output = FileHandle(forWritingAtPath: path) ?? Self.create(path) else {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadableWorkbook(file: name, reason: "no temporary file for its rows")
        }
        var headers: [String] = []
        var headerRow = headerRow
        var yearField: Int?
        var buffer = Data()
        var written = 0  // rows written so far (the CSV's line count)
        var failure: Error?
        func flush() {
            guard failure == nil, !buffer.isEmpty else { return }
            do { try output.write(contentsOf: buffer) } catch { failure = error }
            buffer.removeAll(keepingCapacity: true)
        }
        do throws(InputError) {
            try workbook.rows(ofSheet: index) { number, cells, lastRow in
                if number % 4096 == 0, let lastRow, lastRow > 0 { progress(min(1, Double(number) / Double(lastRow))) }
                // Blank lines up to this row, so that line numbers are row numbers.
                if number > written + 1 { buffer.append(contentsOf: repeatElement(0x0A, count: number - written - 1)) }
                written = number
                if headerRow == nil { headerRow = number }  // no header found: the first row stands as one
                if number == headerRow {
                    headers = Self.fields(cells)
                    yearField = (try? HeaderMap(headers: headers, columns: columns, file: "")).flatMap { map in
                        columns.firstIndex { $0.name == "year" }.flatMap { map.fieldIndex[$0] }
                    }
                }
                if number < headerRow! {
                    buffer.append(0x0A)  // a title row above the header
                } else {
                    var fields = Self.fields(cells, width: number == headerRow ? 0 : headers.count)
                    if let yearField, number != headerRow, yearField < fields.count {
                        fields[yearField] = Self.year(fields[yearField])
                    }
                    if fields.allSatisfy(\.isEmpty), number != headerRow {
                        buffer.append(0x0A)
                    } else {
                        buffer.append(contentsOf: Self.line(fields).utf8)
                    }
                }
                if buffer.count >= 1 << 20 { flush() }
                return failure == nil
            }
            flush()
            try? output.close()
            if let failure { throw InputError.unreadableWorkbook(file: name, reason: "\(failure)") }
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return SheetCSV(path: path, headers: headers, folder: folder)
    }

    /// Deletes the CSV and its folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The cell reference of a quarantined row: its column's cell when the column is known, else its first.
    func cell(row: Int, column: String, columns: [ColumnSpec]) -> String {
        guard !column.isEmpty, let map = try? HeaderMap(headers: headers, columns: columns, file: ""),
            let spec = columns.firstIndex(where: { $0.name == column }), let field = map.fieldIndex[spec]
        else { return "A\(row)" }
        return "\(CellReference.letters(field))\(row)"
    }

    /// A row's values from column A to its last value (or `width` columns, if more), missing cells empty.
    static func fields(_ cells: [Int: String], width: Int = 0) -> [String] {
        let last = cells.filter { !$0.value.isEmpty }.keys.max() ?? -1
        return (0..<max(width, last + 1)).map { cells[$0] ?? "" }
    }

    /// A date in the year column gives its year (`2021-06-30` → `2021`).
    static func year(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[0].allSatisfy(\.isNumber) else { return text }
        return String(parts[0])
    }

    /// One CSV line (RFC 4180 quoting, LF).
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    private static func create(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { return nil }
        return FileHandle(forWritingAtPath: path)
    }
}
