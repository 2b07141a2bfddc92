import Foundation
import Testing
import WorkforceSample
import ZIPFoundation

@testable import WorkforceKit

/// Issue 23's defects of the survey plan: each test fails without its fix.
extension HostileUseTests {
    /// Item 4: a link `Inputs/plan.toml` to nothing is a plan that cannot be read (66), as `plan
    /// check` says, not a reason to run the built-in plan.
    @Test func aDanglingPlanLinkCannotBeRead() throws {
        let inputs = try sampleInputs()
        #expect(try SurveyPlan.inInputs(inputs.path) == SurveyPlan())
        let link = inputs.appendingPathComponent("plan.toml").path
        #expect(symlink(inputs.appendingPathComponent("gone.toml").path, link) == 0)
        do {
            _ = try SurveyPlan.inInputs(inputs.path)
            Issue.record("a link to nothing gave the built-in plan")
        } catch {
            #expect(error.exitStatus == .noInput)
            #expect(error.description.hasPrefix("\(link): is a link to \""))
            #expect(error.message.hasSuffix("gone.toml\", which does not exist"))
        }
        // A link to a plan is followed.
        let real = inputs.appendingPathComponent("real.toml")
        try Data("[thresholds]\nconfidence_level = 0.9\n".utf8).write(to: real)
        try FileManager.default.removeItem(atPath: link)
        #expect(symlink(real.path, link) == 0)
        #expect(try SurveyPlan.inInputs(inputs.path).confidenceLevel == 0.9)
    }

    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func aRunWithADanglingPlanLinkStopsWith66() throws {
        let inputs = try sampleInputs()
        let link = inputs.appendingPathComponent("plan.toml")
        #expect(symlink(inputs.appendingPathComponent("gone.toml").path, link.path) == 0)
        let outputs = temporaryFolder("outputs")
        let run = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(run.status == 66, "\(run.errors)")
        #expect(run.errors.contains("plan.toml: is a link to"))
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("latest").path))
        #expect(try runWorkforce(["plan", "check", link.path]).status == 66)
    }

    /// Items 10a and 10: text toml++ would assert on (`[[[`), and keys deep enough to overflow its
    /// stack, give 65 with the line and column from `plan check` and `run`, not SIGABRT or SIGSEGV.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func malformedPlansGive65NotASignal() throws {
        let deep = Array(repeating: "a", count: 150_000).joined(separator: ".")
        let cases: [(String, String)] = [
            ("[[[ not a plan", "line 1: not valid TOML (column 3: expected a key, found '[')"),
            ("[\(deep)]\n", "line 1: the key at column 2 has more than 16 parts"),
            ("[thresholds]\n\(deep) = 1\n", "line 2: the key at column 1 has more than 16 parts"),
            ("x = { \(deep) = 1 }\n", "line 1: the key at column 7 has more than 16 parts"),
        ]
        for (text, words) in cases {
            let inputs = try sampleInputs()
            let plan = inputs.appendingPathComponent("plan.toml")
            try Data(text.utf8).write(to: plan)
            let check = try runWorkforce(["plan", "check", plan.path])
            #expect(check.status == 65 && check.errors.contains("plan.toml \(words)"), "\(check.errors.prefix(300))")
            let run = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", temporaryFolder("o").path])
            #expect(run.status == 65 && run.errors.contains(words), "\(run.errors.prefix(300))")
        }
    }

    /// Item 24h: a 1 MB key or value costs no more than reading it, and the message quotes at
    /// most 40 characters of it.
    @Test func aHugeKeyOrValueIsRefusedQuicklyWithAShortMessage() throws {
        let huge = String(repeating: "k", count: 1 << 20)
        let cases = [
            "[thresholds]\n\(huge) = 1\n", "[\(huge)]\n", "[breakdowns]\nadd = [\"\(huge)\"]\n",
            "[rates.r]\nen = \"A\"\nzh = \"B\"\nwhen = \"\(huge)\"\n", "[thresholds]\nlonely_psu = \"\(huge)\"\n",
            "[scope]\nindustrial = [\"\(huge)\"]\n", "[scope]\nindustrial = [[\"\(huge)\"]]\n",
        ]
        for text in cases {
            let start = Date()
            do {
                _ = try PlanFile(text: text, name: "plan.toml").plan()
                Issue.record("accepted")
            } catch {
                #expect(error.exitStatus == .dataError)
                #expect(error.description.utf8.count < 600, "\(error.description.prefix(200))")
            }
            // 9 to 14 s before the bounds, in a release build.
            #expect(Date().timeIntervalSince(start) < 5, "\(text.prefix(20))")
        }
        #expect(PlanError.quoted(huge) == "\"" + String(repeating: "k", count: 40) + "…\"")
        #expect(PlanError.quoted("a\u{1B}[2J") == "\"a\\u{1B}[2J\"")
    }
}

