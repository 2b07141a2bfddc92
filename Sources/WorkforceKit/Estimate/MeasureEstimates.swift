/// Every `RowMeasure` of one or more reports for every domain of one breakdown: one `PSUPass`
/// for all measures' sums, one `ElementDeviations` pass for their design effects.
struct MeasureEstimates {
    /// One domain's linearised measures (nil where no row has a known y or Σ w·x is 0) and the
    /// deviations of those that are means.
    struct MeasuredDomain {
        let value: Int
        let parts: [Linearized?]
        let deviations: [Double?]
    }

    /// Hands `body` each domain of `by` within `scope` with rows, values ascending. One domain's
    /// PSU sums and linearised values are alive at a time besides `body`'s own.
    static func forEach(
        _ samples: WageSamples, measures: [RowMeasure], scope: Scope, by: ByVariable, expected: [Int]? = nil,
        _ body: (MeasuredDomain) throws(DesignError) -> Void
    ) throws(DesignError) {
        var list = TermList()
        let terms = measures.map { measure in
            (
                y: list(measure.numerator), x: list(measure.denominator), n: list(measure.rows),
                xRows: list(measure.rowsCountingInX)
            )
        }
        let pass = PSUPass(samples, values: by.cardinality, terms: list.terms, expected: expected)
        pass.run(samples, scope: scope, by: by)
        // Design effects: a second pass about each domain's means for numeric columns; W·p·(1 − p) for yes/no ones.
        let numeric = measures.indices.compactMap { m -> (m: Int, measure: ElementDeviations.Measure)? in
            guard case .column(let column) = measures[m].value else { return nil }
            return (m, ElementDeviations.Measure(column: column, known: measures[m].known))
        }
        let means = (0..<by.cardinality).map { value in
            let totals = pass.totals(of: value)
            return numeric.map { totals[terms[$0.m].x] > 0 ? totals[terms[$0.m].y] / totals[terms[$0.m].x] : 0 }
        }
        let passed = ElementDeviations.sums(
            samples, scope: scope, by: by, measures: numeric.map(\.measure), means: means)
        for value in 0..<by.cardinality {
            let domain = pass.take(value)
            guard domain.rows > 0 else { continue }
            let parts = terms.map { t in Linearized.ratio(domain, y: t.y, x: t.x, n: Int(domain.totals[t.n])) }
            let deviations = measures.indices.map { m -> Double? in
                // A ratio whose x is 1 on every row with a known y is a mean, with a design effect.
                guard domain.totals[terms[m].xRows] == domain.totals[terms[m].n] else { return nil }
                if let k = numeric.firstIndex(where: { $0.m == m }) { return passed[value][k] }
                guard let part = parts[m] else { return 0 }
                return part.denominator * part.value * (1 - part.value)
            }
            try body(MeasuredDomain(value: value, parts: parts, deviations: deviations))
        }
    }
}
