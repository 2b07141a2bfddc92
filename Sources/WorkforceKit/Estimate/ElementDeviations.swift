/// The second pass of a design effect: Σ w·(y − ȳ)² over each domain's rows about its own mean.
///
/// A design effect divides a mean's variance by the element variance of y. One
/// pass (Σ w·y²/W − ȳ²) cancels catastrophically when y varies little about a
/// large mean — 200 wages of 12,345.00–12,345.06 lose every digit — so the
/// deviations of a numeric y are summed once the means are known, as R's `svyvar`
/// takes them. (A yes/no y needs no pass: Σ w·(y − p)² = W·p·(1 − p).) Sums run in
/// file order, which depends on the data alone.
enum ElementDeviations {
    /// A mean of a numeric column over the rows meeting `known`.
    struct Measure: Sendable {
        let column: WaveColumn
        let known: RowCondition
    }

    /// Per value of `by` within `scope`, per measure: Σ w·(y − mean)², `means[value][m]` the
    /// value's mean of measure m (values without rows: any number).
    static func sums(
        _ samples: WageSamples, scope: Scope, by: ByVariable, measures: [Measure], means: [[Double]]
    ) -> [[Double]] {
        let count = measures.count
        var result = [Double](repeating: 0, count: by.cardinality * count)
        guard count > 0 else { return [[Double]](repeating: [], count: by.cardinality) }
        let center = means.flatMap { $0 }
        result.withUnsafeMutableBufferPointer { result in
            samples.withColumns { columns in
                _ = PSURuns.walk(columns, scope: scope, by: by) { value, row in
                    let w = columns.weights[row], flags = columns.flags[row], codes = columns.codes[row]
                    for m in 0..<count
                    where measures[m].known.holds(flags: flags, codes: codes) && measures[m].known.isGiven(row, columns)
                    {
                        let deviation = columns.value(measures[m].column, row) - center[value * count + m]
                        result[value * count + m] += w * deviation * deviation
                    }
                } flush: { _ in
                }
            }
        }
        return (0..<by.cardinality).map { Array(result[($0 * count)..<(($0 + 1) * count)]) }
    }

    /// `sums` for several blocks in one walk: per value of the blocks' numbering (`PassBlock`), per
    /// measure, each value's deviations added in file order as a walk of its block alone adds them.
    static func sums(
        _ samples: WageSamples, blocks: [PassBlock], values: Int, measures: [Measure], means: [[Double]]
    ) -> [[Double]] {
        let count = measures.count
        guard count > 0 else { return [[Double]](repeating: [], count: values) }
        var result = [Double](repeating: 0, count: values * count)
        let center = means.flatMap { $0 }
        let walk = BlockWalk(blocks)
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: max(1, walk.widest))
        defer { slots.deallocate() }
        result.withUnsafeMutableBufferPointer { result in
            center.withUnsafeBufferPointer { center in
                samples.withColumns { columns in
                    for row in 0..<columns.count {
                        for s in 0..<walk.scopes.count where walk.tests[s].holds(row, columns) {
                            walk.values(row, columns, scope: s, into: slots)
                            add(
                                row, columns, values: slots, count: walk.ranges[s].count, measures: measures,
                                center: center, into: result)
                        }
                    }
                }
            }
        }
        return (0..<values).map { Array(result[($0 * count)..<(($0 + 1) * count)]) }
    }

    /// Adds row `row`'s w·(y − mean)² to each of its domains (`values`, `count` of them) for every
    /// measure the row gives; `center` and `result` per (domain, measure).
    @inline(__always)
    static func add(
        _ row: Int, _ columns: WaveColumns, values: UnsafeMutablePointer<Int>, count: Int, measures: [Measure],
        center: UnsafeBufferPointer<Double>, into result: UnsafeMutableBufferPointer<Double>
    ) {
        let width = measures.count
        let w = columns.weights[row], flags = columns.flags[row], codes = columns.codes[row]
        for m in 0..<width
        where measures[m].known.holds(flags: flags, codes: codes) && measures[m].known.isGiven(row, columns) {
            let y = columns.value(measures[m].column, row)
            for k in 0..<count {
                let slot = values[k] * width + m
                let deviation = y - center[slot]
                result[slot] += w * deviation * deviation
            }
        }
    }
}
