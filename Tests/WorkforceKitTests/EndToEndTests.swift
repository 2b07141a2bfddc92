import Foundation
import Testing

@testable import WorkforceKit

/// The whole pipeline on the small fixture, against values worked out by scripts/reference_small_fixture.py.
@Suite struct EndToEndTests {
    var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures"))
        }
    }

    @Test func weightedMeansSharesAndQuantiles() throws {
        let (summary, outputs) = try runPipeline(inputs: try fixture)
        #expect(summary.rowsRead == 8)
        #expect(summary.isClean)
        let composition = try readCSV(outputs.appendingPathComponent("composition.csv"))
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))

        #expect(isClose(estimate(composition, indicator: "headcount"), 130))
        #expect(isClose(estimate(composition, by: "industry", domain: "C", indicator: "share"), 0.15384615384615385))
        #expect(isClose(estimate(composition, by: "industry", domain: "G", indicator: "share"), 0.3076923076923077))
        #expect(isClose(estimate(composition, by: "industry", domain: "K", indicator: "share"), 0.46153846153846156))
        #expect(isClose(estimate(composition, by: "sex", domain: "M", indicator: "share"), 0.5))
        // K is outside the industrial scope.
        #expect(estimate(composition, scope: "industrial", by: "industry", domain: "K", indicator: "share") == nil)
        #expect(isClose(estimate(composition, scope: "industrial", indicator: "headcount"), 70))

        #expect(isClose(estimate(wages, indicator: "mean_wage"), 6115.384615384615))
        #expect(isClose(estimate(wages, scope: "industrial", indicator: "mean_wage"), 7928.571428571428))
        #expect(isClose(estimate(wages, by: "industry", domain: "G", indicator: "mean_wage"), 8000))
        #expect(estimate(wages, indicator: "p10") == 3000)
        #expect(estimate(wages, indicator: "p25") == 4000)
        #expect(estimate(wages, indicator: "p50") == 5000)
        #expect(estimate(wages, indicator: "p75") == 7000)
        #expect(estimate(wages, indicator: "p90") == 9000)
        #expect(isClose(estimate(wages, indicator: "p90_p10"), 3))
        #expect(isClose(estimate(wages, indicator: "low_pay_rate"), 0.23076923076923078))
        #expect(isClose(estimate(wages, indicator: "gender_pay_gap_mean"), 0.23333333333333334))
    }

    @Test func smallCellsAreFlaggedAndSuppressed() throws {
        let (_, outputs) = try runPipeline(
            inputs: try fixture, disclosure: DisclosurePolicy(suppressBelow: 3, lowNBelow: 5))
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))
        let all = wages.first { $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["scope"] == "all" }
        #expect(all?["flag"] == "")
        let industryC = wages.first { $0["by"] == "industry" && $0["domain"] == "C" && $0["indicator"] == "mean_wage" }
        #expect(industryC?["flag"] == "suppressed")
        #expect(industryC?["estimate"] == "")
        let industrial = wages.first {
            $0["scope"] == "industrial" && $0["by"] == "all" && $0["indicator"] == "mean_wage"
        }
        #expect(industrial?["n"] == "6")
        #expect(industrial?["flag"] == "")
        let sexM = wages.first { $0["by"] == "sex" && $0["domain"] == "M" && $0["indicator"] == "mean_wage" }
        #expect(sexM?["flag"] == "low_n")
    }

    @Test func outputsAreIdenticalForAnyNumberOfThreads() throws {
        // Enough rows for many chunks at this chunk size, with quoted fields and bad rows.
        var lines = [ValidationRuleTests.header]
        var random = SplitMix(seed: 7)
        for index in 0..<3000 {
            let wage = String(2000 + Int(random.next() % 30000)) + "." + String(random.next() % 100)
            let weight = String(Double(random.next() % 10_000) / 37 + 0.5)
            let district = District.names[Int(random.next() % 16)]
            var row = ValidationRuleTests.row(
                [
                    "monthly_wage": wage, "weight": weight, "district": district,
                    "enterprise_id": "\"E,\(random.next() % 90)\"",
                    "industry": Industry.letters[Int(random.next() % 20)],
                    "skill_level": String(random.next() % 6), "sex": random.next() % 2 == 0 ? "M" : "F",
                ], id: index)
            if index % 500 == 7 { row = row.replacingOccurrences(of: "regular", with: "nobody") }
            lines.append(row)
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let one = try runPipeline(inputs: inputs, jobs: 1, chunkBytes: 4096)
        let four = try runPipeline(inputs: inputs, jobs: 4, chunkBytes: 4096)
        for name in ["composition.csv", "wages.csv", "data_quality.csv", "quarantine/workers.csv"] {
            let a = try Data(contentsOf: one.outputs.appendingPathComponent(name))
            let b = try Data(contentsOf: four.outputs.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 4")
        }
        #expect(one.summary.rowsQuarantined == 6)
    }

    @Test func byteOrderMarkAndCRLFInputs() throws {
        let text = try String(contentsOf: try fixture.appendingPathComponent("workers.csv"), encoding: .utf8)
        let inputs = try makeInputs(["workers.csv": "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")])
        let (summary, outputs) = try runPipeline(inputs: inputs)
        #expect(summary.isClean)
        #expect(summary.accounts.first?.encoding == "UTF-8 with BOM")
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))
        #expect(isClose(estimate(wages, indicator: "mean_wage"), 6115.384615384615))
    }

    @Test func filesAreGroupedByPrefixAndTabsReadInTSV() throws {
        let text = try String(contentsOf: try fixture.appendingPathComponent("workers.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let tsv = ([header] + lines[4...]).map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\n")
        let inputs = try makeInputs([
            "workers_part1.csv": ([header] + lines[..<4]).joined(separator: "\n"),
            "workers/part-2.tsv": tsv,
            "notes.csv": "this,is,ignored\n",
        ])
        let (summary, outputs) = try runPipeline(inputs: inputs)
        #expect(summary.accounts.map(\.file) == ["workers/part-2.tsv", "workers_part1.csv"])
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))
        #expect(isClose(estimate(wages, indicator: "mean_wage"), 6115.384615384615))
    }

    @Test func failedRunLeavesPreviousReportsIntact() throws {
        let (_, outputs) = try runPipeline(inputs: try fixture)
        let before = try Data(contentsOf: outputs.appendingPathComponent("wages.csv"))
        let broken = try makeInputs(["workers.csv": "year\n2021\n"])
        var options = PipelineOptions(inputs: broken.path, outputs: outputs.path, jobs: 1)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        #expect(throws: InputError.self) { try Pipeline(options: options).run() }
        #expect(try Data(contentsOf: outputs.appendingPathComponent("wages.csv")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs.path).filter {
            $0.hasPrefix(".staging")
        }
        #expect(leftovers.isEmpty)
    }
}
