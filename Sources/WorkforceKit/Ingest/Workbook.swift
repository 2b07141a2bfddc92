import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An .xlsx input: its sheets, shared strings and date styles, and each sheet's rows as typed text.
///
/// The file is opened as every input is (`RegularFile`), the ZIP container read from that
/// open file by ZIPFoundation and the XML by Foundation's `XMLParser`. A sheet is extracted
/// to a private temporary file and parsed as a stream, so a 1,000,000-row sheet never needs
/// its XML in memory; shared strings are held (one string per distinct text). Nothing cut
/// short is taken as whole: every part must close its root element, and every sheet the
/// workbook lists must have its part. Cell values become the text a CSV would hold: numbers
/// in plain decimal notation (`8500.5`, `2021`), dates as `yyyy-mm-dd`, booleans as
/// `1`/`0`, formulas as their cached value, errors as written (`#N/A`), which
/// validation then rejects like any bad field.
struct Workbook {
    let file: InputFile
    /// The workbook file's size when opened.
    let bytes: Int
    private let archive: Archive
    /// Sheet names in workbook order, with the path of each sheet's part.
    let sheets: [(name: String, part: String)]
    private let strings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool

    init(_ file: InputFile) throws(InputError) {
        self.file = file
        // Opened as every input is (never blocking, a plain file only); the archive reads that same file.
        let input = try RegularFile.OpenInput(path: file.path, displayName: file.name)
        try CompoundFile.refuse(input, file: file.name)
        bytes = input.identity.size
        do {
            archive = try Archive(url: URL(fileURLWithPath: input.reopenPath), accessMode: .read)
        } catch {
            throw .unreadableWorkbook(file: file.name, reason: "not a ZIP archive (\(error))")
        }
        let book = WorkbookXML.Sheets()
        try Self.parse(archive, "xl/workbook.xml", with: book, file: file.name, required: true)
        let relationships = WorkbookXML.Relationships()
        try Self.parse(archive, "xl/_rels/workbook.xml.rels", with: relationships, file: file.name, required: true)
        var sheets: [(name: String, part: String)] = []
        var names: Set<String> = []
        for sheet in book.sheets {
            // Every listed sheet is read or the workbook refused: none is dropped without a word.
            guard let target = relationships.targets[sheet.id] else {
                throw .unreadableWorkbook(
                    file: file.name, reason: "sheet \(sheet.name) has no relationship \(sheet.id) in xl/_rels/workbook.xml.rels")
            }
            // Targets are relative to xl/, or absolute from the package root.
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard archive[part] != nil else {
                throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) has no part \(part)")
            }
            // Excel refuses two sheets of one name (in any case); each sheet is named in every message.
            guard names.insert(sheet.name.lowercased()).inserted else {
                throw .unreadableWorkbook(
                    file: file.name, reason: "two sheets are named \(sheet.name), which Excel does not allow; rename one")
            }
            sheets.append((sheet.name, part))
        }
        self.sheets = sheets
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
            throw Self.writeFailure(error, file: file.name, what: "sheet \(sheet.name) cannot be extracted")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let stream = InputStream(url: xml) else {
            throw .unreadableWorkbook(file: file.name, reason: "sheet \(sheet.name) cannot be read back")
        }
        let failure: String? = withoutActuallyEscaping(row) { row in
            var badCell: String?
            let rows = WorkbookXML.Rows { number, cells, lastRow in
                var values: [Int: String] = [:]
                for (column, cell) in cells {
                    switch text(cell) {
                    case .success(let value): values[column] = value
                    case .failure(let fault):
                        let reference = cell.reference.isEmpty ? CellReference.letters(column) + String(number) : cell.reference
                        badCell = "cell \(reference): \(fault.reason)"
                        return false
                    }
                }
                return row(number, values, lastRow)
            }
            let complete = WorkbookXML.Completeness(rows)
            let parser = XMLParser(stream: stream)
            parser.delegate = complete
            let parsed = parser.parse()
            if let refused = rows.refused ?? badCell { return "sheet \(sheet.name), \(refused)" }
            if rows.stopped { return nil }
            guard parsed else {
                let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
                return "sheet \(sheet.name), line \(parser.lineNumber): \(reason)"
            }
            guard complete.rootClosed else {
                return "sheet \(sheet.name) ends early, at line \(parser.lineNumber) (the file was cut short?)"
            }
            return nil
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
            // A cell that cannot be read is left empty here; reading the sheet refuses it.
            found.append((number, cells.compactMapValues { try? text($0).get() }))
            return found.count < count
        }
        let parser = XMLParser(data: data)
        parser.delegate = rows
        _ = parser.parse()  // a cut-off document ends in an error after its complete rows
        return found
    }

    /// The text a CSV would hold for a cell, or why the cell cannot be read (a shared string it does not have).
    private func text(_ cell: WorkbookXML.Rows.Cell) -> Result<String, CellFault> {
        switch cell.type {
        case "s":
            guard let index = Int(cell.text.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else {
                return .failure(
                    CellFault(
                        reason: "it refers to shared string \(cell.text.prefix(40)), but the workbook has \(strings.count) (0 to \(strings.count - 1))"))
            }
            return .success(strings[index])
        case "b": return .success(cell.text == "1" ? "1" : "0")
        case "str", "inlineStr", "e": return .success(cell.text)
        default:
            guard let value = Double(cell.text.trimmingCharacters(in: .whitespaces)) else { return .success(cell.text) }
            if dateStyles.indices.contains(cell.style), dateStyles[cell.style] { return .success(date(serial: value)) }
            return .success(Self.plain(value))
        }
    }

    /// Why a cell cannot be read.
    struct CellFault: Error {
        let reason: String
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

    /// The error for a failure to extract or write a sheet into TMPDIR: a full disk (or quota) says so.
    static func writeFailure(_ error: Error, file: String, what: String) -> InputError {
        if isOutOfSpace(error) {
            return .temporarySpaceFull(file: file, folder: FileManager.default.temporaryDirectory.path)
        }
        return .unreadableWorkbook(file: file, reason: "\(what) (\(error))")
    }

    /// Whether a write failed for want of space (ENOSPC, EDQUOT), however Foundation wraps the errno.
    static func isOutOfSpace(_ error: Error) -> Bool {
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain, error.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if error.domain == NSPOSIXErrorDomain, [Int(ENOSPC), Int(EDQUOT)].contains(error.code) { return true }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? Error { return isOutOfSpace(underlying) }
        return false
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
        // Parsed as a stream: libxml2 refuses a document pushed whole when it is over 10 MB
        // ("huge input lookup"), which a 300,000-row return's shared strings are.
        let complete = WorkbookXML.Completeness(delegate)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = complete
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw .unreadableWorkbook(
                file: file, reason: "\(part) is not well-formed XML (line \(parser.lineNumber): \(reason))")
        }
        guard complete.rootClosed else {
            throw .unreadableWorkbook(
                file: file, reason: "\(part) ends early, at line \(parser.lineNumber) (the file was cut short?)")
        }
    }
}
