import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit
@testable import WorkforceSample

/// Survey returns that arrive as .xlsx: read through the same validation and quarantine as CSV.
/// Serialized: one test checks that no temporary folder of this process is left, which a workbook
/// read by another test at the same moment would break.
@Suite(.serialized) struct WorkbookInputTests {
    /// `csv` as a workbook (a README sheet first, as ours have, then the table): numbers typed as numbers
    /// where the text is a number's plain form, everything else as text.
    static func workbook(fromCSV url: URL, sheet: String) throws -> Data {
        let rows = parseCSV(try String(contentsOf: url, encoding: .utf8)).records.map(\.fields)
        var table = ReportTable(name: sheet, columns: rows[0])
        for row in rows.dropFirst() {
            table.append(
                row.map { text in
                    if let value = Double(text), Workbook.plain(value) == text { return .number(value) }
                    return text.isEmpty ? .empty : .text(text)
                })
        }
        return try XLSXWriter().render(readme: ReportTable(name: "README", columns: ["item"]), sheets: [table])
    }

    @Test func theSampleAsWorkbooksGivesTheSameReports() throws {
        let csv = temporaryFolder("sample-csv")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 1200, years: [2020, 2021], seed: 11), to: csv)
        let xlsx = temporaryFolder("sample-xlsx")
        for name in try FileManager.default.contentsOfDirectory(atPath: csv.path) where name.hasSuffix(".csv") {
            let stem = String(name.dropLast(4))
            try Self.workbook(fromCSV: csv.appendingPathComponent(name), sheet: stem)
                .write(to: xlsx.appendingPathComponent(stem + ".xlsx"))
        }
        let (fromCSV, csvOutputs) = try runPipeline(inputs: csv)
        let (fromXLSX, xlsxOutputs) = try runPipeline(inputs: xlsx)
        #expect(fromCSV.rowsRead == fromXLSX.rowsRead && fromXLSX.rowsQuarantined == fromCSV.rowsQuarantined)
        #expect(fromXLSX.accounts.contains { $0.file == "workers_2021.xlsx!workers_2021" })
        for report in SampleRunTests.reports where report != "data_quality.csv" {
            let a = try Data(contentsOf: csvOutputs.appendingPathComponent(report))
            let b = try Data(contentsOf: xlsxOutputs.appendingPathComponent(report))
            #expect(a == b, "\(report) differs between the CSV and the XLSX inputs")
        }
    }

    /// A one-sheet workbook archive (`WorkbookFixture`): workbook.xml naming sheet `name`, its
    /// relationships, and `parts` (path, XML text), deflated; `more` may add parts of its own (e.g. a
    /// large streamed one).
    static func singleSheetArchive(
        name: String, parts: [(String, String)], more: @escaping (Archive) throws -> Void = { _ in }
    ) throws -> Data {
        var fixture = WorkbookFixture(sheets: [.init(name: name, xml: nil)])
        fixture.replacing = Dictionary(uniqueKeysWithValues: parts)
        fixture.more = more
        return try fixture.data()
    }

    /// A workbook as Excel and WPS write them, part by part: shared strings (one with rich-text runs and a
    /// phonetic guide), a date style, a title row merged above the header, a formula, a boolean, an
    /// empty row, trailing formatted empty rows, a text in a number column and an error value.
    static func handMadeWorkbook() throws -> Data {
        let columns = ValidationRuleTests.header.split(separator: ",").map(String.init)
        // Shared strings: 0 the title, 1…30 the header (monthly_wage and age by their Chinese names), then ids.
        var strings = ["2021年职工调查表"] + columns.map { $0 == "monthly_wage" ? "月工资" : $0 == "age" ? "年龄" : $0 }
        let firstID = strings.count
        strings += ["W1"]
        let shared =
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + strings.map { "<si><t>\($0)</t></si>" }.joined()
            + #"<si><r><t>W</t></r><r><rPr><b/></rPr><t>2</t></r><rPh sb="0" eb="1"><t>ダブリュー</t></rPh></si>"#
            + "</sst>"
        func cell(_ column: Int, _ row: Int, _ value: String) -> String {
            let reference = CellReference.letters(column) + String(row)
            let name = columns[column]
            switch name {
            case "year": return #"<c r="\#(reference)" s="1"><v>44378</v></c>"#  // 2021-07-01, a date
            case "worker_id": return #"<c r="\#(reference)" t="s"><v>\#(value)</v></c>"#
            case "trained": return #"<c r="\#(reference)" t="b"><v>1</v></c>"#
            case "monthly_wage" where value == "8000":
                return #"<c r="\#(reference)"><f>4000*2</f><v>8000</v></c>"#
            default:
                if value.isEmpty { return "" }
                if Double(value) != nil { return #"<c r="\#(reference)"><v>\#(value)</v></c>"# }
                return #"<c r="\#(reference)" t="inlineStr"><is><t>\#(value)</t></is></c>"#
            }
        }
        func row(_ number: Int, _ changes: [String: String], id: String) -> String {
            var values = ValidationRuleTests.base
            for (key, value) in changes { values[key] = value }
            values["worker_id"] = id
            return #"<row r="\#(number)">"#
                + columns.indices.map { cell($0, number, values[columns[$0]] ?? "") }.joined()
                + "</row>"
        }
        var sheet =
            #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:AD10"/><sheetData>"#
        sheet += #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#
        sheet +=
            #"<row r="2">"#
            + columns.indices.map { #"<c r="\#(CellReference.letters($0))2" t="s"><v>\#($0 + 1)</v></c>"# }.joined()
            + "</row>"
        sheet += row(3, [:], id: String(firstID))
        sheet += #"<row r="4"/>"#
        sheet += row(5, ["monthly_wage": "9100.5"], id: String(firstID + 1))
        sheet += row(6, ["age": "abc"], id: String(firstID))
        sheet = sheet.replacingOccurrences(
            of: #"<c r="B6" t="s"><v>\#(firstID)</v></c>"#, with: #"<c r="B6" t="inlineStr"><is><t>W3</t></is></c>"#)
        sheet += row(7, ["monthly_wage": "#N/A"], id: String(firstID)).replacingOccurrences(
            of: #"<c r="N7" t="inlineStr">"#, with: #"<c r="N7" t="e">"#)
        sheet = sheet.replacingOccurrences(
            of: #"<c r="B7" t="s"><v>\#(firstID)</v></c>"#, with: #"<c r="B7" t="inlineStr"><is><t>W4</t></is></c>"#)
        sheet += #"<row r="9"><c r="A9" s="0"/><c r="B9" s="0"/></row><row r="10"><c r="C10"/></row>"#
        sheet += #"</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>"#
        let styles =
            #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
        return try singleSheetArchive(
            name: "Survey",
            parts: [
                ("xl/sharedStrings.xml", shared), ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet),
            ])
    }

    @Test func cellsAreTypedAndBadRowsNameTheirCell() throws {
        let inputs = temporaryFolder("handmade")
        try Self.handMadeWorkbook().write(to: inputs.appendingPathComponent("workers.xlsx"))
        let (summary, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let account = try #require(summary.accounts.first)
        // Rows 3, 5, 6 and 7 are records; the title, the header, the empty and the trailing rows are not.
        #expect(account.file == "workers.xlsx!Survey")
        #expect(account.rowsRead == 4 && account.rowsAccepted == 2 && account.rowsQuarantined == 2)
        let quarantined = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(quarantined.map { $0["file"] ?? "" } == ["workers.xlsx!Survey!H6", "workers.xlsx!Survey!N7"])
        #expect(quarantined.map { $0["line"] ?? "" } == ["6", "7"])
        #expect(quarantined.map { $0["column"] ?? "" } == ["age", "monthly_wage"])
        #expect(quarantined[1]["detail"]?.contains("#N/A") == true, "\(quarantined[1])")
        // The accepted rows' values as typed: the date gives 2021, the formula its cached 8000, the rich text W2.
        let book = try Workbook(
            InputFile(table: .workers, path: inputs.appendingPathComponent("workers.xlsx").path, name: "workers.xlsx"))
        // The header is row 2, below the merged title row.
        #expect(try SheetCSV.sheets(of: book, columns: TableSchemas.columns(of: .workers)).map(\.headerRow) == [2])
        let csv = try SheetCSV.write(book, sheet: 0, headerRow: 2, columns: TableSchemas.columns(of: .workers))
        defer { csv.remove() }
        let lines = try String(contentsOfFile: csv.path, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[0].isEmpty && lines[3].isEmpty, "title and empty rows are blank lines")
        #expect(lines[1].hasPrefix("year,worker_id,") && lines[1].contains(",月工资,"))
        #expect(lines[2].hasPrefix("2021,W1,E1,黄浦,C,regular,M,30,3,local,0,2,0,8000,40,1,12,"))
        #expect(lines[4].hasPrefix("2021,W2,") && lines[4].contains(",9100.5,"))
        // The sheet's dimension gives its size, for progress while it is converted.
        var sizes: [Int?] = []
        try Workbook(InputFile(table: .workers, path: inputs.appendingPathComponent("workers.xlsx").path, name: "w"))
            .rows(ofSheet: 0) { _, _, lastRow in
                sizes.append(lastRow)
                return true
            }
        #expect(sizes.count == 9 && sizes.allSatisfy { $0 == 10 })  // rows 1–7, 9 and 10 have a row element
    }

    @Test func aFileThatIsNotAWorkbookSaysSo() throws {
        let inputs = temporaryFolder("notxlsx")
        try Data("year,worker_id\n".utf8).write(to: inputs.appendingPathComponent("workers.xlsx"))
        #expect {
            try runPipeline(inputs: inputs)
        } throws: { error in
            "\(error)".contains("workers.xlsx: not a readable Excel workbook")
                && (error as? InputError)?.exitStatus == .dataError
        }
        #expect(
            Workbook.plain(2021) == "2021" && Workbook.plain(8500.5) == "8500.5" && Workbook.plain(1e-7) == "0.0000001")
    }

    @Test func aZipBombStopsAtTheExpansionLimitAndKilledRunsLeaveNothingBehind() throws {
        // A sheet of 100 MiB of spaces deflates to about 100 KB: over 200 times, and over the 64 MiB floor.
        let block = Data(repeating: 0x20, count: 1 << 20)
        let bomb = try Self.singleSheetArchive(name: "S", parts: []) { archive in
            try archive.addEntry(
                with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(100 << 20),
                compressionMethod: .deflate
            ) { _, size in block.prefix(size) }
        }
        let inputs = temporaryFolder("bomb")
        try bomb.write(to: inputs.appendingPathComponent("workers.xlsx"))
        // A folder a killed run left behind (its process is gone) is removed by the next run.
        let stale = FileManager.default.temporaryDirectory.appendingPathComponent("workforce-csv-2147483000-stale")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        #expect {
            try runPipeline(inputs: inputs)
        } throws: { error in
            "\(error)".contains(
                "workers.xlsx: not a readable Excel workbook (sheet S expands to more than 67108864 bytes")
        }
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("workforce-sheet-\(getpid())-") || $0.hasPrefix("workforce-csv-\(getpid())-") }
        #expect(left.isEmpty, "temporary folders left: \(left)")
    }

    @Test func aWorkbookSavedOverWhileItIsReadStopsTheRun() throws {
        // 5,000 rows and a dimension, so that progress events come while the sheet is converted.
        let columns = ValidationRuleTests.header.split(separator: ",").map(String.init)
        var sheet =
            #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:AD5001"/><sheetData>"#
        func inline(_ column: Int, _ row: Int, _ text: String) -> String {
            text.isEmpty
                ? "" : #"<c r="\#(CellReference.letters(column))\#(row)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
        }
        sheet += #"<row r="1">"# + columns.indices.map { inline($0, 1, columns[$0]) }.joined() + "</row>"
        for row in 2...5001 {
            let values = ValidationRuleTests.row([:], id: row).split(separator: ",", omittingEmptySubsequences: false)
            sheet +=
                #"<row r="\#(row)">"# + values.indices.map { inline($0, row, String(values[$0])) }.joined() + "</row>"
        }
        sheet += "</sheetData></worksheet>"
        let inputs = temporaryFolder("savedover")
        let file = inputs.appendingPathComponent("workers.xlsx")
        try Self.singleSheetArchive(name: "S", parts: [("xl/worksheets/sheet1.xml", sheet)]).write(to: file)
        // The same file read undisturbed is fine.
        #expect(try runPipeline(inputs: inputs, validateOnly: true).summary.rowsRead == 5000)
        // Saved over (here: its time changed) while the sheet is converted: the run stops, nothing published.
        var options = PipelineOptions(inputs: inputs.path, outputs: temporaryFolder("savedover-out").path, jobs: 1)
        let path = file.path
        options.events = { event in
            if case .ingesting(let read, _, _) = event, read > 0 {
                var times = [timespec(tv_sec: 0, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
                _ = utimensat(AT_FDCWD, path, &times, 0)
            }
        }
        #expect(throws: InputError.changedDuringRun(file: "workers.xlsx")) { try Pipeline(options: options).run() }
    }

    @Test func anEntityExpansionBombIsRefused() throws {
        // "Billion laughs": ten levels of ten references would expand to 10^9 copies of "lol".
        var sheet = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        var previous = "lol"
        for level in 1..<10 {
            sheet += #"<!ENTITY lol\#(level) ""# + String(repeating: "&\(previous);", count: 10) + #"">"#
            previous = "lol\(level)"
        }
        sheet +=
            #"]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&\#(previous);</t></is></c></row></sheetData></worksheet>"#
        let inputs = temporaryFolder("laughs")
        try Self.singleSheetArchive(name: "S", parts: [("xl/worksheets/sheet1.xml", sheet)])
            .write(to: inputs.appendingPathComponent("workers.xlsx"))
        // libxml2 refuses the expansion (it is not carried out: the run ends with 65 at once).
        #expect {
            try runPipeline(inputs: inputs)
        } throws: { error in
            "\(error)".hasPrefix("workers.xlsx: not a readable Excel workbook (sheet S, line 1:")
        }
    }
}