extension HostileUseTests {
    /// Item 15: a report past Excel's limits on a sheet (1,048,576 rows with the header,
    /// 16,384 columns) is no sheet of the workbook, whose README sheet sends the reader to its
    /// CSV file; a report at the limits is still a sheet.
    @Test func aReportPastExcelsLimitsIsLeftToItsCSV() throws {
        var tall = ReportTable(name: "quantiles", columns: ["n"])
        for row in 0..<(XLSXWriter.maxRows - 1) { tall.append([.integer(row)]) }
        #expect(XLSXWriter.fitsOnASheet(tall))
        tall.append([.integer(XLSXWriter.maxRows)])
        #expect(!XLSXWriter.fitsOnASheet(tall))
        let wide = ReportTable(name: "means", columns: (0...16_384).map { "c\($0)" })
        #expect(!XLSXWriter.fitsOnASheet(wide))
        #expect(XLSXWriter.fitsOnASheet(ReportTable(name: "w", columns: (1...16_384).map { "c\($0)" })))
        var small = ReportTable(name: "rates", columns: ["n"])
        small.append([.integer(1)])
        let readme = WorkbookReadme.build(
            options: PipelineOptions(inputs: "in", outputs: "out", jobs: 1), started: Date(),
            inputs: try InputChecksums(catalog: [:]), reports: [small, tall, wide])
        let notes = readme.rows.filter { $0.first == .text("sheet quantiles") || $0.first == .text("sheet means") }
        #expect(notes.count == 2)
        #expect(notes.first?[1] == .text("not in this workbook: see quantiles.csv / 未收入本工作簿，见 quantiles.csv"))
        #expect(
            notes.first?[2]
                == .text("1048577 rows and 1 columns: more than an Excel sheet holds (1048576 rows, 16384 columns)"))
        let archive = try Archive(
            data: try XLSXWriter().render(readme: readme, sheets: [small, tall, wide]), accessMode: .read)
        #expect(archive["xl/worksheets/sheet2.xml"] != nil && archive["xl/worksheets/sheet3.xml"] == nil)
        var workbook = Data()
        _ = try archive.extract(try #require(archive["xl/workbook.xml"])) { workbook.append($0) }
        let xml = String(decoding: workbook, as: UTF8.self)
        #expect(xml.contains(#"<sheet name="rates""#) && !xml.contains(#"<sheet name="quantiles""#))
    }
}

extension HostileUseTests {
    /// Item 15: the issue's plan — a category of 999 codes broken down, five lists of 99
    /// quantiles, each within its section's cap — asks 2 scopes × 1,190 domains (190 built in:
    /// 1 + 20 + 17 + 4 + 6 + 5 + 2 + 2 + 2 + 5 + 120 + 6, and 999 codes + not_given) × 548
    /// estimates a domain (48 built in, 5 wage quantiles, 495) = 1,304,240 a wave: refused.
    @Test func aPlanWhoseProductIsPastTheBoundIsRefused() throws {
        let probabilities = (1...99).map { "0.\($0 < 10 ? "0" : "")\($0)" }.joined(separator: ", ")
        var text = "[columns.c0]\ntype = \"category\"\nen = \"C\"\nzh = \"C\"\ncodes = ["
        text += (0..<999).map { "\"k\($0)\"" }.joined(separator: ", ") + "]\n[breakdowns]\nadd = [\"c0\"]\n"
        for list in 0..<5 {
            text +=
                "[quantiles.q\(list)]\ncolumn = \"monthly_wage\"\nprobabilities = [\(probabilities)]\nen = \"Q\"\nzh = \"Q\"\n"
        }
        do {
            _ = try PlanFile(text: text, name: "plan.toml").plan()
            Issue.record("accepted")
        } catch {
            #expect(error.line == 7 && error.exitStatus == .dataError)
            #expect(
                error.message
                    == "asks for up to 1304240 estimates a wave (2 scopes × 1190 domains × 548 estimates a domain), more than 500000"
            )
        }
        // Without the breakdown: 2 × 190 × 548 = 208,240, within the bound.
        let unbroken = try PlanFile(text: text.replacingOccurrences(of: "add = [\"c0\"]", with: ""), name: "p").plan()
        #expect(unbroken.estimatesPerWave == 208_240)
        #expect(SurveyPlan().estimatesPerWave == 2 * 190 * 53)
    }

    /// The built-in reports' estimates a domain (`builtInEstimatesPerDomain`) bound what a run
    /// publishes: counted in the reports of a two-wave run, per year, scope and domain.
    @Test func builtInEstimatesPerDomainBoundARun() throws {
        let inputs = temporaryFolder()
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 1500, years: [2020, 2021], seed: 9), to: inputs)
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        try #require(result.status == 0, "\(result.errors)")
        var counts: [String: Int] = [:]
        for report in ["composition", "wages", "training", "coverage", "wage_vs_economy"] {
            for row in try readCSV(outputs.appendingPathComponent("latest/\(report).csv"))
            where IndicatorCatalog.percentile(row["indicator"] ?? "") == nil {
                counts[
                    [row["year"], row["scope"], row["by"], row["domain"]].map { $0 ?? "" }.joined(separator: "|"),
                    default: 0] += 1
            }
        }
        let most = try #require(counts.values.max())
        #expect(most <= SurveyPlan.builtInEstimatesPerDomain && most >= 40, "\(most)")
        #expect(counts.count <= 2 * 2 * 190)
    }
}
