/// Weighted quantiles by the "math" rule of R's `svyquantile` (qrule = "math").
///
/// The quantile at p is the smallest value x with F̂(x) ≥ p, where F̂ is the
/// weighted empirical distribution function. Like R, weights are first summed
/// per distinct value and the cumulative sums use extended precision
/// (R's `cumsum` accumulates in long double), so borderline cases fall the same way.
public enum WeightedQuantile {
    /// Quantiles at `probabilities` of the values at `order` (already sorted by value).
    ///
    /// - Complexity: O(k) for k = `order.count`.
    public static func quantiles(
        values: [Double], weights: [Double], order: ArraySlice<Int32>, probabilities: [Double]
    ) -> [Double?] {
        guard !order.isEmpty else { return probabilities.map { _ in nil } }
        var distinct: [Double] = []
        var cumulative: [CumulativeSum] = []
        var running: CumulativeSum = 0
        for index in order {
            let value = values[Int(index)]
            running += CumulativeSum(weights[Int(index)])
            if let last = distinct.last, last == value {
                cumulative[cumulative.count - 1] = running
            } else {
                distinct.append(value)
                cumulative.append(running)
            }
        }
        let total = running
        guard total > 0 else { return probabilities.map { _ in nil } }
        return probabilities.map { p in
            // First distinct value whose cumulative share reaches p (the last one when none does).
            var low = 0
            var high = distinct.count - 1
            while low < high {
                let mid = (low + high) / 2
                if Double(cumulative[mid] / total) >= p { high = mid } else { low = mid + 1 }
            }
            return distinct[low]
        }
    }
}

#if arch(x86_64) && !os(Windows)
/// Accumulator type for cumulative weights: long double, as R uses.
typealias CumulativeSum = Float80
#else
typealias CumulativeSum = Double
#endif
