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

    /// Calls `row(number, values, lastRow)` for each row of sheet `index` with a cell, values by column
    /// index (absent cells absent), `lastRow` the sheet's last row when it says (for progress); `row`
    /// returns false to stop early.
    func rows(ofSheet index: Int, _ row: (Int, [Int: String], Int?) -> Bool) throws(InputError) {
        let sheet = sheets[index]
        guard let entry = archive[sheet.part] else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) has no part \(sheet.part)")
        }
        let folder = try Self.temporaryFolder("sheet", file: file.name)
        let xml = folder.appendingPathComponent("sheet.xml")
        do {
            guard
                FileManager.default.createFile(atPath: xml.path, contents: nil, attributes: [.posixPermissions: 0o600]),
                let output = FileHandle(forWritingAtPath: xml.path)
            else { throw CocoaError(.fileWriteUnknown) }
            defer { try? output.close() }
            var written = 0
            let limit = Self.expansionLimit(entry)
            _ = try archive.extract(entry) { chunk in
                written += chunk.count
                if written > limit { throw Expansion(limit: limit) }
                try output.write(contentsOf: chunk)
            }
        } catch let expansion as Expansion {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadableWorkbook(file: file.name, reason: expansion.reason("sheet \(sheet.name)"))
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be extracted (\(error))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let stream = InputStream(url: xml) else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be read back")
        }
        let failure: String? = withoutActuallyEscaping(row) { row in
            let rows = WorkbookXML.Rows { number, cells, lastRow in
                row(number, cells.mapValues(text), lastRow)
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
        let rows = WorkbookXML.Rows { number, cells, _ in
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

    /// The most bytes a part may expand to: 200 times its compressed size (XML compresses 5 to 20
    /// times; a ZIP bomb, thousands of times), at least 64 MiB, at most 64 GiB.
    static func expansionLimit(_ entry: Entry) -> Int {
        let compressed = Int(clamping: entry.compressedSize)
        return min(1 << 36, max(64 << 20, compressed.multipliedReportingOverflow(by: 200).partialValue))
    }

    /// A part expanded past `expansionLimit`.
    private struct Expansion: Error {
        let limit: Int
        func reason(_ part: String) -> String {
            "\(part) expands to more than \(limit) bytes, over 200 times its compressed size: "
                + "not a survey sheet (a ZIP bomb?)"
        }
    }

    /// A new private folder (mode 700) for a workbook's temporary files; first removes those that
    /// runs killed before they could clean up left behind (their process is gone).
    static func temporaryFolder(_ kind: String, file: String) throws(InputError) -> URL {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("workforce-sheet-") || name.hasPrefix("workforce-csv-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 4, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        let folder = temporary.appendingPathComponent("workforce-\(kind)-\(getpid())-\(UUID().uuidString)")
        do {
            // The folder holds the survey's rows: only this user can enter it.
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unreadableWorkbook(file: file, reason: "no private temporary folder for its rows (\(error))")
        }
        return folder
    }

    private static func parse(
        _ archive: Archive, _ part: String, with delegate: XMLParserDelegate, file: String, required: Bool
    ) throws(InputError) {
        guard let entry = archive[part] else {
            if required { throw .unreadableWorkbook(file: file, reason: "it has no \(part)") }
            return
        }
        var data = Data()
        let limit = min(expansionLimit(entry), 1 << 31)  // held in memory: at most 2 GiB
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > limit { throw Expansion(limit: limit) }
            }
        } catch let expansion as Expansion {
            throw .unreadableWorkbook(file: file, reason: expansion.reason(part))
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
