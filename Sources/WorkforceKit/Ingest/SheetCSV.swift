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
    /// The header's names, one per CSV field, as the sheet spells them.
    let headers: [String]
    /// The sheet's column (0-based) of each CSV field.
    let sheetColumns: [Int]

    private let folder: URL

    /// The rows searched for a sheet's header.
    static let headerRows = 20
    /// The rows looked at for a header that sits too low, or a sheet that nearly has one.
    static let examinedRows = 200

    /// The sheets that hold `table` in `workbook`, with their header rows: every sheet whose header
    /// names the table's required columns, or the first sheet when none does (its first row then
    /// stands as its header, and is reported as wrong). A sheet that looks like the table — one of
    /// its first rows names most of the required columns — but has no usable header among its first
    /// 20 rows stops the run, like a CSV whose header lacks a column; a sheet that is clearly not the
    /// table (a README, notes) is passed over.
    static func sheets(of workbook: Workbook, columns: [ColumnSpec]) throws(InputError) -> [(
        index: Int, headerRow: Int?
    )] {
        var matching: [(index: Int, headerRow: Int?)] = []
        for index in workbook.sheets.indices {
            if let row = try headerRow(workbook, sheet: index, columns: columns) { matching.append((index, row)) }
        }
        return matching.isEmpty ? [(0, nil)] : matching
    }

    /// The row number of sheet `index`'s header for a table of `columns`, if one of its first 20 rows is
    /// one; nil when the sheet is not the table. Throws when it looks like the table without a usable header.
    static func headerRow(_ workbook: Workbook, sheet index: Int, columns: [ColumnSpec]) throws(InputError) -> Int? {
        let rows = try workbook.leadingRows(ofSheet: index, count: examinedRows)
        let lookup = HeaderMap.columnIndex(columns)
        let required = columns.indices.filter { columns[$0].required }
        var best: (number: Int, named: Set<Int>)?
        for (position, (number, cells)) in rows.enumerated() {
            let headers = Self.fields(cells)
            if (try? HeaderMap(headers: headers, columns: columns, file: "")) != nil {
                if position < headerRows { return number }
                throw .sheetWithoutHeader(
                    sheet: "\(workbook.file.name)!\(workbook.sheets[index].name)",
                    reason: "its header is row \(number), below the first \(headerRows) rows searched "
                        + "(rows \(rows[0].number)–\(rows[headerRows - 1].number)); delete the rows above it")
            }
            let named = Set(headers.compactMap { lookup[HeaderMap.normalise($0)] }).intersection(required)
            if named.count > best?.named.count ?? 0 { best = (number, named) }
        }
        // Most required columns named: the sheet is meant as the table.
        guard let best, best.named.count * 2 > required.count else { return nil }
        let missing = required.filter { !best.named.contains($0) }.map { columns[$0].name }
        let searched = rows.first.map { "rows \($0.number)–\(rows[min(rows.count, headerRows) - 1].number)" } ?? ""
        throw .sheetWithoutHeader(
            sheet: "\(workbook.file.name)!\(workbook.sheets[index].name)",
            reason: missing.isEmpty
                ? "row \(best.number) names every required column but one of them twice (\(searched) searched); keep one of each"
                : "no header among \(searched) names every required column; row \(best.number) names "
                    + "\(best.named.count) of the \(required.count) but not \(missing.joined(separator: ", ")); rename the "
                    + "column(s) (English or Chinese names, docs/inputs.md), or move the sheet out of the workbook if it is "
                    + "not this table")
    }

    /// Writes sheet `index` of `workbook` as CSV for `table`, its header on row `headerRow` (`sheets`;
    /// nil: the first row); `progress` receives the share of the sheet's rows written so far, every
    /// 4,096 rows, when the sheet gives its size.
    ///
    /// The CSV's fields are the header's named columns (unnamed ones are ignored by the reader
    /// anyway), then any value a row holds right of the header, which makes that row's field count
    /// wrong (it is quarantined): a note far right (`XFD1`) adds one field, not 16,000 empty ones.
    /// The CSV may not grow past `sizeLimit` of the workbook's size.
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
        var sheetColumns: [Int] = []
        var headerRow = headerRow
        var yearField: Int?
        var buffer = Data()
        var written = 0  // rows written so far (the CSV's line count)
        let limit = sizeLimit(workbookBytes: workbook.bytes)
        var flushed = 0
        var longest = (bytes: 0, cell: "")
        var failure: InputError?
        func flush() {
            guard failure == nil, !buffer.isEmpty else { return }
            do {
                try output.write(contentsOf: buffer)
            } catch {
                failure = Workbook.writeFailure(error, file: name, what: "its rows")
            }
            flushed += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        do throws(InputError) {
            try workbook.rows(ofSheet: index) { number, cells, lastRow in
                if number % 4096 == 0, let lastRow, lastRow > 0 { progress(min(1, Double(number) / Double(lastRow))) }
                // Blank lines up to this row, so that line numbers are row numbers (rows are bounded and ascending).
                if number > written + 1 { buffer.append(contentsOf: repeatElement(0x0A, count: number - written - 1)) }
                written = number
                if headerRow == nil { headerRow = number }  // no header found: the first row stands as one
                if number == headerRow {
                    sheetColumns = cells.filter { !$0.value.isEmpty }.keys.sorted()
                    headers = sheetColumns.map { cells[$0] ?? "" }
                    yearField = (try? HeaderMap(headers: headers, columns: columns, file: "")).flatMap { map in
                        columns.firstIndex { $0.name == "year" }.flatMap { map.fieldIndex[$0] }
                    }
                }
                if number < headerRow! {
                    buffer.append(0x0A)  // a title row above the header
                } else {
                    var fields = number == headerRow ? headers : Self.fields(cells, at: sheetColumns)
                    if let yearField, number != headerRow, yearField < fields.count {
                        fields[yearField] = Self.year(fields[yearField])
                    }
                    // A row with a value only in an unnamed column is still a row (of empty fields).
                    if cells.values.allSatisfy(\.isEmpty), number != headerRow {
                        buffer.append(0x0A)
                    } else {
                        for (field, text) in fields.enumerated() where text.utf8.count > longest.bytes {
                            let column = field < sheetColumns.count ? sheetColumns[field] : field
                            longest = (text.utf8.count, CellReference.letters(column) + String(number))
                        }
                        buffer.append(contentsOf: Self.line(fields).utf8)
                    }
                }
                if flushed + buffer.count > limit {
                    failure = .unreadableWorkbook(
                        file: workbook.file.name,
                        reason: "sheet \(workbook.sheets[index].name) converts to more than \(limit) bytes of rows, "
                            + "over \(expansion) times the workbook's \(workbook.bytes) bytes: its longest cell, "
                            + "\(longest.cell), holds \(longest.bytes) bytes, repeated in many cells? Not a survey return")
                    return false
                }
                if buffer.count >= 1 << 20 { flush() }
                return failure == nil
            }
            flush()
            try? output.close()
            if let failure { throw failure }
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return SheetCSV(path: path, headers: headers, sheetColumns: sheetColumns, folder: folder)
    }

    /// How many times the workbook's size a sheet's CSV may reach (at least 64 MiB): survey sheets
    /// come to a few times their workbook; one long text referenced by thousands of cells, far more.
    static let expansion = 200

    /// The most bytes of CSV a sheet of a workbook of `workbookBytes` may convert to.
    static func sizeLimit(workbookBytes: Int) -> Int {
        let scaled = workbookBytes.multipliedReportingOverflow(by: expansion)
        return max(64 << 20, scaled.overflow ? Int.max : scaled.partialValue)
    }

    /// Deletes the CSV and its folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The cell reference of a quarantined row: its column's cell when the column is known, else its first.
    func cell(row: Int, column: String, columns: [ColumnSpec]) -> String {
        guard !column.isEmpty, let map = try? HeaderMap(headers: headers, columns: columns, file: ""),
            let spec = columns.firstIndex(where: { $0.name == column }), let field = map.fieldIndex[spec],
            field < sheetColumns.count
        else { return "A\(row)" }
        return "\(CellReference.letters(sheetColumns[field]))\(row)"
    }

    /// A row's values in `sheetColumns` (missing cells empty), then its values right of the last of them.
    static func fields(_ cells: [Int: String], at sheetColumns: [Int]) -> [String] {
        let last = sheetColumns.last ?? -1
        return sheetColumns.map { cells[$0] ?? "" }
            + cells.filter { $0.key > last && !$0.value.isEmpty }.sorted { $0.key < $1.key }.map(\.value)
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
