import Foundation
import WorkforceKit

extension SampleGenerator {
    /// One row of economy.csv: the city-level series the wage indicators compare against.
    struct EconomyYear: Sendable {
        let year: Int
        /// Nominal GDP, 100M CNY.
        let gdp: Double
        /// Real GDP growth, %.
        let realGrowth: Double
        /// Consumer prices, previous year = 100.
        let cpi: Double
        /// Average monthly wage of urban employees, CNY.
        let averageWage: Int
        /// Monthly minimum wage in force, CNY.
        let minimumWage: Int
        /// Baseline of the enterprise wage guideline, %.
        let wageGuideline: Double
    }

    /// Illustrative Shanghai-like economy: anchored on 2019–2021, extrapolated smoothly elsewhere.
    ///
    /// The anchors are close to published Shanghai figures but were not checked against
    /// the statistical communiqués. Outside the anchors growth, inflation and the GDP
    /// deflator are held at steady values, so any year 1900–2100 gets a smooth series.
    enum EconomySeries {
        static let anchorYears = 2019...2021
        private static let anchorGDP: [Double] = [38_155, 38_701, 43_215]
        private static let anchorGrowth: [Double] = [6.0, 1.7, 8.1]
        private static let anchorCPI: [Double] = [102.5, 101.7, 101.2]
        private static let anchorMinimumWage: [Double] = [2_480, 2_480, 2_590]
        private static let anchorGuideline: [Double] = [7.0, 6.0, 6.5]
        /// The 2019 average monthly wage; later years follow `nominalWageGrowth`.
        private static let averageWage2019 = 10_338.0

        // Steady-state assumptions outside the anchors.
        private static let steadyGrowthBefore = 6.8
        private static let steadyGrowthAfter = 5.0
        private static let steadyCPI = 101.8
        private static let steadyDeflatorGrowth = 1.5
        private static let minimumWageGrowth = 0.038
        private static let guidelineBefore = 7.5
        private static let guidelineAfter = 6.0

        /// Real GDP growth of `year` in %.
        static func realGrowth(_ year: Int) -> Double {
            if anchorYears.contains(year) { return anchorGrowth[year - 2019] }
            return year < 2019 ? steadyGrowthBefore : steadyGrowthAfter
        }

        /// CPI of `year`, previous year = 100.
        static func cpi(_ year: Int) -> Double {
            anchorYears.contains(year) ? anchorCPI[year - 2019] : steadyCPI
        }

        /// Nominal growth of wages from `year − 1` to `year`, in %.
        ///
        /// Inflation plus about a third of real growth plus two points: 4–6 % a year,
        /// so wages track but lag the economy, as the wage-growth indicator should detect.
        static func nominalWageGrowth(_ year: Int) -> Double {
            2.0 + (cpi(year) - 100) + 0.35 * realGrowth(year)
        }

        /// Wage level of `year` relative to 2019.
        static func wageLevel(_ year: Int) -> Double {
            var level = 1.0
            if year > 2019 {
                for y in 2020...year { level *= 1 + nominalWageGrowth(y) / 100 }
            } else if year < 2019 {
                for y in (year + 1)...2019 { level /= 1 + nominalWageGrowth(y) / 100 }
            }
            return level
        }

        /// The economy row of `year`.
        static func year(_ year: Int) -> EconomyYear {
            EconomyYear(
                year: year, gdp: gdp(year), realGrowth: realGrowth(year), cpi: cpi(year),
                averageWage: Int((averageWage2019 * wageLevel(year)).rounded()),
                minimumWage: minimumWage(year), wageGuideline: guideline(year))
        }

        private static func gdp(_ year: Int) -> Double {
            if anchorYears.contains(year) { return anchorGDP[year - 2019] }
            // Nominal GDP grows by real growth times the deflator, compounded from the nearest anchor.
            var value: Double
            if year > 2021 {
                value = anchorGDP[2]
                for y in 2022...year { value *= yearOnYear(y) }
            } else {
                value = anchorGDP[0]
                for y in (year + 1)...2019 { value /= yearOnYear(y) }
            }
            return value
        }

        private static func yearOnYear(_ year: Int) -> Double {
            (1 + realGrowth(year) / 100) * (1 + steadyDeflatorGrowth / 100)
        }

        private static func minimumWage(_ year: Int) -> Int {
            let value: Double
            if anchorYears.contains(year) {
                value = anchorMinimumWage[year - 2019]
            } else if year > 2021 {
                value = anchorMinimumWage[2] * PortableMath.pow(1 + minimumWageGrowth, Double(year - 2021))
            } else {
                value = anchorMinimumWage[0] / PortableMath.pow(1 + minimumWageGrowth, Double(2019 - year))
            }
            // Minimum wages are set in round tens of yuan.
            return Int((value / 10).rounded()) * 10
        }

        private static func guideline(_ year: Int) -> Double {
            if anchorYears.contains(year) { return anchorGuideline[year - 2019] }
            return year < 2019 ? guidelineBefore : guidelineAfter
        }
    }
}

extension SampleGenerator.EconomySeries {
    /// Writes economy.csv with one row per survey year.
    static func write(years: [Int], to url: URL) throws -> URL {
        var sink = try SampleGenerator.ByteSink(url: url)
        sink.text("year,gdp,gdp_real_growth,cpi,avg_wage,min_wage,wage_guideline\n")
        for year in years {
            let row = self.year(year)
            sink.integer(row.year)
            sink.comma()
            sink.fixed(row.gdp, decimals: 2)
            sink.comma()
            sink.fixed(row.realGrowth, decimals: 2)
            sink.comma()
            sink.fixed(row.cpi, decimals: 2)
            sink.comma()
            sink.integer(row.averageWage)
            sink.comma()
            sink.integer(row.minimumWage)
            sink.comma()
            sink.fixed(row.wageGuideline, decimals: 2)
            try sink.endRow()
        }
        return try sink.finish()
    }
}
