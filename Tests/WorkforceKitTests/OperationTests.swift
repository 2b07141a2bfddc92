import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit
@testable import WorkforceSample

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Publication, locking, --if-changed and the workbook's structure.
@Suite struct OperationTests {
    var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures"))
        }
    }

    func options(_ inputs: URL, _ outputs: URL) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: 1)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        return options
    }

    @Test func workbookIsWellFormedWithFrozenBoldHeadersAndNumbers() throws {
        let (_, outputs) = try runPipeline(inputs: try fixture)
        let data = try Data(contentsOf: outputs.appendingPathComponent("workforce.xlsx"))
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        for required in [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        ] {
            #expect(parts[required] != nil, "\(required)")
        }
        // Every part is well-formed XML.
        for (path, bytes) in parts {
            #expect(XMLParser(data: bytes).parse(), "\(path) is not well-formed")
        }
        let workbook = String(decoding: parts["xl/workbook.xml"] ?? Data(), as: UTF8.self)
        #expect(workbook.contains(#"<sheet name="README""#))
        #expect(workbook.contains(#"<sheet name="wages""#))
        let sheetCount = parts.keys.filter { $0.hasPrefix("xl/worksheets/sheet") }.count
        #expect(sheetCount == 11)
        // The wages sheet (README, data_quality, composition, wages → sheet4): frozen, bold header, numbers as numbers.
        let wages = String(decoding: parts["xl/worksheets/sheet4.xml"] ?? Data(), as: UTF8.self)
        #expect(wages.contains(#"state="frozen""#))
        #expect(wages.contains(#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">year</t>"#))
        // A year without a thousands separator; the mean wage in CNY as "#,##0"; filter and A4 landscape.
        #expect(wages.contains(#"<c r="A2" s="\#(WorkbookFormats.style("0"))"><v>2021</v></c>"#))
        let cny = WorkbookFormats.style("#,##0")
        #expect(wages.contains(#"<c r="M2" s="\#(cny)"><v>"#))
        #expect(wages.contains(#"<autoFilter ref="A1:S"#))
        // Every sheet prints on A4 at full size (never shrunk to the page width, which printed the
        // README at 3.7 pt in LibreOffice), columns across pages with year … domain and the header
        // repeated on each.
        #expect(
            wages.contains(#"<pageSetup paperSize="9" orientation="landscape" scale="100" pageOrder="overThenDown"/>"#))
        #expect(!wages.contains("fitToPage"))
        #expect(
            workbook.contains(
                #"<definedName name="_xlnm.Print_Titles" localSheetId="3">'wages'!$A:$D,'wages'!$1:$1</definedName>"#))
        let readme = String(decoding: parts["xl/worksheets/sheet1.xml"] ?? Data(), as: UTF8.self)
        #expect(!readme.contains("fitToPage") && readme.contains(#"scale="100""#))
        // A missing value is no cell: the empty flag of row 2 (column R) is not written as "".
        #expect(!wages.contains(#"<c r="R2""#))
        #expect(!wages.contains("nan") && !wages.contains("inf"))
        let styles = String(decoding: parts["xl/styles.xml"] ?? Data(), as: UTF8.self)
        #expect(styles.contains(#"formatCode="0.0%""#) && styles.contains(###"formatCode="#,##0""###))
    }

    /// A row flagged low_n is shaded amber across the data sheet, its numbers keeping their
    /// formats; other rows are not; the README sheet gives the legend.
    @Test func lowNRowsAreShadedWithALegend() throws {
        let school = try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let inputs = temporaryFolder("lown")
        try FileManager.default.copyItem(
            at: school.appendingPathComponent("workers_2000.csv"), to: inputs.appendingPathComponent("workers_2000.csv")
        )
        let (_, outputs) = try runPipeline(inputs: inputs, disclosure: DisclosurePolicy())
        let archive = try Archive(url: outputs.appendingPathComponent("workforce.xlsx"), accessMode: .read)
        func part(_ path: String) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive[path])) { bytes.append($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(try part("xl/styles.xml").contains(#"<fgColor rgb="FFFFF2CC"/>"#))
        #expect(try part("xl/worksheets/sheet1.xml").contains("shaded amber"))
        // composition (sheet 3): its rows and their flags in order, as the CSV has them.
        let rows = try readCSV(outputs.appendingPathComponent("composition.csv"))
        let sheet = try part("xl/worksheets/sheet3.xml")
        let lowN = try #require(rows.firstIndex { $0["flag"] == "low_n" && $0["indicator"] == "headcount" })
        let plain = try #require(rows.firstIndex { $0["flag"] == "" && $0["indicator"] == "headcount" })
        func estimateStyle(_ index: Int) throws -> Int {
            // The estimate is column M (13th) of composition.csv's EstimateRow columns.
            let match = try #require(sheet.firstMatch(of: try Regex(#"<c r="M\#(index + 2)" s="([0-9]+)">"#)))
            return Int(match.output[1].substring ?? "") ?? -1
        }
        #expect(
            try estimateStyle(lowN) == WorkbookFormats.style("#,##0") - WorkbookFormats.firstNumberStyle
                + WorkbookFormats.firstLowNStyle)
        #expect(try estimateStyle(plain) == WorkbookFormats.style("#,##0"))
    }

    @Test func chineseHeadersNameTheSheetsInChinese() throws {
        let table = ReportTable(name: "wages", columns: ["year"])
        let readme = ReportTable(name: "README", columns: ["item"])
        let bytes = try XLSXWriter(chineseHeaders: true).render(readme: readme, sheets: [table])
        let archive = try Archive(data: bytes, accessMode: .read)
        var workbook = Data()
        _ = try archive.extract(try #require(archive["xl/workbook.xml"])) { workbook.append($0) }
        let xml = String(decoding: workbook, as: UTF8.self)
        #expect(xml.contains(#"<sheet name="说明""#) && xml.contains(#"<sheet name="工资""#))
        #expect(xml.contains(#"'工资'!$1:$1"#))
    }

    /// With `--lang zh` the README sheet is in Chinese and names the sheets by their Chinese names;
    /// flags, the built-in scopes and data-quality measures are named in Chinese on the data sheets;
    /// the CSV keeps the codes.
    @Test func theChineseWorkbookReadsInChinese() throws {
        let outputs = temporaryFolder()
        let result = try runWorkforce([
            "run", "--inputs", try fixture.path, "--outputs", outputs.path, "--lang", "zh", "--quiet",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let archive = try Archive(url: outputs.appendingPathComponent("workforce.xlsx"), accessMode: .read)
        func sheet(_ number: Int) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive["xl/worksheets/sheet\(number).xml"])) { bytes.append($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        let readme = try sheet(1)
        let texts = readme.matches(of: /<t xml:space="preserve">([^<]*)<\/t>/).map { String($0.output.1) }
        #expect(texts.prefix(3) == ["项目", "值", "说明"])
        #expect(texts.contains("工作表 工资") && texts.contains("工作表 数据质量"))
        #expect(!texts.contains { $0.hasPrefix("sheet ") || $0 == "run started" || $0 == "confidence level" })
        #expect(texts.contains("置信水平") && texts.contains("小样本阈值"))
        let quality = try sheet(2)
        #expect(quality.contains(">读取行数<") && !quality.contains(">rows_read<"))
        let composition = try sheet(3)
        #expect(composition.contains(">全部<") && !composition.contains(">all</t></is></c><c r=\"C"))
        #expect(composition.contains(">已抑制<") && !composition.contains(">suppressed<"))
        // No English column on the data sheets (the Chinese ones stand beside them): no English label.
        #expect(!composition.contains("指标（英文）") && !composition.contains("分组（英文）"))
        #expect(!composition.contains("Weighted headcount") && composition.contains("加权职工人数"))
        let csv = try readCSV(outputs.appendingPathComponent("composition.csv"))
        #expect(csv.contains { $0["flag"] == "suppressed" } && csv.first?["scope"] == "all")
        #expect(csv.first?["label_en"] == "Weighted headcount")
    }

    @Test func xmlTextIsEscapedAndCut() {
        #expect(XLSXWriter.escape("a<b>&c\u{1}\u{FFFF}d\te") == "a&lt;b&gt;&amp;cd\te")
        #expect(XLSXWriter.escape(String(repeating: "x", count: 40_000)).count == 32_767)
        #expect(
            XLSXWriter.sheetName("a[b]:c*d?e/f\\g-very-long-name-beyond-31-characters")
                == "a_b__c_d_e_f_g-very-long-name-b")
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
    }

    @Test func secondRunGetsTheLockStatus() throws {
        let outputs = temporaryFolder("locked")
        let held = try RunLock(folder: outputs, wait: false)
        #expect(throws: LockError.self) { try Pipeline(options: options(try fixture, outputs)).run() }
        do {
            _ = try Pipeline(options: options(try fixture, outputs)).run()
        } catch let error as LockError {
            #expect(error.exitStatus.rawValue == 75)
        }
        withExtendedLifetime(held) {}
    }

    @Test func ifChangedSkipsAndRerunsAtTheRightTimes() throws {
        let inputs = temporaryFolder("changing")
        try FileManager.default.copyItem(
            at: try fixture.appendingPathComponent("workers.csv"), to: inputs.appendingPathComponent("workers.csv"))
        let outputs = temporaryFolder("published")
        var settings = options(inputs, outputs)
        settings.onlyIfChanged = true
        #expect(try Pipeline(options: settings).run().skipped == false)  // nothing published yet
        #expect(try Pipeline(options: settings).run().skipped == true)  // same inputs, program, settings
        settings.confidenceLevel = 0.9
        #expect(try Pipeline(options: settings).run().skipped == false)  // a setting changed
        let file = inputs.appendingPathComponent("workers.csv")
        try (String(contentsOf: file, encoding: .utf8) + "2021,W9,E4,徐汇,K,regular,M,40,2,local,1,5000,0,1,1,1,10\n")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try Pipeline(options: settings).run().skipped == false)  // an input changed
        #expect(try Pipeline(options: settings).run().skipped == true)
    }

    @Test func publicationKeepsTheLastRunsAndCompleteManifests() throws {
        let outputs = temporaryFolder("retention")
        var settings = options(try fixture, outputs)
        settings.keepRuns = 2
        for _ in 0..<4 { _ = try Pipeline(options: settings).run() }
        let runs = try FileManager.default.contentsOfDirectory(atPath: outputs.appendingPathComponent("runs").path)
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { !$0.hasPrefix(".staging") })
        let latest = try FileManager.default.destinationOfSymbolicLink(
            atPath: outputs.appendingPathComponent("latest").path)
        #expect(runs.contains(String(latest.dropFirst("runs/".count))))
        // Every output listed in the manifest is there with the recorded SHA-256.
        try verifyManifest(outputs.appendingPathComponent("latest"))
    }

    @Test func tooManyRejectedRowsPublishNothing() throws {
        let outputs = temporaryFolder("rejects")
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let before = try FileManager.default.destinationOfSymbolicLink(
            atPath: outputs.appendingPathComponent("latest").path)
        let bad = try makeInputs([
            "workers.csv": ValidationRuleTests.header + "\n" + ValidationRuleTests.row(["age": "5"], id: 1) + "\n"
                + ValidationRuleTests.row([:], id: 2) + "\n"
        ])
        var settings = options(bad, outputs)
        settings.maxRejectRate = 0.2
        #expect(throws: RejectRateError(quarantined: 1, read: 2, limit: 0.2)) { try Pipeline(options: settings).run() }
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: outputs.appendingPathComponent("latest").path)
                == before)
    }
}

/// Checks that every output in `folder/manifest.json` exists with its recorded size and SHA-256.
func verifyManifest(_ folder: URL) throws {
    let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let outputs = try #require(json["outputs"] as? [[String: Any]])
    #expect(outputs.count >= 10)
    for output in outputs {
        let path = try #require(output["path"] as? String)
        let digest = try Checksum.sha256(path: folder.appendingPathComponent(path).path)
        #expect(digest == output["sha256"] as? String, "\(path)")
    }
}

/// The workbook read by two independent readers; skipped, with the reason, when Python or its packages are missing.
@Suite struct IndependentReaderTests {
    static let readersAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openpyxl, python_calamine"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(
        .enabled(
            if: readersAvailable,
            "needs python3 with openpyxl and python-calamine (pip install openpyxl python-calamine)"))
    func openpyxlAndCalamineReadTheWorkbookAsTheCSVs() throws {
        let inputs = temporaryFolder("readers")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 800, years: [2020, 2021], seed: 3), to: inputs)
        let (_, outputs) = try runPipeline(inputs: inputs)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_xlsx_readers.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, outputs.appendingPathComponent("latest").path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
