/// Weighted quantiles by the "math" rule: the smallest value x with F̂(x) ≥ p, decided exactly.
///
/// F̂ is the domain's weighted empirical distribution function. Values are walked in ascending
/// order (ties in input order, zero weights dropped, as R's survey `qs()` does); the running
/// weight sums and the domain's Σ w are exact integers on the grid of the domain's largest
/// weight (`ExactSum`, `SumGrid`), and p an exact fraction (`QuantileLevel`), so F̂(x) = p is
/// recognised as a tie whatever the weights' scale: weights × 10^-6 or × 10^-12 give the same
/// quantiles. R's `qrule_math` makes the same comparison in floating point (cumw ≤ p·Σw, then
/// p − cumw/Σw = 0), where a tie can fall either way with the weights' scale (docs/estimation.md).
///
/// When the first value's weight alone exceeds p of the total, the first value (R 4.1.1's `last()`
/// returns the second there; the definition and docs/indicators.md ask for the first).
public enum WeightedQuantile {
    /// A domain's Σ w, exactly, on the grid of its largest weight: what its quantiles compare with.
    public struct Total: Sendable, Equatable {
        let grid: SumGrid
        let sum: ExactSum

        /// Σ w as a double.
        public var value: Double { sum.value(on: grid) }
    }

    /// Quantiles at `levels` of the values at `order` (already sorted by value).
    ///
    /// - Complexity: O(k + m log m) for k = `order.count` and m levels: one pass for all of them.
    /// `total`, when given, is `total(weights:order:)` of the same rows, computed once for several calls.
    public static func quantiles(
        values: [Double], weights: [Double], order: ArraySlice<Int32>, levels: [QuantileLevel], total: Total? = nil
    ) -> [Double?] {
        let total = total ?? Self.total(weights: weights, order: order)
        guard !order.isEmpty, total.sum.steps > 0 else { return levels.map { _ in nil } }
        let steps = UInt128(total.sum.steps)
        // Ascending levels share one forward walk: the first position whose running sum reaches
        // p·Σw only moves forward as p grows.
        let ranked = levels.indices.sorted { levels[$0].value < levels[$1].value }
        var results = [Double?](repeating: nil, count: levels.count)
        var running = ExactSum()
        var position = order.startIndex
        var previous: Double?  // the last value passed (with non-zero weight)
        for rank in ranked {
            let threshold = Int128(levels[rank].threshold(of: steps))
            var found: Double?
            while position < order.endIndex {
                let index = Int(order[position])
                if weights[index] == 0 {  // R drops zero weights
                    position += 1
                    continue
                }
                var candidate = running
                candidate.add(weights[index], on: total.grid)
                if candidate.steps >= threshold {
                    found = values[index]
                    break
                }
                running = candidate
                previous = values[index]
                position += 1
            }
            results[rank] = found ?? previous
        }
        return results
    }

    /// F̂ at each of `points`: the share of the total weight of the rows at `order` (sorted by
    /// value) whose value is at most the point, from exact running sums; NaN for a nil point.
    ///
    /// - Complexity: O(k + m log m) for k rows and m points: one walk for all of them.
    public static func shares(
        atMost points: [Double?], values: [Double], weights: [Double], order: ArraySlice<Int32>, total: Total
    ) -> [Double] {
        var shares = [Double](repeating: .nan, count: points.count)
        let whole = total.value
        guard whole > 0 else { return shares }
        let ranked = points.indices.filter { points[$0] != nil }.sorted { points[$0]! < points[$1]! }
        var running = ExactSum()
        var position = order.startIndex
        for rank in ranked {
            let point = points[rank]!
            while position < order.endIndex, values[Int(order[position])] <= point {
                running.add(weights[Int(order[position])], on: total.grid)
                position += 1
            }
            shares[rank] = running.value(on: total.grid) / whole
        }
        return shares
    }

    /// Σ weights of the rows at `order`, exactly, on the grid of their largest weight.
    public static func total(weights: [Double], order: ArraySlice<Int32>) -> Total {
        var largest = 0.0
        for index in order { largest = max(largest, weights[Int(index)]) }
        let grid = SumGrid(largest: largest)
        var sum = ExactSum()
        for index in order { sum.add(weights[Int(index)], on: grid) }
        return Total(grid: grid, sum: sum)
    }
}
