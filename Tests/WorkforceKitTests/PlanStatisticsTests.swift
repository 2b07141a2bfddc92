import Foundation
import Testing

@testable import WorkforceKit

/// The plan's statistics of the other kinds: `[ratios.<code>]` (R `svyratio`) and
/// `[totals.<code>]` (R `svytotal`), each among the workers who give its columns.
@Suite struct PlanStatisticsTests {
    /// The fixture written by scripts/r/plan_ratios.R: the California API stratified sample with a
    /// street, two scores (score99 blank on every 9th school) and enrolment under 学生数 (blank on
    /// every 11th), its plan, and R survey's estimates.
    static func fixture() throws -> URL {
        try #require(
            Bundle.module.url(forResource: "apistrat-ratios", withExtension: nil, subdirectory: "Fixtures/r-plan"))
    }

    /// score00 / score99 among schools that give both, and total enrolment among those that give
    /// it, for all, by sex and by street (not_given included): estimate, SE and 90 % interval
    /// equal R survey 4.1.1 to 1e-9 relative; n counts the rows that give the columns; no design effect.
    @Test func ratiosAndTotalsAgreeWithR() throws {
        let folder = try Self.fixture()
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 16)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let ratios = try readCSV(outputs.appendingPathComponent("latest/ratios.csv"))
        let totals = try readCSV(outputs.appendingPathComponent("latest/totals.csv"))
        #expect(Set(ratios.compactMap { $0["indicator"] }) == ["score_index"])
        #expect(Set(totals.compactMap { $0["indicator"] }) == ["enrolment_total"])
        let compared = try expectAgreementWithR(
            ratios + totals, expected, columns: ["estimate", "se", "ci_low", "ci_high", "deff"], tolerance: 1e-9)
        #expect(compared == 80)
        let ratio = try #require(ratios.first { $0["by"] == "all" })
        #expect(ratio["unit_en"] == "index" && ratio["label_zh"] == "2000年与1999年学业成绩指数之比")
        let total = try #require(totals.first { $0["by"] == "all" })
        #expect(total["unit_zh"] == "人" && total["label_en"] == "Total enrolment")
    }

    /// ratios.csv and totals.csv are byte for byte the same for any number of jobs and any chunk size.
    @Test func ratiosAndTotalsDoNotDependOnJobsOrChunks() throws {
        let folder = try Self.fixture()
        var published: [String] = []
        for (jobs, chunk) in [("1", "16777216"), ("2", "700"), ("3", "4096")] {
            let outputs = temporaryFolder()
            let result = try runWorkforce([
                "run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet", "--jobs", jobs,
                "--chunk-bytes", chunk,
            ])
            #expect(result.status == 0, "\(result.errors)")
            published.append(
                try String(contentsOf: outputs.appendingPathComponent("latest/ratios.csv"), encoding: .utf8)
                    + String(contentsOf: outputs.appendingPathComponent("latest/totals.csv"), encoding: .utf8))
        }
        #expect(Set(published).count == 1)
        #expect(published[0].contains("score_index") && published[0].contains("enrolment_total"))
    }

    /// A ratio or total that names a column wrongly, or a ratio of a column by itself, is refused
    /// with its line, key and fix; `[reports] publish` takes ratios and totals only when defined.
    @Test(arguments: [
        ("[ratios.r]\nnumerator = \"training_hours\"\ndenominator = \"training_hours\"\nen = \"a\"\nzh = \"b\"\n", 3,
         "divides training_hours by itself"),
        ("[ratios.r]\nnumerator = \"training_hour\"\ndenominator = \"monthly_wage\"\nen = \"a\"\nzh = \"b\"\n", 2,
         "is not a numeric column"),
        ("[totals.t]\ncolumn = \"trained\"\nen = \"a\"\nzh = \"b\"\n", 2, "is not a numeric column"),
        ("[totals.t]\ncolumn = \"monthly_wage\"\nen = \"a\"\n", 1, "lacks its Chinese name"),
        ("[totals.t]\ncolumn = \"monthly_wage\"\nen = \"a\"\nzh = \"b\"\nby = \"sex\"\n", 5,
         "is not a key of [totals.<code>]"),
        ("[totals.mean_wage]\ncolumn = \"monthly_wage\"\nen = \"a\"\nzh = \"b\"\n", 1,
         "is the code of a built-in indicator"),
        ("[reports]\npublish = [\"ratios\"]\n", 2, "the plan defines no ratios"),
        ("[rates.x]\nen = \"a\"\nzh = \"b\"\nwhen = \"trained\"\n[totals.x]\ncolumn = \"age\"\nen = \"a\"\nzh = \"b\"\n",
         5, "publishes x, as rates.x does"),
    ])
    func aBadStatisticNamesItsLineAndWhatIsWrong(plan: String, line: Int, problem: String) {
        expectBadPlan(plan, line: line, words: problem)
    }
}
