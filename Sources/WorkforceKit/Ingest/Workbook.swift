import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An .xlsx input: its sheets, shared strings and date styles, and each sheet's rows as typed text.
///
/// The ZIP container is read by ZIPFoundation and the XML by Foundation's `XMLParser`. A
/// sheet is extracted to a private temporary file and parsed as a stream, so a
/// 1,000,000-row sheet never needs its XML in memory; shared strings are held (one
/// string per distinct text). Cell values become the text a CSV would hold: numbers
/// in plain decimal notation (`8500.5`, `2021`), dates as `yyyy-mm-dd`, booleans as
/// `1`/`0`, formulas as their cached value, errors as written (`#N/A`), which
/// validation then rejects like any bad field.
struct Workbook {
    let file: InputFile
    private let archive: Archive
    /// Sheet names in workbook order, with the path of each sheet's part.
    let sheets: [(name: String, part: String)]
    private let strings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool

    init(_ file: InputFile) throws(InputError) {
        self.file = file
        do {
            archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
        } catch {
            throw .unreadableWorkbook(file: file.name, reason: "not a ZIP archive (\(error))")
        }
        let book = WorkbookXML.Sheets()
        try Self.parse(archive, "xl/workbook.xml", with: book, file: file.name, required: true)
        let relationships = WorkbookXML.Relationships()
        try Self.parse(archive, "xl/_rels/workbook.xml.rels", with: relationships, file: file.name, required: true)
        sheets = book.sheets.compactMap { sheet in
            guard let target = relationships.targets[sheet.id] else { return nil }
            // Targets are relative to xl/, or absolute from the package root.
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return (sheet.name, part)
        }
        guard !sheets.isEmpty else { throw .unreadableWorkbook(file: file.name, reason: "it has no worksheet") }
        let shared = WorkbookXML.SharedStrings()
        try Self.parse(archive, "xl/sharedStrings.xml", with: shared, file: file.name, required: false)
        strings = shared.strings
        let styles = WorkbookXML.DateStyles()
        try Self.parse(archive, "xl/styles.xml", with: styles, file: file.name, required: false)
        dateStyles = styles.isDate
        date1904 = book.date1904
    }

    /// Calls `row(number, values)` for each row of sheet `index` with a cell, values by column index
    /// (absent cells absent); `row` returns false to stop early.
    func rows(ofSheet index: Int, _ row: (Int, [Int: String]) -> Bool) throws(InputError) {
        let sheet = sheets[index]
        guard let entry = archive[sheet.part] else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) has no part \(sheet.part)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workforce-sheet-\(getpid())-\(UUID().uuidString)")
        let xml = folder.appendingPathComponent("sheet.xml")
        do {
            // The sheet's XML holds the survey's rows: a folder only this user can enter.
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            _ = try archive.extract(entry, to: xml)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be extracted (\(error))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let stream = InputStream(url: xml) else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be read back")
        }
        let failure: String? = withoutActuallyEscaping(row) { row in
            let rows = WorkbookXML.Rows { number, cells in
                row(number, cells.mapValues(text))
            }
            let parser = XMLParser(stream: stream)
            parser.delegate = rows
            guard !parser.parse(), !rows.stopped else { return nil }
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            return "sheet \(sheet.name), line \(parser.lineNumber): \(reason)"
        }
        if let failure { throw .unreadableWorkbook(file: file.name, reason: failure) }
    }

    /// The first `count` rows of sheet `index` with a cell (from at most the sheet's first MiB), to find its header.
    func leadingRows(ofSheet index: Int, count: Int) throws(InputError) -> [(number: Int, cells: [Int: String])] {
        let sheet = sheets[index]
        guard let entry = archive[sheet.part] else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) has no part \(sheet.part)")
        }
        struct Enough: Error {}
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count >= 1 << 20 { throw Enough() }
            }
        } catch is Enough {
        } catch {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be extracted (\(error))")
        }
        var found: [(number: Int, cells: [Int: String])] = []
        let rows = WorkbookXML.Rows { number, cells in
            found.append((number, cells.mapValues(text)))
            return found.count < count
        }
        let parser = XMLParser(data: data)
        parser.delegate = rows
        _ = parser.parse()  // a cut-off document ends in an error after its complete rows
        return found
    }

    /// The text a CSV would hold for a cell.
    private func text(_ cell: WorkbookXML.Rows.Cell) -> String {
        switch cell.type {
        case "s": return Int(cell.text).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
        case "b": return cell.text == "1" ? "1" : "0"
        case "str", "inlineStr", "e": return cell.text
        default:
            guard let value = Double(cell.text.trimmingCharacters(in: .whitespaces)) else { return cell.text }
            if cell.style < dateStyles.count, dateStyles[cell.style] { return date(serial: value) }
            return Self.plain(value)
        }
    }

    /// A number in plain decimal notation, as short as reads back to the same value (`2021`, `8500.5`).
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return CSVReportWriter.format(value)
    }

    /// An Excel date serial as `yyyy-mm-dd` (1900 system, or 1904 when the workbook says so).
    func date(serial: Double) -> String {
        // Day 0 of the 1900 system is 1899-12-30 (Excel's 1900-02-29 included); of the 1904 system, 1904-01-01.
        let epoch = date1904 ? -2_082_844_800.0 : -2_209_161_600.0
        let date = Date(timeIntervalSince1970: epoch + (serial * 86_400).rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func parse(
        _ archive: Archive, _ part: String, with delegate: XMLParserDelegate, file: String, required: Bool
    ) throws(InputError) {
        guard let entry = archive[part] else {
            if required { throw .unreadableWorkbook(file: file, reason: "it has no \(part)") }
            return
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw .unreadableWorkbook(file: file, reason: "\(part) cannot be extracted (\(error))")
        }
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw .unreadableWorkbook(file: file, reason: "\(part) is not well-formed XML")
        }
    }
}
