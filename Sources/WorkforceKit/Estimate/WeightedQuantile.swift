/// Weighted quantiles by the "math" rule of R's `svyquantile` (qrule = "math").
///
/// The quantile at p is the smallest value x with F̂(x) ≥ p, F̂ the weighted
/// empirical distribution function. The arithmetic follows R's survey 4.1
/// `qs()` step by step so that borderline cases fall the same way: values in
/// ascending order (ties in input order), running weight sums accumulated in
/// extended precision and stored as doubles (R's `cumsum`), the total likewise
/// (R's `sum`), then the last position with cumw ≤ p·total; that value when
/// cumw/total equals p exactly, else the next one.
///
/// One deliberate difference: when the first value's weight alone exceeds
/// p·total, R 4.1.1 returns the second value (its `last()` helper returns 1
/// when nothing qualifies); we return the first, which is what the definition
/// and docs/indicators.md ask for (docs/estimation.md).
public enum WeightedQuantile {
    /// Quantiles at `probabilities` of the values at `order` (already sorted by value).
    ///
    /// - Complexity: O(k + m log m) for k = `order.count` and m probabilities: one pass for all of them.
    /// `total`, when given, is `total(weights:order:)` of the same rows, computed once for several calls.
    public static func quantiles(
        values: [Double], weights: [Double], order: ArraySlice<Int32>, probabilities: [Double], total: Double? = nil
    ) -> [Double?] {
        let sum = total ?? Self.total(weights: weights, order: order)
        guard !order.isEmpty, sum > 0 else { return probabilities.map { _ in nil } }
        // Ascending probabilities share one forward walk: the last position whose cumulative
        // weight is ≤ p·total only moves forward as p grows.
        let ranked = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
        var results = [Double?](repeating: nil, count: probabilities.count)
        var running: CumulativeSum = 0
        var position = order.startIndex
        var last: (position: Int, cumulative: Double)?
        for rank in ranked {
            let p = probabilities[rank]
            let threshold = p * sum
            while position < order.endIndex {
                let index = Int(order[position])
                if weights[index] == 0 {  // R drops zero weights
                    position += 1
                    continue
                }
                let candidate = running + CumulativeSum(weights[index])
                let cumulative = Double(candidate)
                guard cumulative <= threshold else { break }
                running = candidate
                last = (position, cumulative)
                position += 1
            }
            results[rank] = resolve(last, p: p, sum: sum, values: values, weights: weights, order: order)
        }
        return results
    }

    /// Σ weights of the rows at `order`, accumulated in extended precision and stored as a double (R's `sum`).
    public static func total(weights: [Double], order: ArraySlice<Int32>) -> Double {
        var total: CumulativeSum = 0
        for index in order { total += CumulativeSum(weights[Int(index)]) }
        return Double(total)
    }

    /// The quantile given the last position whose cumulative weight is ≤ p·total (R's `qs`).
    private static func resolve(
        _ last: (position: Int, cumulative: Double)?, p: Double, sum: Double, values: [Double], weights: [Double],
        order: ArraySlice<Int32>
    ) -> Double {
        guard let last else {
            // Nothing reaches p·total before the first value: the first (non-zero-weight) value.
            return firstValue(values: values, weights: weights, order: order, from: order.startIndex)
                ?? values[Int(order[order.startIndex])]
        }
        if p - last.cumulative / sum == 0 { return values[Int(order[last.position])] }
        return firstValue(values: values, weights: weights, order: order, from: last.position + 1)
            ?? values[Int(order[last.position])]
    }

    /// The first value at or after `start` with a non-zero weight (R drops zero weights first).
    private static func firstValue(values: [Double], weights: [Double], order: ArraySlice<Int32>, from start: Int)
        -> Double?
    {
        var position = start
        while position < order.endIndex {
            let index = Int(order[position])
            if weights[index] != 0 { return values[index] }
            position += 1
        }
        return nil
    }
}

#if arch(x86_64) && !os(Windows)
    /// Accumulator type for running weight sums: long double, as R's `cumsum` and `sum` use.
    typealias CumulativeSum = Float80
#else
    typealias CumulativeSum = Double
#endif
