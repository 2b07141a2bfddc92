/// Every `RowMeasure` of a report for every domain of one breakdown: one `PSUPass` for all
/// measures' sums, one `ElementDeviations` pass for their design effects.
struct MeasureEstimates {
    /// One domain's linearised measures (nil where no row has a known y or Σ w·x is 0) and the
    /// deviations of those that are means.
    struct MeasuredDomain {
        let value: Int
        let parts: [Linearized?]
        let deviations: [Double?]
    }

    /// The domains of `by` within `scope` with rows, values ascending.
    static func gather(
        _ samples: WageSamples, measures: [RowMeasure], scope: Scope, by: ByVariable, expected: [Int]? = nil
    ) -> [MeasuredDomain] {
        var list = TermList()
        let terms = measures.map { measure in
            (
                y: list(measure.numerator), x: list(measure.denominator), n: list(measure.rows),
                xRows: list(measure.rowsCountingInX)
            )
        }
        let pass = PSUPass(samples, values: by.cardinality, terms: list.terms, expected: expected)
        pass.run(samples, scope: scope, by: by)
        let domains = (0..<by.cardinality).map { pass.take($0) }
        let parts = domains.map { domain in
            terms.map { t in Linearized.ratio(domain, y: t.y, x: t.x, n: Int(domain.totals[t.n])) }
        }
        let means = parts.map { $0.map { $0?.value ?? 0 } }
        let deviations = ElementDeviations.sums(
            samples, scope: scope, by: by,
            measures: measures.map { ElementDeviations.Measure(y: $0.numerator, known: $0.known) }, means: means)
        return domains.indices.compactMap { value in
            guard domains[value].rows > 0 else { return nil }
            let domain = domains[value]
            // A ratio whose x is 1 on every row with a known y is a mean, with a design effect.
            let isMean = terms.map { domain.totals[$0.xRows] == domain.totals[$0.n] }
            return MeasuredDomain(
                value: value, parts: parts[value],
                deviations: measures.indices.map { isMean[$0] ? deviations[value][$0] : nil })
        }
    }
}
