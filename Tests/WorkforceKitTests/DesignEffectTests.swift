import Foundation
import Testing

@testable import WorkforceKit

/// The design effect's element variance is taken about the domain's mean (two passes), so it
/// does not cancel away when wages vary little around a large level.
@Suite struct DesignEffectTests {
    /// 200 workers in 4 strata × 5 PSUs, weights 10–16, wages `level` + 0.00 … 0.06.
    func inputs(level: Double, _ label: String = #function) throws -> URL {
        let districts = ["黄浦", "徐汇", "长宁", "静安"]
        var lines = [ValidationRuleTests.header]
        for index in 0..<200 {
            let cents = Double((index * 37) % 7)
            lines.append(
                ValidationRuleTests.row(
                    [
                        "district": districts[index % 4], "psu": "P\((index / 4) % 5)",
                        "weight": "\(10 + index % 7)", "monthly_wage": "\(level + cents / 100)",
                    ], id: index))
        }
        return try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
    }

    func overallMeanWage(_ inputs: URL) throws -> [String: String] {
        let (_, outputs) = try runPipeline(inputs: inputs)
        return try #require(
            try readCSV(outputs.appendingPathComponent("wages.csv")).first {
                $0["scope"] == "all" && $0["by"] == "all" && $0["indicator"] == "mean_wage"
            })
    }

    /// Shifting every wage by 12,344 changes neither the SE nor the design effect; at level 1 the
    /// element variance has no cancellation, so it is the reference (a one-pass Σw·y²/W − ȳ² on
    /// the shifted wages was 6 % off).
    @Test func designEffectIsShiftInvariant() throws {
        let low = try overallMeanWage(try inputs(level: 1))
        let high = try overallMeanWage(try inputs(level: 12_345))
        let deffLow = try #require(Double(low["deff"] ?? ""))
        let deffHigh = try #require(Double(high["deff"] ?? ""))
        #expect(abs(deffHigh - deffLow) <= 1e-9 * deffLow, "\(deffHigh) vs \(deffLow)")
        let seLow = try #require(Double(low["se"] ?? ""))
        let seHigh = try #require(Double(high["se"] ?? ""))
        #expect(abs(seHigh - seLow) <= 1e-9 * seLow, "\(seHigh) vs \(seLow)")
        #expect(deffLow > 0.05 && deffLow < 20)
    }

    /// Both levels give R's design effect and SE (scripts/r/deff_low_variance.R: `svymean(~wage,
    /// design, deff = TRUE)`; R's level-1 figures, which no cancellation touches) to 1e-9.
    @Test func designEffectEqualsR() throws {
        let (rDeff, rSE) = (0.085158488260315149, 0.00038956239967497642)
        for level in [1.0, 12_345] {
            let row = try overallMeanWage(try inputs(level: level, "designEffectEqualsR\(Int(level))"))
            let deff = try #require(Double(row["deff"] ?? ""))
            let se = try #require(Double(row["se"] ?? ""))
            #expect(abs(deff - rDeff) <= 1e-9 * rDeff, "level \(level): deff \(deff) vs R \(rDeff)")
            #expect(abs(se - rSE) <= 1e-9 * rSE, "level \(level): se \(se) vs R \(rSE)")
        }
    }
}
