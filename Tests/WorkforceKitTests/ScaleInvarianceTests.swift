import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// Estimates do not depend on the absolute size of the weights, as R's do not.
@Suite struct ScaleInvarianceTests {
    /// A one-wave sample whose weights are multiplied by `factor` (printed shortest round-trip).
    /// With `equal`, every weight is first set to it (equal weights in every domain).
    func inputs(scaledBy factor: Double, equal: Double? = nil, _ label: String = #function) throws -> URL {
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
            fields[column] = "\((try equal ?? #require(Double(fields[column]))) * factor)"
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

    /// (estimate, lower, upper) of every quantile row of wages.csv, keyed by domain, with its n.
    func quantiles(_ outputs: URL) throws -> [String: (n: Int, values: [Double?])] {
        var result: [String: (n: Int, values: [Double?])] = [:]
        for row in try readCSV(outputs.appendingPathComponent("wages.csv")) {
            guard let indicator = row["indicator"], ["p10", "p25", "p50", "p75", "p90"].contains(indicator) else {
                continue
            }
            let key = ["scope", "by", "domain", "indicator"].map { row[$0] ?? "" }.joined(separator: "|")
            result[key] = (Int(row["n"] ?? "") ?? 0, ["estimate", "ci_low", "ci_high"].map { Double(row[$0] ?? "") })
        }
        return result
    }

    /// Weights × 10^-6, 10^-9, 10^-12 move no quantile, with the sample's weights and with equal
    /// weights in every domain, where F̂ = p exactly at a value whenever p·n is whole (before,
    /// a floating-point comparison decided those ties and moved some of them with the scale).
    @Test(arguments: [nil, 37.3])
    func rescaledWeightsGiveTheSameQuantiles(equal: Double?) throws {
        let plain = try quantiles(try run(try inputs(scaledBy: 1, equal: equal)))
        #expect(plain.count > 100)
        if equal != nil {
            // Ties are there to decide: domains with p·n whole.
            let ties = plain.filter { key, row in
                let percent = Int(key.split(separator: "|").last?.dropFirst() ?? "") ?? 0
                return row.n > 0 && row.n * percent % 100 == 0
            }
            #expect(ties.count >= 10, "\(ties.count) quantiles at a tie")
        }
        for factor in [1e-6, 1e-9, 1e-12] {
            let scaled = try quantiles(try run(try inputs(scaledBy: factor, equal: equal)))
            #expect(scaled.keys.sorted() == plain.keys.sorted())
            var moved: [String] = []
            for (key, row) in plain where scaled[key]?.values[0] != row.values[0] {
                moved.append("\(key) n \(row.n): \(row.values[0] ?? .nan) → \(scaled[key]?.values[0] ?? .nan)")
            }
            #expect(moved.isEmpty, "× \(factor): \(moved.count) quantiles moved: \(moved.prefix(5))")
        }
    }

    /// Worked by hand: ten values 1…10 with equal weights w have F̂(k) = k/10, so the quantile at
    /// p = k/10 is k itself, whatever w; a hundred values give k at every whole percent k.
    @Test func equalWeightTiesAreDecidedExactly() {
        for w in [1, 37.3, 0.1, 1e-6, 1e-9, 1e-12, 3.3e-7] {
            for n in [10, 20, 100] {
                let values = (1...n).map(Double.init).reversed().map { $0 }  // input order descending
                let order = Array((0..<Int32(n)).reversed())
                let percents = (1...99).filter { $0 * n % 100 == 0 }
                let got = WeightedQuantile.quantiles(
                    values: values, weights: Array(repeating: w, count: n), order: order[...],
                    levels: percents.map { QuantileLevel.percent(Double($0) / 100) })
                let expected = percents.map { Double($0 * n / 100) }
                #expect(got == expected, "w \(w), n \(n)")
            }
        }
    }

    /// Unequal weights 0.5, 1.5, 1, 2 at 10, 20, 30, 40 (Σ 5): F̂ = 0.1, 0.4, 0.6, 1. p10 and p40
    /// meet F̂ exactly (10, 20); p41 and p60 give 30, p61 40. A computed probability is its
    /// double: 0.4 as a double is a little above 2/5, so it is not reached at 20.
    @Test func unequalWeightTiesAreDecidedExactly() {
        let values: [Double] = [30, 10, 40, 20]
        let weights = [1, 0.5, 2, 1.5]
        let order: [Int32] = [1, 3, 0, 2]
        let published = WeightedQuantile.quantiles(
            values: values, weights: weights, order: order[...],
            levels: [0.1, 0.4, 0.41, 0.6, 0.61, 1].map(QuantileLevel.percent))
        #expect(published == [10, 20, 30, 30, 40, 40])
        let computed = WeightedQuantile.quantiles(
            values: values, weights: weights, order: order[...],
            levels: [0, 0.5 / 5, 0.4, 0.4.nextDown, 0.6, 1].map { QuantileLevel(exactly: $0) })
        // 0.5/5 rounds to the double 0.1 (above 1/10): 20. 0.4.nextDown is below 2/5: 20.
        // 0.6 as a double is below 3/5: 30.
        #expect(computed == [10, 20, 30, 20, 30, 40])
    }
}
