import Testing

@testable import WorkforceKit

@Suite struct NumberParsingTests {
    func decimal(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { NumberParsing.decimal($0) }
    }
    func integer(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { NumberParsing.integer($0) }
    }

    @Test func decimalsRoundLikeStrtod() {
        for text in [
            "0", "1", "8000", "8000.5", "0.1", "12345.67", "-3.25", "+7", ".5", "5.", "1e3", "2.5E-2",
            "123456789012345678901234", "0.30000000000000004", "9007199254740993",
        ] {
            #expect(decimal(text) == Double(text.hasPrefix(".") ? "0" + text : text), "\(text)")
        }
    }

    @Test func malformedNumbersAreRefused() {
        for text in ["", "-", ".", "1,000", "１２", "nan", "inf", "0x10", "1e", "1.2.3", "12a", "1 000"] {
            #expect(decimal(text) == nil, "\(text)")
        }
        for text in ["", "-", "1.0", "2021-01-01", "1e3", "99999999999999999999"] {
            #expect(integer(text) == nil, "\(text)")
        }
        #expect(integer("-42") == -42)
        #expect(integer("+2021") == 2021)
    }
}

@Suite struct WeightedQuantileTests {
    func quantiles(_ values: [Double], _ weights: [Double], _ p: [Double]) -> [Double?] {
        let order = (0..<Int32(values.count)).sorted { values[Int($0)] < values[Int($1)] }
        return WeightedQuantile.quantiles(
            values: values, weights: weights, order: order[...], levels: p.map(QuantileLevel.percent))
    }

    @Test func equalWeightsGiveTheInverseDistributionFunction() {
        // F(x) = i/4 at the i-th value: p = 0.5 reaches F = 0.5 exactly at the second value.
        #expect(quantiles([10, 20, 30, 40], [1, 1, 1, 1], [0.25, 0.5, 0.51, 1]) == [10, 20, 30, 40])
    }

    @Test func weightsAndTiesAreSummedPerValue() {
        // Values 5 (w 1 + 1), 7 (w 6): F(5) = 0.25, F(7) = 1.
        #expect(quantiles([7, 5, 5], [6, 1, 1], [0.2, 0.25, 0.26]) == [5, 5, 7])
    }

    @Test func emptyDomainHasNoQuantile() {
        #expect(quantiles([], [], [0.5]) == [nil])
    }
}

@Suite struct InputCatalogTests {
    @Test func tablesByPrefix() {
        #expect(InputCatalog.table(for: "workers_2021.csv") == .workers)
        #expect(InputCatalog.table(for: "workers/part-0001.csv") == .workers)
        #expect(InputCatalog.table(for: "skill_demand.csv") == .skillDemand)
        #expect(InputCatalog.table(for: "enterprises_pudong.tsv") == .enterprises)
        #expect(InputCatalog.table(for: "readme.csv") == nil)
    }
}
