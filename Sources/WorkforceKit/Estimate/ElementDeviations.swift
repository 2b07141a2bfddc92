/// The second pass of a design effect: Σ w·(y − ȳ)² over each domain's rows about its own mean.
///
/// A design effect divides a mean's variance by the element variance of y. One
/// pass (Σ w·y²/W − ȳ²) cancels catastrophically when y varies little about a
/// large mean — 200 wages of 12,345.00–12,345.06 lose every digit — so the
/// deviations are summed once the means are known, as R's `svyvar` takes them.
/// Sums run in file order, which depends on the data alone.
enum ElementDeviations {
    /// A mean's y: a term's per-row value (its factor where its condition holds, else 0)
    /// over the rows meeting `known`.
    struct Measure: Sendable {
        let y: LinearTerm
        let known: RowCondition
    }

    /// Per value of `by` within `scope`, per measure: Σ w·(y − mean)², `means[value][m]` the
    /// value's mean of measure m (values without rows: any number).
    static func sums(
        _ samples: WageSamples, scope: Scope, by: ByVariable, measures: [Measure], means: [[Double]]
    ) -> [[Double]] {
        var result = [[Double]](repeating: [Double](repeating: 0, count: measures.count), count: by.cardinality)
        _ = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            let w = samples.weights[row], flags = samples.flags[row], codes = samples.codes[row]
            for (m, measure) in measures.enumerated()
            where measure.known.holds(samples, row, flags: flags, codes: codes) {
                var y = 0.0
                if measure.y.condition.holds(samples, row, flags: flags, codes: codes) {
                    switch measure.y.factor {
                    case .one, .cut, .wageBelow: y = 1
                    case .column(let column): y = column.value(samples, row)
                    }
                }
                let deviation = y - means[value][m]
                result[value][m] += w * deviation * deviation
            }
        } flush: { _ in
        }
        return result
    }
}
