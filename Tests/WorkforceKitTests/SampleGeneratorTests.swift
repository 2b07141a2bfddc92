import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

@Suite struct SampleGeneratorTests {
    let options = SampleGeneratorOptions(workersPerWave: 3000, years: [2020, 2021], seed: 11)

    private func generate(_ options: SampleGeneratorOptions) throws -> (URL, [URL]) {
        let folder = temporaryFolder("generated")
        return (folder, try SampleGenerator.write(options, to: folder))
    }

    @Test func sameSeedGivesIdenticalBytes() throws {
        let (_, first) = try generate(options)
        let (_, second) = try generate(options)
        #expect(
            first.map(\.lastPathComponent) == [
                "workers_2020.csv", "workers_2021.csv", "enterprises.csv", "economy.csv", "skill_demand.csv",
                "programs.csv", "targets.csv",
            ])
        for (a, b) in zip(first, second) {
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(a.lastPathComponent)")
        }
    }

    @Test func anotherSeedGivesOtherWorkers() throws {
        let (_, first) = try generate(options)
        var other = options
        other.seed = 12
        let (_, second) = try generate(other)
        #expect(try Data(contentsOf: first[0]) != Data(contentsOf: second[0]))
    }

    @Test func generatedSurveyPassesTheContractAndLooksLikeACity() throws {
        let (folder, _) = try generate(options)
        let (summary, outputs) = try runPipeline(inputs: folder, jobs: 2)
        #expect(summary.isClean)
        #expect(summary.accounts.filter { $0.table == .workers }.map(\.rowsRead).reduce(0, +) >= 6000)
        let quality = try readCSV(outputs.appendingPathComponent("data_quality.csv"))
        #expect(quality.first { $0["measure"] == "enterprise_join_rate" }?["value"] == "1")
        let wages = try readCSV(outputs.appendingPathComponent("wages.csv"))
        let regular = try #require(estimate(wages, by: "employment_type", domain: "regular", indicator: "mean_wage"))
        let dispatch = try #require(estimate(wages, by: "employment_type", domain: "dispatch", indicator: "mean_wage"))
        #expect(dispatch < regular)
        let median2020 = try #require(estimate(wages, year: "2020", indicator: "p50"))
        let median2021 = try #require(estimate(wages, year: "2021", indicator: "p50"))
        #expect(median2021 > median2020)
        let composition = try readCSV(outputs.appendingPathComponent("composition.csv"))
        let manufacturing = try #require(estimate(composition, by: "industry", domain: "C", indicator: "share"))
        #expect(manufacturing > 0.2)
        // Every one of the 16 districts is present.
        let districts = Set(
            composition.filter { $0["by"] == "district" && $0["year"] == "2021" && $0["scope"] == "all" }.compactMap {
                $0["domain"]
            })
        #expect(districts.count == 16)
    }
}
