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
        // Design effects: a second pass for means of numeric columns; W·p·(1 − p) for yes/no ones.
        let numeric = measures.indices.compactMap { m -> (m: Int, measure: ElementDeviations.Measure)? in
            guard case .column(let column) = measures[m].value else { return nil }
            return (m, ElementDeviations.Measure(column: column, known: measures[m].known))
        }
        let passed = ElementDeviations.sums(
            samples, scope: scope, by: by, measures: numeric.map(\.measure),
            means: parts.map { parts in numeric.map { parts[$0.m]?.value ?? 0 } })
        let deviations = parts.indices.map { value in
            measures.indices.map { m -> Double in
                if let k = numeric.firstIndex(where: { $0.m == m }) { return passed[value][k] }
                guard let part = parts[value][m] else { return 0 }
                return part.denominator * part.value * (1 - part.value)
            }
        }
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
