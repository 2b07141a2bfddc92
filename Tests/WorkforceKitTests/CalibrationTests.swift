import Foundation
import Testing

@testable import WorkforceKit

/// Weights calibrated to population.csv (a plan's `[calibration]`), checked against R survey on
/// the API data and against hand-worked designs; every bad table and setting refused.
@Suite struct CalibrationTests {
    static func fixture(_ method: String) throws -> URL {
        try #require(
            Bundle.module.url(
                forResource: "apistrat-calibration-\(method)", withExtension: nil, subdirectory: "Fixtures/r-plan"))
    }

    /// The 200 apistrat schools calibrated to apipop's counts: post-stratified to industry × sex,
    /// raked to industry, sex and hukou, and GREG (linear) to industry, sex and the total of
    /// age. Mean wage, a plan's rate, the headcount and the median with its Woodruff interval, for
    /// all and by sex, industry and hukou, equal R's `postStratify` / `calibrate(calfun = "raking" |
    /// "linear")` and `svyquantile` (scripts/r/calibration.R) to 1e-9, SEs from the calibration
    /// residuals included; data_quality.csv's g range equals R's.
    @Test(arguments: ["poststratify", "rake", "linear"])
    func calibratedEstimatesAgreeWithR(method: String) throws {
        let folder = try Self.fixture(method)
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 32)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let latest = outputs.appendingPathComponent("latest")
        let ours = try ["wages", "composition", "rates"].flatMap {
            try readCSV(latest.appendingPathComponent("\($0).csv"))
        }
        let compared = try expectAgreementWithR(
            ours, expected, columns: ["estimate", "se", "ci_low", "ci_high"], tolerance: 1e-9)
        #expect(compared == 32 * 4)
        // Calibration changes the SE of the mean wage (R's own uncalibrated SE beside it).
        let mean = try #require(expected.first { $0["by"] == "all" && $0["indicator"] == "mean_wage" })
        #expect(mean["se"] != mean["se_uncalibrated"])
        let quality = try readCSV(latest.appendingPathComponent("data_quality.csv")).filter {
            $0["table"] == "population" && $0["file"] == "year 2000"
        }
        let range = try #require(try readCSV(folder.appendingPathComponent("g_weights.csv")).first)
        for (measure, column) in [("g_weight_min", "g_min"), ("g_weight_max", "g_max")] {
            let mine = try #require(Double(quality.first { $0["measure"] == measure }?["value"] ?? ""))
            let theirs = try #require(Double(range[column] ?? ""))
            #expect(abs(mine - theirs) <= 1e-9 * theirs, "\(measure)")
        }
        let after = try #require(Double(quality.first { $0["measure"] == "largest_discrepancy_after" }?["value"] ?? ""))
        #expect(after < 1e-9)
        #expect(quality.first { $0["measure"] == "calibration_method" }?["value"] == method)
    }

    /// The same 200 schools in 1999 and 2000, each wave raked to its own industry and sex counts:
    /// the changes of the mean, a rate and a total equal R's on the stacked calibrated design
    /// (each wave's own intercept and margins, `calibrate(calfun = "raking")`; the domains'
    /// residuals side by side through `svyrecvar`, then `svycontrast`; scripts/r/changes_calibrated.R)
    /// to 1e-9: a school of both waves is one cluster and each wave's part is its residual.
    @Test func calibratedChangesAgreeWithR() throws {
        let folder = try #require(
            Bundle.module.url(
                forResource: "apistrat-changes-calibrated", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 42)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let changes = try readCSV(outputs.appendingPathComponent("latest/changes.csv"))
        var compared = 0
        for kind in ["difference", "relative"] {
            compared += try expectAgreementWithR(
                changes.filter { $0["change"] == kind && $0["year"] == "2000" && $0["base_year"] == "1999" },
                expected.filter { $0["change"] == kind }, columns: ["estimate", "se", "ci_low", "ci_high"],
                tolerance: 1e-9)
        }
        let growth = try readCSV(outputs.appendingPathComponent("latest/wage_vs_economy.csv")).filter {
            $0["indicator"] == "log_mean_growth"
        }
        compared += try expectAgreementWithR(
            growth, expected.filter { $0["change"] == "log" }, columns: ["estimate", "se", "ci_low", "ci_high"],
            tolerance: 1e-9)
        #expect(compared == 42 * 4)
    }

    /// Workers of one stratum, each its own PSU, with sex, weight and wage; `plan` (after
    /// thresholds that suppress nothing) and `population` as given (year 2021).
    static func inputs(
        _ workers: [(sex: String, hukou: String, weight: Double, wage: Int)], plan: String, population: String
    ) throws -> URL {
        let folder = temporaryFolder()
        let rows = workers.enumerated().map { index, worker in
            ValidationRuleTests.row(
                [
                    "sex": worker.sex, "hukou": worker.hukou, "weight": FieldReader.plain(worker.weight),
                    "monthly_wage": String(worker.wage), "stratum": "S", "psu": "P\(index)",
                ], id: index)
        }
        try ([ValidationRuleTests.header] + rows).joined(separator: "\n").write(
            to: folder.appendingPathComponent("workers.csv"), atomically: true, encoding: .utf8)
        try ("[thresholds]\nsuppress_below = 0\nlow_n_below = 0\n\n" + plan).write(
            to: folder.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)
        try population.write(to: folder.appendingPathComponent("population.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Men weighted 5, 5, 10 (wages 1000, 2000, 3000), women 4, 6 (1000, 2000).
    static let five: [(sex: String, hukou: String, weight: Double, wage: Int)] = [
        ("M", "local", 5, 1000), ("M", "local", 5, 2000), ("M", "local", 10, 3000), ("F", "local", 4, 1000),
        ("F", "local", 6, 2000),
    ]
    static let poststratifyBySex = "[calibration]\nmethod = \"poststratify\"\nmargins = [\"sex\"]\n"
    static let sexTotals = "year,margin,code,total\n2021,sex,M,30\n2021,sex,F,10\n"

    static func run(_ folder: URL) throws -> (status: Int32, errors: String, latest: URL) {
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        return (result.status, result.errors, outputs.appendingPathComponent("latest"))
    }

    static func value(_ rows: [[String: String]], by: String, domain: String, _ indicator: String, _ column: String)
        throws -> Double
    {
        let row = try #require(
            rows.first {
                $0["scope"] == "all" && $0["by"] == by && $0["domain"] == domain && $0["indicator"] == indicator
            })
        return try #require(Double(row[column] ?? ""))
    }

    /// Post-stratified to 30 men and 10 women: g = 30/20 for men, 10/10 for women, so the
    /// headcounts are the population's exactly, with SE 0. The mean wage is 835·100/40 = 2087.5;
    /// its residuals per worker, w·(z − the post-stratum's d-weighted mean of z), are
    /// (−93.75, −18.75, 112.5, −24, 24)·100/40, so V = 5/4·Σ t² = 179288.0859375 (by hand; R's
    /// `postStratify` gives the same).
    @Test func postStratificationByHand() throws {
        let run = try Self.run(try Self.inputs(Self.five, plan: Self.poststratifyBySex, population: Self.sexTotals))
        #expect(run.status == 0, "\(run.errors)")
        let composition = try readCSV(run.latest.appendingPathComponent("composition.csv"))
        for (sex, count) in [("M", 30.0), ("F", 10.0)] {
            #expect(abs(try Self.value(composition, by: "sex", domain: sex, "headcount", "estimate") - count) < 1e-12)
            #expect(try Self.value(composition, by: "sex", domain: sex, "headcount", "se") < 1e-12)
        }
        let wages = try readCSV(run.latest.appendingPathComponent("wages.csv"))
        #expect(abs(try Self.value(wages, by: "all", domain: "all", "mean_wage", "estimate") - 2087.5) < 1e-9)
        let se = try Self.value(wages, by: "all", domain: "all", "mean_wage", "se")
        #expect(abs(se * se - 179_288.0859375) < 1e-7)
    }

    /// A sample table of product form (weights 1, 1, 2, 2 of men, 3, 3, 6, 6 of women; local and
    /// non-local alternating) raked to 20 men, 40 women, 45 local, 15 non-local: iterative
    /// proportional fitting's one pass is exact, g = (N·R_a·C_b)/(n·r_a·c_b) = 5, 5/3 for men,
    /// 10/3, 10/9 for women (local, non-local), and the mean of wages 1000…8000 is 315000/60.
    /// Newton's iteration (R `calibrate(calfun = "raking", epsilon = 1e-10)`, verbose) takes 7 steps.
    @Test func rakingByHand() throws {
        let workers: [(sex: String, hukou: String, weight: Double, wage: Int)] = [1.0, 1, 2, 2, 3, 3, 6, 6].enumerated()
            .map { k, weight in (k < 4 ? "M" : "F", k % 2 == 0 ? "local" : "nonlocal", weight, 1000 * (k + 1)) }
        let plan = "[calibration]\nmethod = \"rake\"\nmargins = [\"sex\", \"hukou\"]\ntolerance = 1e-10\n"
        let population =
            "year,margin,code,total\n2021,sex,M,20\n2021,sex,F,40\n2021,hukou,local,45\n2021,hukou,nonlocal,15\n"
        let run = try Self.run(try Self.inputs(workers, plan: plan, population: population))
        #expect(run.status == 0, "\(run.errors)")
        let quality = try readCSV(run.latest.appendingPathComponent("data_quality.csv")).filter {
            $0["table"] == "population"
        }
        let measure = { (name: String) in Double(quality.first { $0["measure"] == name }?["value"] ?? "") }
        #expect(measure("calibration_iterations") == 7)
        #expect(abs((measure("g_weight_min") ?? 0) - 10.0 / 9) < 1e-9)
        #expect(abs((measure("g_weight_max") ?? 0) - 5) < 1e-9)
        let composition = try readCSV(run.latest.appendingPathComponent("composition.csv"))
        for (by, domain, count) in [
            ("sex", "M", 20.0), ("sex", "F", 40), ("hukou", "local", 45), ("hukou", "nonlocal", 15),
        ] {
            #expect(abs(try Self.value(composition, by: by, domain: domain, "headcount", "estimate") - count) < 1e-8)
        }
        let wages = try readCSV(run.latest.appendingPathComponent("wages.csv"))
        #expect(abs(try Self.value(wages, by: "all", domain: "all", "mean_wage", "estimate") - 5250) < 1e-8)
    }

    /// Each population table that cannot calibrate the wave stops the run with 65, naming the
    /// year, the margin and the code, and publishes nothing.
    @Test(arguments: [
        (
            "year,margin,code,total\n2021,sex,M,30\n",
            "code F: 2 sampled workers have this code but the table gives no total"
        ),
        ("year,margin,code,total\n2021,sex,M,30\n2021,sex,X,10\n", "code \"X\": not a code of sex"),
        ("year,margin,code,total\n2021,sex,M,30\n2021,sex,F,0\n", "code F: total 0 is not above 0"),
        (
            "year,margin,code,total\n2020,sex,M,30\n2020,sex,F,10\n",
            "calibration of 2021: population.csv, margin sex: no row for 2021"
        ),
    ])
    func aPopulationTableThatCannotCalibrateIsRefused(population: String, message: String) throws {
        let run = try Self.run(try Self.inputs(Self.five, plan: Self.poststratifyBySex, population: population))
        #expect(run.status == 65)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(run.errors.contains("nothing was published"))
        #expect(!FileManager.default.fileExists(atPath: run.latest.path))
    }

    /// Raking refuses margins that count different populations, a code without sampled workers,
    /// and weights that do not converge within the iteration limit.
    @Test func rakingThatCannotSucceedIsRefused() throws {
        let rake = "[calibration]\nmethod = \"rake\"\nmargins = [\"sex\", \"hukou\"]\n"
        let mixed = Self.five.enumerated().map { k, worker in
            (worker.sex, k % 2 == 0 ? "local" : "nonlocal", worker.weight, worker.wage)
        }
        let cases: [([(sex: String, hukou: String, weight: Double, wage: Int)], String, String)] = [
            (mixed, rake, "2021,hukou,local,20\n2021,hukou,nonlocal,25\n"),
            (Self.five, rake, "2021,hukou,local,30\n2021,hukou,nonlocal,10\n"),
            (mixed, rake + "max_iterations = 1\ntolerance = 1e-12\n", "2021,hukou,local,35\n2021,hukou,nonlocal,5\n"),
        ]
        let messages = [
            "margin hukou: its totals add up to 45 but those of sex to 40",
            "margin hukou, code nonlocal: the population holds 10 but no sampled worker of 2021 has this code",
            "the weights did not reach the totals in 1 iterations",
        ]
        for ((workers, plan, hukou), message) in zip(cases, messages) {
            let run = try Self.run(try Self.inputs(workers, plan: plan, population: Self.sexTotals + hukou))
            #expect(run.status == 65)
            #expect(run.errors.contains(message), "\(run.errors)")
        }
    }

    /// `plan check` refuses a `[calibration]` whose keys do not go together, with the line and the fix.
    @Test(arguments: [
        ("[calibration]\nmargins = [\"sex\"]\n", "[calibration] names no method"),
        ("[calibration]\nmethod = \"poststratify\"\nmargins = [\"sex\", \"hukou\"]\n", "post-stratification takes one"),
        (
            "[calibration]\nmethod = \"rake\"\nmargins = [\"sex\"]\ntotals = [\"age\"]\n",
            "calibration.totals does not apply to raking"
        ),
        (
            "[calibration]\nmethod = \"linear\"\nmargins = [\"sex\"]\nbounds = [1.5, 2]\n",
            "does not hold 1 between its bounds"
        ),
        ("[calibration]\nmethod = \"linear\"\nmargins = [\"sexx\"]\n", "did you mean sex?"),
        ("[calibration]\nmethod = \"greg\"\nmargins = [\"sex\"]\n", "\"poststratify\", \"rake\", \"linear\""),
    ])
    func aCalibrationSettingThatDoesNotFitIsRefused(plan: String, message: String) throws {
        let folder = try Self.inputs(Self.five, plan: plan, population: Self.sexTotals)
        let result = try runWorkforce(["plan", "check", folder.appendingPathComponent("plan.toml").path])
        #expect(result.status == 65)
        #expect(result.errors.contains("plan.toml line"), "\(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }
}
