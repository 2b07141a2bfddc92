import Foundation
import Testing

@testable import WorkforceKit

/// Hostile and damaged workbooks (issue 23): each stops the run with a message that says what is wrong,
/// instead of a crash, a hang, a silent loss or a disk filled.
extension WorkbookInputTests {
    /// Expects the pipeline on `inputs` to stop with an input error of `status` whose message holds every fragment.
    static func expectRefused(
        _ inputs: URL, _ fragments: [String], status: WorkforceKit.ExitStatus = .dataError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) {
            try runPipeline(inputs: inputs, validateOnly: true)
        } throws: { error in
            let message = "\(error)"
            let matches = (error as? InputError)?.exitStatus == status && fragments.allSatisfy(message.contains)
            if !matches { print("unexpected: \(message)") }
            return matches
        }
    }

    /// A good sheet of the workers table: its header and `rows` valid rows (ids from `first`).
    static func workersSheet(_ name: String, rows: Int, first: Int = 1) -> WorkbookFixture.Sheet {
        .init(name: name, xml: WorkbookFixture.sheetXML(WorkbookFixture.workerRows(rows, first: first)))
    }

    // MARK: item 1, a workbook whose XML ends early

    @Test func aSheetCutShortIsRefusedNotReadAsComplete() throws {
        var fixture = WorkbookFixture(sheets: [Self.workersSheet("S", rows: 200)])
        let xml = try #require(fixture.sheets[0].xml)
        // Cut just after <row r="151">, and (second case) in the middle of a cell of that row.
        let after = try #require(xml.range(of: #"<row r="151">"#)).upperBound
        for keep in [after, xml.index(after, offsetBy: 25)] {
            fixture.cut = ["xl/worksheets/sheet1.xml": xml.utf8.distance(from: xml.startIndex, to: keep)]
            Self.expectRefused(try fixture.inputs(), ["workers.xlsx: not a readable Excel workbook (sheet S"])
        }
    }

    @Test func aWorkbookListCutAfterItsFirstSheetIsRefused() throws {
        var fixture = WorkbookFixture(sheets: [Self.workersSheet("A", rows: 3), Self.workersSheet("B", rows: 3, first: 4)])
        let book = String(decoding: try #require(fixture.parts.first { $0.0 == "xl/workbook.xml" }).1, as: UTF8.self)
        let end = try #require(book.range(of: #"r:id="rId1"/>"#)).upperBound
        fixture.cut = ["xl/workbook.xml": book.utf8.distance(from: book.startIndex, to: end)]
        Self.expectRefused(try fixture.inputs(), ["not a readable Excel workbook (xl/workbook.xml ends early"])
    }

    @Test func aSheetWithoutARelationshipIsRefused() throws {
        var second = Self.workersSheet("B", rows: 3, first: 4)
        second.related = false
        let fixture = WorkbookFixture(sheets: [Self.workersSheet("A", rows: 3), second])
        Self.expectRefused(try fixture.inputs(), ["sheet B has no relationship rId2"])
    }

    @Test func cutSharedStringsAreRefusedNotReadAsBlanks() throws {
        let rows = WorkbookFixture.workerRows(3)
        // Every worker id is a shared string: 0 W1, 1 W2, 2 W3.
        var cells = ""
        for (offset, fields) in rows.enumerated() {
            let number = offset + 1
            cells += #"<row r="\#(number)">"#
            for (column, text) in fields.enumerated() where !text.isEmpty {
                let reference = CellReference.letters(column) + String(number)
                if number > 1 && column == 1 {
                    cells += #"<c r="\#(reference)" t="s"><v>\#(offset - 1)</v></c>"#
                } else {
                    cells += #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
                }
            }
            cells += "</row>"
        }
        var fixture = WorkbookFixture(
            sheets: [.init(name: "S", xml: WorkbookFixture.sheetXML(raw: cells))], sharedStrings: ["W1", "W2", "W3"])
        #expect(try runPipeline(inputs: try fixture.inputs(), validateOnly: true).summary.rowsRead == 3)
        let shared = WorkbookFixture.sharedStringsXML(["W1", "W2", "W3"])
        // Cut after the first string: W2 and W3 would read as blanks.
        let first = try #require(shared.range(of: "</si>")).upperBound
        fixture.cut = ["xl/sharedStrings.xml": shared.utf8.distance(from: shared.startIndex, to: first)]
        Self.expectRefused(try fixture.inputs(), ["not a readable Excel workbook (xl/sharedStrings.xml ends early"])
    }

    // MARK: item 7, crafted cell references

    @Test(arguments: [
        (#"<c r="B3" t="s"><v>-1</v></c>"#, "cell B3: it refers to shared string -1, but the workbook has 1"),
        (#"<c r="B3" t="s"><v>1</v></c>"#, "cell B3: it refers to shared string 1, but the workbook has 1"),
        (#"<c r="H3" s="-1"><v>30</v></c>"#, #"cell H3 has style s="-1""#),
        (#"<c r="AAAAAAAAAAAAAAAA3" t="inlineStr"><is><t>x</t></is></c>"#, "cell reference AAAAAAAAAAAAAAAA3 is not a cell"),
        (#"<c r="ZZZZZZZ3" t="inlineStr"><is><t>x</t></is></c>"#, "cell reference ZZZZZZZ3 is not a cell"),
        (#"</row><row r="9223372036854775807"><c r="A4"><v>1</v></c>"#, #"row r="9223372036854775807" is not a row number"#),
        (#"</row><row r="10000000000"><c r="A4"><v>1</v></c>"#, #"row r="10000000000" is not a row number"#),
        (#"</row><row r="2"><c r="A4"><v>1</v></c>"#, "row 2 comes after row 3: rows are out of order"),
    ])
    func aCraftedCellReferenceIsRefused(cell: String, message: String) throws {
        var xml = WorkbookFixture.sheetXML(WorkbookFixture.workerRows(3))
        // The crafted cell goes at the end of row 3 (the second data row).
        let row3 = try #require(xml.range(of: #"<row r="3">"#))
        let end = try #require(xml.range(of: "</row>", range: row3.upperBound..<xml.endIndex))
        xml.insert(contentsOf: cell, at: end.lowerBound)
        let fixture = WorkbookFixture(sheets: [.init(name: "S", xml: xml)], sharedStrings: ["x"])
        Self.expectRefused(try fixture.inputs(), ["workers.xlsx: not a readable Excel workbook (sheet S, " + message])
    }

    @Test func cellReferencesAreBoundedByExcelsLimits() {
        #expect(CellReference.column(of: "XFD1") == 16_383 && CellReference.column(of: "A1") == 0)
        #expect(CellReference.column(of: "AAAAAAAAAAAAAAAA3") == nil && CellReference.column(of: "7") == nil)
        #expect(CellReference.column(of: "ZZZ9") == 18_277)  // 26·26·26 + 26·26 + 26 − 1: past XFD, refused by Rows
    }

    // MARK: item 8, a workbook saved over with fewer sheets

    @Test func aWorkbookSavedOverWithFewerSheetsStopsTheRun() throws {
        let two = WorkbookFixture(sheets: [Self.workersSheet("A", rows: 50), Self.workersSheet("B", rows: 50, first: 51)])
        let inputs = try two.inputs()
        let file = inputs.appendingPathComponent("workers.xlsx")
        let one = try WorkbookFixture(sheets: [Self.workersSheet("A", rows: 50)]).data()
        var options = PipelineOptions(inputs: inputs.path, outputs: temporaryFolder("fewer-out").path, jobs: 1)
        options.validateOnly = true
        let savedOver = Flag()
        // Once sheet A's rows are being read (its workbook checked unchanged), the workbook loses sheet B.
        options.events = { event in
            if case .ingesting(_, _, let rows) = event, rows > 0, savedOver.set() {
                try? one.write(to: file)
            }
        }
        #expect(throws: InputError.changedDuringRun(file: "workers.xlsx")) { try Pipeline(options: options).run() }
        #expect(savedOver.isSet)
    }

    // MARK: item 9, two sheets of one name

    @Test func twoSheetsOfOneNameAreRefused() throws {
        let fixture = WorkbookFixture(sheets: [Self.workersSheet("A", rows: 3), Self.workersSheet("A", rows: 3, first: 4)])
        Self.expectRefused(try fixture.inputs(), ["two sheets are named A, which Excel does not allow"])
    }

    // MARK: item 11, a FIFO in a workbook's place

    @Test func aFIFOInAWorkbooksPlaceIsRefusedWithoutBlocking() throws {
        let folder = temporaryFolder("fifo-xlsx")
        let path = folder.appendingPathComponent("workers.xlsx").path
        #expect(mkfifo(path, 0o644) == 0)
        // A writer holds the FIFO open, so that a reader that blocks on it fails here instead of hanging.
        let writer = open(path, O_RDWR | O_NONBLOCK)
        defer { close(writer) }
        #expect(throws: InputError.notRegularFile(file: "workers.xlsx", kind: "a FIFO (named pipe)")) {
            _ = try Workbook(InputFile(table: .workers, path: path, name: "workers.xlsx"))
        }
    }

    // MARK: item 24a, a workbook encrypted with a password

    @Test func anEncryptedWorkbookSaysItIsEncrypted() throws {
        // A compound file's signature, then a directory entry naming the EncryptionInfo stream (UTF-16LE).
        var bytes = CompoundFile.signature + [UInt8](repeating: 0, count: 1016)
        bytes += "EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        bytes += [UInt8](repeating: 0, count: 512)
        let inputs = temporaryFolder("encrypted")
        try Data(bytes).write(to: inputs.appendingPathComponent("workers.xlsx"))
        Self.expectRefused(inputs, ["workers.xlsx: not a readable Excel workbook (it is encrypted with a password", "clear the password"])
        // Without the stream: an .xls (or other compound file) named .xlsx.
        try Data(CompoundFile.signature + [UInt8](repeating: 0, count: 2048)).write(to: inputs.appendingPathComponent("workers.xlsx"))
        Self.expectRefused(inputs, ["it is an Excel 97–2003 (.xls) or other compound file, not .xlsx"])
    }
}

/// A flag set once, from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; true when this call set it.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }

    var isSet: Bool { lock.withLock { value } }
}

extension WorkbookInputTests {
    // MARK: item 2, a sheet that looks like the table without a usable header

    @Test func aSheetThatLooksLikeTheTableButLacksAColumnStopsTheRun() throws {
        var rows = WorkbookFixture.workerRows(3, first: 4)
        rows[0] = rows[0].map { $0 == "monthly_wage" ? "monthly wage (CNY)" : $0 }
        let notes = WorkbookFixture.Sheet(name: "说明", xml: WorkbookFixture.sheetXML([["item", "note"], ["source", "district returns"]]))
        let good = WorkbookFixture(sheets: [notes, Self.workersSheet("黄浦", rows: 3)])
        // A notes sheet beside the table is passed over.
        #expect(try runPipeline(inputs: try good.inputs(), validateOnly: true).summary.rowsRead == 3)
        var bad = good
        bad.sheets.append(.init(name: "徐汇", xml: WorkbookFixture.sheetXML(rows)))
        Self.expectRefused(
            try bad.inputs(),
            ["workers.xlsx!徐汇: the sheet looks like this table but cannot be read as it: no header among rows 1–4 "
                + "names every required column; row 1 names", "but not monthly_wage"])
    }

    @Test func aHeaderBelowRow20StopsTheRun() throws {
        // Beside a good sheet, so that passing it over would lose its rows without a word.
        let rows = Array(repeating: ["title"], count: 22) + WorkbookFixture.workerRows(3, first: 4)
        let fixture = WorkbookFixture(
            sheets: [Self.workersSheet("A", rows: 3), .init(name: "S", xml: WorkbookFixture.sheetXML(rows))])
        Self.expectRefused(
            try fixture.inputs(), ["workers.xlsx!S: the sheet looks like this table", "its header is row 23, below the first 20 rows searched (rows 1–20)"])
        // Row 20 is still searched.
        let high = WorkbookFixture(
            sheets: [Self.workersSheet("A", rows: 3), .init(name: "S", xml: WorkbookFixture.sheetXML(Array(rows.dropFirst(3))))])
        #expect(try runPipeline(inputs: try high.inputs(), validateOnly: true).summary.rowsRead == 6)
    }

    // MARK: item 14, bounded conversion

    @Test func oneHugeSharedStringInManyCellsIsRefusedBeforeFillingTheDisk() throws {
        // 70 cells of one 1,000,000-character string: 70 MB of CSV from a workbook of a few KB.
        var xml = WorkbookFixture.sheetXML(WorkbookFixture.workerRows(70))
        xml = xml.replacingOccurrences(
            of: #"(<c r="D[0-9]+") t="inlineStr"><is><t>黄浦</t></is></c>"#, with: #"$1 t="s"><v>0</v></c>"#,
            options: .regularExpression)
        let fixture = WorkbookFixture(
            sheets: [.init(name: "S", xml: xml)], sharedStrings: [String(repeating: "x", count: 1_000_000)])
        let inputs = try fixture.inputs()
        let size = try #require(FileIdentity(path: inputs.appendingPathComponent("workers.xlsx").path)?.size)
        Self.expectRefused(
            inputs,
            ["sheet S converts to more than 67108864 bytes of rows, over 200 times the workbook's \(size) bytes: "
                + "its longest cell, D2, holds 1000000 bytes"])
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("workforce-csv-\(getpid())-") }
        #expect(left.isEmpty, "temporary folders left: \(left)")
    }

    @Test func aNoteInXFD1DoesNotPadEveryRow() throws {
        var xml = WorkbookFixture.sheetXML(WorkbookFixture.workerRows(3))
        xml = xml.replacingOccurrences(
            of: #"</row><row r="2">"#, with: #"<c r="XFD1" t="inlineStr"><is><t>note</t></is></c></row><row r="2">"#)
        let inputs = try WorkbookFixture(sheets: [.init(name: "S", xml: xml)]).inputs()
        #expect(try runPipeline(inputs: inputs, validateOnly: true).summary.rowsRead == 3)
        let book = try Workbook(
            InputFile(table: .workers, path: inputs.appendingPathComponent("workers.xlsx").path, name: "workers.xlsx"))
        let csv = try SheetCSV.write(book, sheet: 0, headerRow: 1, columns: TableSchemas.columns(of: .workers))
        defer { csv.remove() }
        let lines = try String(contentsOfFile: csv.path, encoding: .utf8).split(separator: "\n")
        // 30 contract columns and the note: 31 fields, 30 commas, on every line.
        #expect(lines.map { $0.filter { $0 == "," }.count } == [30, 30, 30, 30])
        #expect(csv.sheetColumns.last == CellReference.lastColumn && csv.headers.last == "note")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullTemporaryDiskSaysSo() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let error = try #require(throws: (any Error).self) { try full.write(contentsOf: Data(count: 1 << 16)) }
        #expect(Workbook.isOutOfSpace(error), "\(error)")
        let refused = Workbook.writeFailure(error, file: "workers.xlsx!S", what: "its rows")
        #expect(refused.description.hasPrefix("workers.xlsx!S: no space left in TMPDIR ("), "\(refused)")
        #expect(refused.exitStatus == .ioError)
    }

    // MARK: item 16, shared strings over libxml2's 10 MB

    @Test func sharedStringsOver10MBAreRead() throws {
        // A 300,000-row return's ids, 34 characters each: about 14 MB of shared strings.
        let ids = (0..<300_000).map { "SH-" + String(repeating: "0", count: 25) + String(format: "%06d", $0) }
        #expect(ids[0].count == 34)
        var rows = WorkbookFixture.workerRows(3)
        for index in 1...3 { rows[index][1] = "@\([0, 150_000, 299_999][index - 1])" }
        var xml = WorkbookFixture.sheetXML(rows)
        xml = xml.replacingOccurrences(
            of: #"(<c r="B[0-9]+") t="inlineStr"><is><t>@([0-9]+)</t></is></c>"#, with: #"$1 t="s"><v>$2</v></c>"#,
            options: .regularExpression)
        let fixture = WorkbookFixture(
            sheets: [.init(name: "S", xml: xml)], sharedStrings: ids, stored: ["xl/sharedStrings.xml"])
        let inputs = try fixture.inputs()
        let book = try Workbook(
            InputFile(table: .workers, path: inputs.appendingPathComponent("workers.xlsx").path, name: "workers.xlsx"))
        var read: [String] = []
        try book.rows(ofSheet: 0) { _, cells, _ in
            read.append(cells[1] ?? "")
            return true
        }
        #expect(read == ["worker_id", ids[0], ids[150_000], ids[299_999]])
    }

    // MARK: item 24d, a duplicate across sheets named by its cell

    @Test func aDuplicateAcrossSheetsNamesTheEarlierCell() throws {
        let fixture = WorkbookFixture(sheets: [Self.workersSheet("A", rows: 5), Self.workersSheet("B", rows: 2, first: 5)])
        let (summary, outputs) = try runPipeline(inputs: try fixture.inputs("workers_2022.xlsx"), validateOnly: true)
        #expect(summary.rowsRead == 7 && summary.rowsQuarantined == 1)
        let entry = try #require(try readCSV(outputs.appendingPathComponent("quarantine/workers.csv")).first)
        #expect(entry["file"] == "workers_2022.xlsx!B!A2")
        #expect(entry["detail"] == "W5 in 2021 was already seen on workers_2022.xlsx!A!A6")
    }
}
