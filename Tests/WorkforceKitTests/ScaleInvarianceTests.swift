import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// Estimates do not depend on the absolute size of the weights, as R's do not.
@Suite struct ScaleInvarianceTests {
    /// A one-wave sample whose weights are multiplied by `factor` (printed shortest round-trip).
    func inputs(scaledBy factor: Double, _ label: String = #function) throws -> URL {
        let folder = temporaryFolder(label)
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 2000, years: [2021], seed: 11), to: folder)
        let path = folder.appendingPathComponent("workers_2021.csv")
        let lines = try String(contentsOf: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex(of: "weight"))
        var scaled = [String(lines[0])]
        for line in lines.dropFirst() where !line.isEmpty {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[column] = "\((try #require(Double(fields[column]))) * factor)"
            scaled.append(fields.joined(separator: ","))
        }
        try Data((scaled.joined(separator: "\n") + "\n").utf8).write(to: path)
        return folder
    }

    /// (estimate, se) of every row of a report whose indicator is in `indicators`, keyed by domain.
    /// Not deff: its simple-random-sampling variance has the factor (W − n)/(W·n), W the estimated
    /// population, so it depends on the weights' scale by definition (as R's `deff = TRUE` does).
    func figures(_ outputs: URL, _ report: String, _ indicators: Set<String>) throws -> [String: [Double?]] {
        var result: [String: [Double?]] = [:]
        for row in try readCSV(outputs.appendingPathComponent(report)) where indicators.contains(row["indicator"] ?? "")
        {
            let key = ["scope", "by", "domain", "indicator"].map { row[$0] ?? "" }.joined(separator: "|")
            result[key] = ["estimate", "se"].map { Double(row[$0] ?? "") }
        }
        return result
    }

    func run(_ inputs: URL) throws -> URL {
        try runPipeline(inputs: inputs, jobs: 2).outputs
    }

    /// Weights × 2^-40: means, shares and their SEs are the same bits; headcounts scale exactly.
    @Test func powerOfTwoScaleGivesTheSameBits() throws {
        let plain = try run(try inputs(scaledBy: 1))
        let scaled = try run(try inputs(scaledBy: 0x1p-40))
        let means = ["mean_wage", "share"]
        for report in ["wages.csv", "composition.csv"] {
            let a = try figures(plain, report, Set(means))
            let b = try figures(scaled, report, Set(means))
            #expect(a.count > 50 && a.keys.sorted() == b.keys.sorted(), "\(report)")
            for (key, values) in a { #expect(b[key].map { $0 == values } == true, "\(report) \(key)") }
        }
        let a = try figures(plain, "composition.csv", ["headcount"])
        let b = try figures(scaled, "composition.csv", ["headcount"])
        for (key, values) in a {
            #expect(b[key]?[0] == values[0].map { $0 * 0x1p-40 }, "\(key)")
            #expect(b[key]?[1] == values[1].map { $0 * 0x1p-40 }, "\(key)")
        }
    }

    /// Weights × 10^-12 (valid: weight > 0): the same means, shares and SEs to 1e-12 relative
    /// (a fixed 2^-32 grid rounded such weights to a few steps: means 0.9 % off, SEs 13 %).
    @Test func tinyWeightsGiveTheSameEstimates() throws {
        let plain = try run(try inputs(scaledBy: 1))
        let tiny = try run(try inputs(scaledBy: 1e-12))
        for report in ["wages.csv", "composition.csv"] {
            let a = try figures(plain, report, ["mean_wage", "share"])
            let b = try figures(tiny, report, ["mean_wage", "share"])
            #expect(a.count > 50 && a.keys.sorted() == b.keys.sorted(), "\(report)")
            for (key, values) in a {
                // An SE that is 0 up to rounding (a share of 1) is compared on its estimate's scale.
                let scale = abs(values[0] ?? 0)
                for (x, y) in zip(values, b[key] ?? []) {
                    guard let x, let y else {
                        #expect((x == nil) == (y == nil), "\(report) \(key)")
                        continue
                    }
                    #expect(abs(x - y) <= 1e-12 * max(abs(x), scale), "\(report) \(key): \(x) vs \(y)")
                }
            }
        }
    }
}
