import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// summary.html: well-formed, self-contained, charts titled with axis labels, numbers equal to the CSV reports.
@Suite struct HTMLSummaryTests {
    @Test func summaryIsSelfContainedAndMatchesTheReports() throws {
        let inputs = temporaryFolder("html")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 2500, years: [2019, 2021], seed: 4), to: inputs)
        let (_, outputs) = try runPipeline(inputs: inputs, disclosure: DisclosurePolicy())
        let html = try String(contentsOf: outputs.appendingPathComponent("summary.html"), encoding: .utf8)

        // Well-formed (XHTML-style markup parses as XML once the doctype is set aside).
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        #expect(parser.parse(), "summary.html is not well-formed: \(String(describing: parser.parserError))")

        // No network: nothing loaded from elsewhere (the only URL is the SVG namespace).
        for pattern in ["<script", "src=", "<link", "@import", "url(http", "href=\"http"] {
            #expect(!html.contains(pattern), "summary.html contains \(pattern)")
        }
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)

        // Every chart has a title and two axis labels.
        let charts = html.components(separatedBy: "<svg").dropFirst()
        #expect(charts.count >= 5)
        for chart in charts {
            #expect(chart.contains("<title>"))
            #expect(chart.components(separatedBy: "class=\"axis-label\"").count - 1 == 2)
        }
        // Every section names its report file and clause.
        #expect(
            html.components(separatedBy: "<section>").count - 1 == html.components(separatedBy: "class=\"source\"")
                .count - 1)

        // Headline numbers are the CSV's, exactly.
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))
        let mean = wages.first {
            $0["year"] == "2021" && $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "mean_wage"
        }?["estimate"]
        #expect(mean != nil && html.contains("data-value=\"\(mean ?? "")\""))
        let coverage = try readCSV(outputs.appendingPathComponent("coverage.csv"))
        let housing = coverage.first {
            $0["year"] == "2021" && $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "housing_fund_rate"
        }?["estimate"]
        #expect(housing != nil && html.contains("data-value=\"\(housing ?? "")\""))
        // One language a page: English here (the default --lang), Chinese with --lang zh (below).
        #expect(html.contains("Shanghai industrial-workforce reform: indicators") && !html.contains("上海产业工人"))
        #expect(!html.contains("平均月工资") && html.contains("Mean monthly wage"))
        // The card shows the mean wage with its thousands grouped, as the workbook's #,##0 does.
        let shown = HTMLSummary.grouped(try #require(Double(mean ?? "")), decimals: 0)
        #expect(shown.contains(",") && html.contains(">\(shown) CNY<"), "\(shown)")
        // Printed on A4.
        #expect(html.contains("@page{size:A4"))
    }

    /// The plan's own statistics have their section, each rate shown as a percentage as its unit says.
    @Test func thePlansStatisticsHaveTheirSection() throws {
        let folder = try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let outputs = temporaryFolder()
        #expect(try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"]).status == 0)
        let html = try String(contentsOf: outputs.appendingPathComponent("latest/summary.html"), encoding: .utf8)
        #expect(html.contains("<h2>The plan's rates, 2000, all workers</h2>"))
        #expect(html.contains("<h2>The plan's totals, 2000, all workers</h2>"))
        let rates = try readCSV(outputs.appendingPathComponent("latest/rates.csv"))
        let rate = try #require(
            rates.first { $0["year"] == "2000" && $0["scope"] == "all" && $0["by"] == "all" }.flatMap {
                Double($0["estimate"] ?? "")
            })
        #expect(html.contains(String(format: "<td>%.1f</td>", rate * 100)), "the rate as a percentage")
    }

    /// The intervals' labels name the run's confidence level (a plan's 90 %, not a fixed 95 %).
    @Test func intervalsNameTheRunsLevel() throws {
        let folder = try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let inputs = temporaryFolder()
        for name in ["workers_1999.csv", "workers_2000.csv"] {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        try "[thresholds]\nconfidence_level = 0.9\n".write(
            to: inputs.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)
        let outputs = temporaryFolder()
        #expect(try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"]).status == 0)
        let html = try String(contentsOf: outputs.appendingPathComponent("latest/summary.html"), encoding: .utf8)
        #expect(html.contains("<th>90% CI</th>") && !html.contains("95% CI"))
        #expect(HTMLSummary.percent(0.975) == "97.5%" && HTMLSummary.percent(0.95) == "95%")
    }

    /// With --lang zh the page is in Chinese: its title, headings, cards, table headers and chart
    /// labels; no English heading or label is left (codes and file names stay).
    @Test func theChinesePageIsInChinese() throws {
        let folder = try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let outputs = temporaryFolder()
        #expect(
            try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--lang", "zh", "--quiet"])
                .status
                == 0)
        let html = try String(contentsOf: outputs.appendingPathComponent("latest/summary.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-CN\">") && html.contains("<h1>上海产业工人队伍建设改革指标</h1>"))
        #expect(html.contains("平均月工资") && html.contains("<th>95% 置信区间</th>") && html.contains("调查方案的比率"))
        for english in [
            "Shanghai industrial-workforce", "Headlines", "Mean monthly wage", "Source:", "Clause:", "indicator</th>",
            "all workers", "The plan's rates", "Data quality", "survey waves", "class=\"en\"",
        ] {
            #expect(!html.contains(english), "\(english)")
        }
    }

    /// Thousands grouped as the workbook's number formats show them.
    @Test func numbersAreGroupedByThousands() {
        #expect(HTMLSummary.grouped(1_234_567.4, decimals: 0) == "1,234,567")
        #expect(HTMLSummary.grouped(999, decimals: 0) == "999")
        #expect(HTMLSummary.grouped(-1234.56, decimals: 1) == "−1,234.6")
        #expect(HTMLSummary.grouped(-0.04, decimals: 1) == "0.0")
        #expect(HTMLSummary.grouped(12_000, decimals: 0) == "12,000")
    }
}
