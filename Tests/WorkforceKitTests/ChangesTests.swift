import Foundation
import Testing

@testable import WorkforceKit

/// changes.csv: each wave's change from the previous wave with an SE that takes the covariance
/// of PSUs observed in both waves into account.
@Suite struct ChangesTests {
    static func fixture() throws -> URL {
        try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
    }

    /// The same 200 schools in 1999 and 2000: the difference and the relative change of the mean,
    /// of a plan's rate and of a plan's total, for all, by sex and by industry, and the mean's log
    /// growth in wage_vs_economy.csv, equal R survey's `svyby(…, covmat = TRUE)` + `svycontrast`
    /// (scripts/r/changes.R) to 1e-9; the SE of the mean's change is far below the one of
    /// independent samples.
    @Test func changesAgreeWithR() throws {
        let folder = try Self.fixture()
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 42)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let changes = try readCSV(outputs.appendingPathComponent("latest/changes.csv"))
        var compared = 0
        for kind in ["difference", "relative"] {
            let ours = changes.filter { $0["change"] == kind && $0["year"] == "2000" && $0["base_year"] == "1999" }
            compared += try expectAgreementWithR(
                ours, expected.filter { $0["change"] == kind }, columns: ["estimate", "se", "ci_low", "ci_high"],
                tolerance: 1e-9)
        }
        #expect(compared == 36 * 4)
        // wage_vs_economy.csv's log growth of the mean wage, from the same joint linearisation.
        let growth = try readCSV(outputs.appendingPathComponent("latest/wage_vs_economy.csv")).filter {
            $0["indicator"] == "log_mean_growth"
        }
        compared = try expectAgreementWithR(
            growth, expected.filter { $0["change"] == "log" }, columns: ["estimate", "se", "ci_low", "ci_high"],
            tolerance: 1e-9)
        #expect(compared == 6 * 4)
        let mean = try #require(
            changes.first { $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["change"] == "difference" })
        let reference = try #require(
            expected.first { $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["change"] == "difference" })
        let (se, independent) = (try #require(Double(mean["se"] ?? "")), try #require(Double(reference["se_independent"] ?? "")))
        #expect(se < independent / 5, "the covariance of the revisited schools enters")
        #expect(mean["significant"] == "yes" && mean["change_unit_en"] == "CNY")
        // A quantile's change is the difference of the two waves' points, without an SE.
        let wages = try readCSV(outputs.appendingPathComponent("latest/wages.csv")).filter {
            $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "p50"
        }
        let medians = Dictionary(uniqueKeysWithValues: wages.map { ($0["year"] ?? "", Double($0["estimate"] ?? "") ?? .nan) })
        let median = try #require(
            changes.first { $0["by"] == "all" && $0["indicator"] == "p50" && $0["change"] == "difference" })
        #expect(Double(median["estimate"] ?? "") == (medians["2000"] ?? .nan) - (medians["1999"] ?? .nan))
        #expect(median["se"] == "" && median["significant"] == "")
        let rate = try #require(
            changes.first { $0["by"] == "all" && $0["indicator"] == "high_score" && $0["change"] == "difference" })
        #expect(rate["change_unit_en"] == "difference of fractions (0.01 = 1 percentage point)")
    }

    /// Two waves of one stratum, one worker a PSU: 2020 in PSUs A and B (wages 100, 200), 2021 in
    /// A and C (130, 260), weights 1. The means are 150 and 195; the z of each wave's mean are
    /// A −25, B 25 and A −32.5, C 32.5, so the change's are A −7.5, B −25, C 32.5 (mean 0) over
    /// the stratum's three PSUs: V = 3/2 · (7.5² + 25² + 32.5²) = 2606.25. Were A two clusters,
    /// as for independent samples, the variances would add: 2500 + 4225 = 6725.
    @Test func theCovarianceOfARevisitedPSUEnters() throws {
        let folder = temporaryFolder()
        let header =
            "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,skill_level,monthly_wage,trained,housing_fund,social_insurance,labor_contract,weight,stratum,psu"
        for (year, rows) in [(2020, [("A", 100), ("B", 200)]), (2021, [("A", 130), ("C", 260)])] {
            let lines = rows.enumerated().map { k, row in
                "\(year),w\(k),e\(row.0),黄浦,C,regular,M,40,3,local,2,\(row.1),0,1,1,1,1,S,\(row.0)"
            }
            try ([header] + lines).joined(separator: "\n").write(
                to: folder.appendingPathComponent("workers_\(year).csv"), atomically: true, encoding: .utf8)
        }
        try "[thresholds]\nsuppress_below = 0\nlow_n_below = 0\n".write(
            to: folder.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let changes = try readCSV(outputs.appendingPathComponent("latest/changes.csv"))
        let row = try #require(
            changes.first {
                $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["change"] == "difference"
            })
        #expect(row["year"] == "2021" && row["base_year"] == "2020" && row["n"] == "2")
        #expect(abs(try #require(Double(row["estimate"] ?? "")) - 45) < 1e-12)
        #expect(abs(try #require(Double(row["se"] ?? "")) - 2606.25.squareRoot()) < 1e-9)
        // Relative: 195/150 − 1 = 0.3, z = z_2021/150 − 195·z_2020/150²: A 0, B −0.21667, C 0.21667.
        let relative = try #require(
            changes.first {
                $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["change"] == "relative"
            })
        let (a, b): (Double, Double) = (150, 195)
        let earlier: [Double] = [-25, 25, 0], later: [Double] = [-32.5, 0, 32.5]
        let z: [Double] = zip(earlier, later).map { za, zb in zb / a - b * za / (a * a) }
        let mean: Double = z.reduce(0, +) / 3
        let squares: [Double] = z.map { ($0 - mean) * ($0 - mean) }
        let variance: Double = 1.5 * squares.reduce(0, +)
        #expect(abs(try #require(Double(relative["estimate"] ?? "")) - 0.3) < 1e-12)
        #expect(abs(try #require(Double(relative["se"] ?? "")) - variance.squareRoot()) < 1e-12)
    }

    /// `[changes] base = 2019` measures 2020 and 2021 from 2019 (means 150, 195 and 210 here), and
    /// wage_vs_economy.csv's growth stays from the wave before; a base year with no wave stops the
    /// run with 65, naming it and the waves there are.
    @Test func aBaseWaveIsComparedWithEveryLaterOne() throws {
        let folder = temporaryFolder()
        let header =
            "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,skill_level,monthly_wage,trained,housing_fund,social_insurance,labor_contract,weight,stratum,psu"
        for (year, wages) in [(2019, [100, 200]), (2020, [130, 260]), (2021, [150, 270])] {
            let lines = wages.enumerated().map { k, wage in
                "\(year),w\(k),e\(k),黄浦,C,regular,M,40,3,local,2,\(wage),0,1,1,1,1,S,P\(k)"
            }
            try ([header] + lines).joined(separator: "\n").write(
                to: folder.appendingPathComponent("workers_\(year).csv"), atomically: true, encoding: .utf8)
        }
        let plan = folder.appendingPathComponent("plan.toml")
        try "[thresholds]\nsuppress_below = 0\nlow_n_below = 0\n\n[changes]\nbase = 2019\n".write(
            to: plan, atomically: true, encoding: .utf8)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let differences = try readCSV(outputs.appendingPathComponent("latest/changes.csv")).filter {
            $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "mean_wage" && $0["change"] == "difference"
        }
        #expect(differences.map { "\($0["year"]!)-\($0["base_year"]!)" } == ["2020-2019", "2021-2019"])
        #expect(differences.compactMap { Double($0["estimate"] ?? "") } == [45, 60])
        let growth = try readCSV(outputs.appendingPathComponent("latest/wage_vs_economy.csv")).filter {
            $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "log_mean_growth"
        }
        #expect(growth.map { "\($0["year"]!)-\($0["base_year"]!)" } == ["2020-2019", "2021-2020"])
        try "[changes]\nbase = 2018\n".write(to: plan, atomically: true, encoding: .utf8)
        let missing = try runWorkforce(["run", "--inputs", folder.path, "--outputs", temporaryFolder().path, "--quiet"])
        #expect(missing.status == 65)
        #expect(missing.errors.contains("changes.base = 2018 is not a wave of the inputs (their waves: 2019, 2020, 2021)"))
    }

    /// A single wave publishes no changes file, and changes.csv is the same for any number of jobs.
    @Test func changesNeedTwoWavesAndDoNotDependOnJobs() throws {
        let folder = try Self.fixture()
        var published: [String] = []
        for jobs in ["1", "3"] {
            let outputs = temporaryFolder()
            let result = try runWorkforce([
                "run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet", "--jobs", jobs,
            ])
            #expect(result.status == 0, "\(result.errors)")
            published.append(try String(contentsOf: outputs.appendingPathComponent("latest/changes.csv"), encoding: .utf8))
        }
        #expect(Set(published).count == 1)
        let single = temporaryFolder()
        for name in ["workers_2000.csv", "plan.toml"] {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: single.appendingPathComponent(name))
        }
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", single.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("latest/changes.csv").path))
    }
}
