import Foundation
import WorkforceKit

/// The distributions the generator draws from, all built on one xoshiro256** stream.
///
/// Each uses a fixed number of words per draw where it can, and only portable
/// arithmetic (see `PortableMath`), so a stream yields the same values everywhere.
extension SampleGenerator.Xoshiro256 {
    typealias PortableMath = SampleGenerator.PortableMath

    /// Uniform on [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform on (0, 1): safe to take the logarithm of.
    @inline(__always)
    mutating func uniformPositive() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// True with probability logistic(`logit`): how the binary outcomes take their covariates.
    @inline(__always)
    mutating func chance(logit: Double) -> Bool {
        uniform() < SampleGenerator.logistic(logit)
    }

    /// Standard normal by Marsaglia's polar method.
    ///
    /// Chosen over Box–Muller because it needs only log and square root, not the
    /// platform's sin/cos, whose last bits vary between libraries.
    mutating func normal() -> Double {
        if hasSpareNormal {
            hasSpareNormal = false
            return spareNormal
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * PortableMath.log(s) / s).squareRoot()
                spareNormal = v * factor
                hasSpareNormal = true
                return u * factor
            }
        }
    }

    /// Normal with the given mean and standard deviation, redrawn until it falls in `range`.
    mutating func normal(mean: Double, sd: Double, in range: ClosedRange<Double>) -> Double {
        while true {
            let value = mean + sd * normal()
            if range.contains(value) { return value }
        }
    }

    /// Lognormal given its median and the standard deviation of its logarithm.
    @inline(__always)
    mutating func lognormal(median: Double, sigma: Double) -> Double {
        median * PortableMath.exp(sigma * normal())
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * PortableMath.log(uniformPositive())
    }

    /// Pareto with scale `minimum` and tail index `shape`, truncated at `maximum` (inverse CDF).
    mutating func truncatedPareto(minimum: Double, shape: Double, maximum: Double) -> Double {
        let tailAtMaximum = PortableMath.pow(minimum / maximum, shape)
        let u = uniform()
        return minimum * PortableMath.pow(1 - u * (1 - tailAtMaximum), -1 / shape)
    }

    /// Poisson count; Knuth's product method for small means, a rounded normal above 30.
    mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = PortableMath.exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }

    /// Rounds `x` ≥ 0 down or up at random so that the expected result equals `x`.
    ///
    /// Keeps small expected counts (a 0.3 party member) from always vanishing.
    mutating func stochasticRound(_ x: Double) -> Int {
        let whole = x.rounded(.down)
        return Int(whole) + (chance(x - whole) ? 1 : 0)
    }

    /// Index drawn with probability proportional to the steps of a cumulative table.
    ///
    /// - Complexity: O(log n) in the length of `cumulative`.
    mutating func pick(cumulative: [Double]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let target = uniform() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension SampleGenerator {
    /// Running sums of `weights`, the form `pick(cumulative:)` expects.
    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { weight in
            total += max(0, weight)
            return total
        }
    }
}
