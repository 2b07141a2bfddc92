import Foundation
import Testing

@testable import WorkforceKit

/// What a plan says about the reports: which ones a run publishes (`[reports] publish`), and
/// the names of the enterprise report's groups.
@Suite struct PlanReportsTests {
    /// A folder holding a copy of the sample inputs.
    private func sampleInputs() throws -> URL {
        let inputs = temporaryFolder("inputs")
        let sample = FaultAndPrivacyTests.packageRoot.appendingPathComponent("Inputs")
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path) where name.hasSuffix(".csv") {
            try FileManager.default.copyItem(
                at: sample.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        return inputs
    }

    /// The reports listed are published, each byte for byte as in a full run; the others are not.
    @Test func aPlanPublishesTheReportsItLists() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("outputs")
        func run() throws {
            let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
            #expect(result.status == 0, "\(result.errors)")
        }
        try run()
        let full = try ["composition", "wage_vs_economy"].map {
            try Data(contentsOf: outputs.appendingPathComponent("latest/\($0).csv"))
        }
        // wage_vs_economy needs the wages report's medians: they are computed, not published.
        try Data("[reports]\npublish = [\"wage_vs_economy\", \"composition\"]\n".utf8)
            .write(to: inputs.appendingPathComponent("plan.toml"))
        try run()
        let chosen = try ["composition", "wage_vs_economy"].map {
            try Data(contentsOf: outputs.appendingPathComponent("latest/\($0).csv"))
        }
        #expect(chosen == full)
        let published = try FileManager.default.contentsOfDirectory(
            atPath: outputs.appendingPathComponent("latest").path
        ).sorted()
        #expect(
            published == [
                "composition.csv", "data_quality.csv", "manifest.json", "quarantine", "summary.html",
                "wage_vs_economy.csv", "workforce.xlsx",
            ])
        // The stable links of the reports no longer published are gone; the chosen ones stay.
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("wages.csv").path))
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("training.csv").path))
        #expect(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("composition.csv").path))
    }

    /// `[domain_labels.<by>]` renames the enterprise report's groups (ownership, size band, their cross).
    @Test func enterpriseGroupsAreRenamed() throws {
        let inputs = try sampleInputs()
        let plan = """
            [domain_labels.ownership]
            private = { en = "Non-state", zh = "非公" }

            [domain_labels.ownership_x_size_band]
            "state/<50" = { en = "Small state firms", zh = "小型国有" }
            """
        try Data(plan.utf8).write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try readCSV(outputs.appendingPathComponent("latest/enterprises.csv"))
        let renamed = rows.filter { $0["by"] == "ownership" && $0["domain"] == "private" }
        #expect(!renamed.isEmpty && renamed.allSatisfy { $0["domain_en"] == "Non-state" && $0["domain_zh"] == "非公" })
        let cross = rows.filter { $0["by"] == "ownership_x_size_band" && $0["domain"] == "state/<50" }
        #expect(!cross.isEmpty && cross.allSatisfy { $0["domain_en"] == "Small state firms" })
        #expect(
            rows.contains { $0["by"] == "ownership" && $0["domain"] == "state" && $0["domain_en"] == "State-owned" })
        #expect(throws: PlanError.self) {
            try PlanFile(text: "[domain_labels.ownership]\npublic = { en = \"A\", zh = \"B\" }\n", name: "p").plan()
        }
    }

    /// The workbook formats a plan's rate as a share and a mean of wages in CNY, as the catalog's own.
    @Test func planIndicatorsAreFormattedByTheirUnit() {
        let columns = EstimateRow.columns
        func row(_ indicator: String, unit: IndicatorUnit) -> [ReportCell] {
            columns.map { column in
                switch column {
                case "indicator": .text(indicator)
                case "unit_en": .text(unit.english)
                case "estimate": .number(0.25)
                default: .text("")
                }
            }
        }
        var table = ReportTable(name: "rates", columns: columns)
        table.append(row("long_commute_share", unit: .fraction))
        table.append(row("housing_fund_rate", unit: .fraction))
        table.append(row("mean_subsidy", unit: .yuan))
        table.append(row("mean_enrollment_custom", unit: .hours))
        let style = WorkbookFormats.styler(table)
        let estimate = columns.firstIndex(of: "estimate") ?? 0
        #expect(style(table.rows[0], estimate) == WorkbookFormats.style("0.0%"))
        #expect(style(table.rows[0], estimate) == style(table.rows[1], estimate))
        #expect(style(table.rows[2], estimate) == WorkbookFormats.style("#,##0"))
        #expect(style(table.rows[3], estimate) != style(table.rows[0], estimate))
    }

    static let badPlans: [(String, Int, String)] = [
        (
            "[reports]\npublish = [\"wage\"]\n", 2,
            "reports.publish holds \"wage\", which is not a report; did you mean wages?"
        ),
        ("[reports]\npublish = []\n", 2, "reports.publish is empty; leave the key out to publish every report"),
        ("[reports]\npublish = [\"wages\", \"wages\"]\n", 2, "reports.publish lists \"wages\" twice"),
        ("[reports]\npublish = [\"rates\"]\n", 2, "reports.publish lists rates, but the plan defines no rates"),
        ("[reports]\npublish = \"wages\"\n", 2, "reports.publish must be a list"),
    ]

    @Test(arguments: badPlans.indices) func aBadChoiceNamesItsLine(_ index: Int) throws {
        let (text, line, words) = Self.badPlans[index]
        expectBadPlan(text, line: line, words: words)
    }
}
