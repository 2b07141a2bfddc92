import Foundation
import WorkforceKit

extension SampleGenerator {
    /// The synthetic population of enterprises that every wave samples from: a panel with births and closures.
    ///
    /// Each enterprise has a founding year, a lifetime, a district, an industry, a base
    /// size and a permanent random number. Founding years are spread evenly over
    /// 1950–2060 and lifetimes are exponential (mean 35 years), so roughly 3 % of
    /// enterprises close and as many open each year: the same ids recur across waves
    /// with some churn. Years outside 1990–2060 see the frame as of the nearest end, so
    /// any wave 1900–2100 has a full population.
    ///
    /// The frame depends only on the seed and its size, never on the waves requested,
    /// which is what lets each wave be generated independently.
    struct EnterpriseFrame {
        static let foundingYears = 1950...2060
        static let modelYears = 1990...2060
        static let meanLifetime = 35.0
        /// Sizes are truncated Pareto: a few thousand-worker plants among many small firms.
        static let sizeShape = 1.12
        static let minimumSize = 3.0
        static let maximumSize = 60_000.0

        let seed: UInt64
        private(set) var district: [UInt8] = []
        private(set) var industry: [UInt8] = []
        private(set) var founded: [Int16] = []
        /// First year in which the enterprise no longer exists.
        private(set) var closed: [Int16] = []
        /// Permanent random number in (0, 1): coordinates the samples of successive waves.
        private(set) var permanentRandom: [Double] = []
        /// On-site workforce in 2019 terms before yearly noise.
        private(set) var baseSize: [Double] = []

        var count: Int { district.count }

        /// Builds a frame with about `aliveTarget` enterprises alive in 2019.
        ///
        /// - Complexity: O(n) in the frame size (about 3.7 × `aliveTarget`).
        init(seed: UInt64, aliveTarget: Int) {
            self.seed = seed
            let total = Int((Double(aliveTarget) / EnterpriseFrame.aliveShare(in: 2019)).rounded(.up))
            district.reserveCapacity(total)
            industry.reserveCapacity(total)
            founded.reserveCapacity(total)
            closed.reserveCapacity(total)
            permanentRandom.reserveCapacity(total)
            baseSize.reserveCapacity(total)

            let districtCumulative = SampleGenerator.cumulative(SampleGenerator.districts.map(\.frameShare))
            let span = EnterpriseFrame.foundingYears.count
            var rng = Xoshiro256(key: SampleGenerator.streamKey(seed, .frame))
            for _ in 0..<total {
                let d = rng.pick(cumulative: districtCumulative)
                let i = rng.pick(cumulative: SampleGenerator.industryCumulativeByDistrict[d])
                let start = EnterpriseFrame.foundingYears.lowerBound + Int(rng.uniform() * Double(span))
                let lifetime = 1 + Int(rng.exponential(mean: EnterpriseFrame.meanLifetime))
                let pareto = rng.truncatedPareto(
                    minimum: EnterpriseFrame.minimumSize, shape: EnterpriseFrame.sizeShape,
                    maximum: EnterpriseFrame.maximumSize)
                district.append(UInt8(d))
                industry.append(UInt8(i))
                founded.append(Int16(start))
                closed.append(Int16(min(start + lifetime, 9_999)))
                permanentRandom.append(rng.uniformPositive())
                baseSize.append(max(EnterpriseFrame.minimumSize, pareto * SampleGenerator.industries[i].sizeFactor))
            }
        }

        /// The year whose frame state a wave sees: waves outside 1990–2060 reuse the nearest end.
        static func modelYear(_ year: Int) -> Int {
            min(max(year, modelYears.lowerBound), modelYears.upperBound)
        }

        /// Expected share of the frame alive in `year` under uniform founding and exponential lifetimes.
        static func aliveShare(in year: Int) -> Double {
            let elapsed = Double(year - foundingYears.lowerBound + 1)
            let alive = meanLifetime * (1 - PortableMath.exp(-elapsed / meanLifetime))
            return alive / Double(foundingYears.count)
        }

        @inline(__always)
        func isAlive(_ index: Int, modelYear: Int) -> Bool {
            Int(founded[index]) <= modelYear && modelYear < Int(closed[index])
        }

        /// On-site workers (own employees, dispatched and outsourced) of enterprise `index` in `year`.
        ///
        /// Sizes drift up 1.5 % a year, young firms ramp up over their first five years, and
        /// a small year-specific shock keeps the panel from being perfectly smooth.
        func onSiteWorkers(_ index: Int, year: Int) -> Int {
            let modelYear = EnterpriseFrame.modelYear(year)
            var rng = Xoshiro256(key: SampleGenerator.streamKey(seed, .sizeNoise, index, year))
            let age = Double(modelYear - Int(founded[index]))
            let rampUp = min(1, 0.4 + 0.12 * age)
            let drift = PortableMath.exp(0.015 * Double(modelYear - 2019) + 0.06 * rng.normal())
            let size = (baseSize[index] * rampUp * drift).rounded()
            return max(Int(EnterpriseFrame.minimumSize), Int(size))
        }

        /// The enterprise id written to every table: `E` and at least seven digits.
        static func identifierBytes(_ index: Int) -> [UInt8] {
            var digits = Array(String(index + 1).utf8)
            while digits.count < 7 { digits.insert(UInt8(ascii: "0"), at: 0) }
            return [UInt8(ascii: "E")] + digits
        }
    }
}
