import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Sample sizes of the two-stage design and the arithmetic that allocates them.
    struct SamplePlan {
        /// Average interviews per enterprise; sets how many PSUs a wave has.
        static let meanInterviews = 14.0
        /// Cap on interviews in one enterprise, however large it is.
        static let maximumInterviews = 250
        /// Enterprises alive in 2019 for the default frame (≈ 10 M on-site workers).
        static let defaultFrameSize = 450_000

        let workersPerWave: Int
        let enterprisesPerWave: Int
        /// Frame size: the default, or six times the enterprise sample for very large runs,
        /// so that the first-stage sampling fraction stays well below one.
        let frameAliveTarget: Int

        init(workersPerWave: Int) {
            self.workersPerWave = workersPerWave
            let stratumMinimum = 2 * SampleGenerator.districts.count
            let byMean = Int((Double(workersPerWave) / SamplePlan.meanInterviews).rounded())
            enterprisesPerWave = min(max(stratumMinimum, byMean), workersPerWave / 2)
            frameAliveTarget = max(SamplePlan.defaultFrameSize, 6 * enterprisesPerWave)
        }

        /// Splits `total` over strata in proportion to `weights`, with a floor and a ceiling per stratum.
        ///
        /// Largest-remainder rounding, ties to the earlier stratum, so the result is exact and deterministic.
        static func allocate(_ total: Int, proportionalTo weights: [Double], minimum: Int, capacity: [Int]) -> [Int] {
            var result = capacity.map { min(minimum, $0) }
            var remaining = total - result.reduce(0, +)
            // Repeat because a stratum that hits its capacity hands its share back to the others.
            while remaining > 0 {
                let open = result.indices.filter { result[$0] < capacity[$0] }
                let openWeight = open.reduce(0.0) { $0 + weights[$1] }
                guard !open.isEmpty, openWeight > 0 else { break }
                var remainders: [(fraction: Double, stratum: Int)] = []
                var handed = 0
                for stratum in open {
                    let quota = Double(remaining) * weights[stratum] / openWeight
                    let whole = min(Int(quota.rounded(.down)), capacity[stratum] - result[stratum])
                    result[stratum] += whole
                    handed += whole
                    remainders.append((quota - quota.rounded(.down), stratum))
                }
                remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.stratum < $1.stratum }
                for entry in remainders where handed < remaining && result[entry.stratum] < capacity[entry.stratum] {
                    result[entry.stratum] += 1
                    handed += 1
                }
                if handed == 0 { break }
                remaining -= handed
            }
            return result
        }

        /// Inclusion probabilities proportional to size for a fixed sample size, capping at 1.
        ///
        /// Units whose share would exceed 1 are taken with certainty and the rest re-scaled,
        /// repeatedly, as in the usual πps take-all step.
        static func inclusionProbabilities(sizes: [Double], sampleSize: Int) -> [Double] {
            var probability = [Double](repeating: 0, count: sizes.count)
            var certain = [Bool](repeating: false, count: sizes.count)
            var certainCount = 0
            while true {
                let left = Double(sampleSize - certainCount)
                var leftSize = 0.0
                for i in sizes.indices where !certain[i] { leftSize += sizes[i] }
                guard left > 0, leftSize > 0 else { break }
                var changed = false
                for i in sizes.indices where !certain[i] {
                    probability[i] = left * sizes[i] / leftSize
                    if probability[i] >= 1 {
                        certain[i] = true
                        certainCount += 1
                        changed = true
                    }
                }
                if !changed { break }
            }
            for i in sizes.indices where certain[i] { probability[i] = 1 }
            return probability
        }

        /// Sets the interviews per enterprise so that they sum to `total` exactly.
        ///
        /// Larger enterprises get more interviews (∝ size^¼, at least 2, at most the
        /// workforce and `maximumInterviews`): typical counts 5–30, and weights that vary.
        static func assignInterviews(_ enterprises: inout [SampledEnterprise], total: Int) throws {
            let caps = enterprises.map { min($0.onSite, maximumInterviews) }
            let score = enterprises.map { Double($0.onSite).squareRoot().squareRoot() }
            guard caps.reduce(0, +) >= total, 2 * enterprises.count <= total else {
                throw GenerationError(
                    "cannot place \(total) interviews in \(enterprises.count) sampled enterprises; "
                        + "use a smaller workersPerWave")
            }
            func target(_ scale: Double, _ i: Int) -> Double {
                min(Double(caps[i]), max(2, scale * score[i]))
            }
            // Bisection on the scale; the lower end never overshoots, so flooring leaves a deficit ≥ 0.
            var low = 0.0
            var high = Double(total)
            for _ in 0..<100 {
                let middle = (low + high) / 2
                var sum = 0.0
                for i in enterprises.indices { sum += target(middle, i) }
                if sum <= Double(total) { low = middle } else { high = middle }
            }
            var fractions: [(fraction: Double, position: Int)] = []
            var assigned = 0
            for i in enterprises.indices {
                let wanted = target(low, i)
                enterprises[i].interviews = Int(wanted.rounded(.down))
                assigned += enterprises[i].interviews
                fractions.append((wanted - wanted.rounded(.down), i))
            }
            fractions.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.position < $1.position }
            // Hand out the deficit by largest remainder, cycling if one pass is not enough.
            while assigned < total {
                var progressed = false
                for entry in fractions
                where assigned < total && enterprises[entry.position].interviews < caps[entry.position] {
                    enterprises[entry.position].interviews += 1
                    assigned += 1
                    progressed = true
                }
                if !progressed { break }
            }
        }
    }
}
