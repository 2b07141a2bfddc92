/// What a request estimates in each domain: a closed set, each naming the linear terms it needs
/// and finishing one way — linearised values, the one variance function, a normal interval.
///
/// docs/estimation.md gives each formula and the R function it matches.
enum Statistic: Sendable, Equatable {
    /// Σ w·y over the domain's rows that give y, the measure's numerator (R `svytotal`).
    case total(RowMeasure)
    /// Σ w·y / Σ w·x over the domain's rows that give y (R `svymean`, `svyratio`): a mean, a rate,
    /// a ratio of two columns' totals; a mean or a rate carries its design effect.
    case ratio(RowMeasure)
    /// The ratio minus the same ratio in the breakdown's reference group (`ByVariable.referenceValue`),
    /// in the ratio's units (rate points for rates), linearised together.
    case gapToReference(RowMeasure)

    /// The measure whose terms the statistic sums.
    var measure: RowMeasure {
        switch self {
        case .total(let measure), .ratio(let measure), .gapToReference(let measure): measure
        }
    }

    /// Where the statistic's sums sit among a pass's terms.
    struct Terms: Sendable {
        /// Σ w·y, Σ w·x, rows that give y, and those of them with x = 1.
        let y: Int, x: Int, n: Int, xRows: Int
    }

    /// The statistic's terms, added to `list` (terms already listed are shared).
    func terms(in list: inout TermList) -> Terms {
        let measure = measure
        return Terms(
            y: list(measure.numerator), x: list(measure.denominator), n: list(measure.rows),
            xRows: list(measure.rowsCountingInX))
    }

    /// The statistic of one domain from its sums: the estimate (nil where there is none: no row
    /// gives y, X is not positive, or a gap without its reference group) and the ratio's
    /// linearised values, which a gap of a later group takes as its `reference`.
    /// `deviations`: Σ w·(y − ȳ)² about the domain's mean where a walk gathered it (numeric y).
    func finish(
        _ sums: DomainSums, _ t: Terms, deviations: Double?, reference: Linearized?, _ estimator: DesignEstimator
    ) throws(DesignError) -> (estimate: Estimate?, ratio: Linearized?) {
        let n = Int(sums.totals[t.n])
        switch self {
        case .total:
            guard n > 0 else { return (nil, nil) }
            let variance = try estimator.variance(sums.perPSU(t.y))
            return (estimator.interval(n: n, value: sums.totals[t.y], variance: variance), nil)
        case .ratio(let measure):
            guard let part = Linearized.ratio(sums, y: t.y, x: t.x, n: n) else { return (nil, nil) }
            // A mean or a rate (x is 1 wherever y is known) has a design effect: its element
            // variance from the deviations, or W·p·(1 − p) for a yes/no y.
            var elementDeviations: Double? = nil
            if measure.hasDesignEffect, sums.totals[t.xRows] == sums.totals[t.n] {
                elementDeviations = deviations ?? part.denominator * part.value * (1 - part.value)
            }
            return (try estimator.estimate(part, deviations: elementDeviations), part)
        case .gapToReference:
            guard let part = Linearized.ratio(sums, y: t.y, x: t.x, n: n) else { return (nil, nil) }
            guard let reference else { return (nil, part) }
            return (try estimator.estimate(part.minus(reference)), part)
        }
    }
}
