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
    /// 1 − (second ratio)/(first ratio) within the domain, e.g. the gender pay gap with the men's
    /// and the women's mean wage, linearised together (R `svyratio`-style; docs/estimation.md).
    case relativeGap(RowMeasure, RowMeasure)
    /// The weighted quantile at `probability` of the measure's column over the domain's rows that
    /// give it (R's "math" rule, `WeightedQuantile`), with Woodruff's interval when `interval`
    /// (R `svyquantile(…, ci = TRUE)`); without, a point that derived rows use (decile ratios).
    /// Finished by `QuantilePoints`, not by `finish`.
    case quantile(RowMeasure, probability: Double, interval: Bool)
    /// The change of a ratio (or, `ofTotal`, of a total) from the earlier wave's rows (first
    /// measure) to the later wave's (second) of a paired wave (`Wave.paired`), linearised
    /// together so that a PSU observed in both waves is one cluster and their covariance enters.
    case change(RowMeasure, RowMeasure, ChangeKind, ofTotal: Bool)

    /// The measure whose terms the statistic sums (a relative gap: its first).
    var measure: RowMeasure {
        switch self {
        case .total(let measure), .ratio(let measure), .gapToReference(let measure), .relativeGap(let measure, _),
            .quantile(let measure, _, _), .change(let measure, _, _, _):
            measure
        }
    }

    /// Where the statistic's sums sit among a pass's terms.
    struct Terms: Sendable {
        /// Σ w·y, Σ w·x, rows that give y, and those of them with x = 1.
        let y: Int, x: Int, n: Int, xRows: Int
        /// A relative gap's second ratio: its Σ w·y, Σ w·x and rows (−1 for other statistics).
        var y2 = -1, x2 = -1, n2 = -1
    }

    /// The statistic's terms, added to `list` (terms already listed are shared).
    func terms(in list: inout TermList) -> Terms {
        let measure = measure
        var terms = Terms(
            y: list(measure.numerator), x: list(measure.denominator), n: list(measure.rows),
            xRows: list(measure.rowsCountingInX))
        switch self {
        case .relativeGap(_, let second), .change(_, let second, _, _):
            (terms.y2, terms.x2, terms.n2) = (list(second.numerator), list(second.denominator), list(second.rows))
        default: break
        }
        return terms
    }

    /// The statistic of one domain from its per-PSU sums: its linearised values, finished as
    /// `finish(totals:…)` finishes them; and the ratio's linearised values, which a gap of a later
    /// group takes as its `reference`. `deviations`: Σ w·(y − ȳ)² about the domain's mean where a
    /// walk gathered it (numeric y).
    func finish(
        _ sums: DomainSums, _ t: Terms, deviations: Double?, reference: Linearized?, _ estimator: DesignEstimator
    ) throws(DesignError) -> (estimate: Estimate?, ratio: Linearized?) {
        let n = Int(sums.totals[t.n])
        /// The z per PSU of the statistic, and the ratio a later gap needs.
        let part: Linearized?
        var ratio: Linearized? = nil
        switch self {
        case .total:
            part = Self.total(sums, y: t.y, n: n)
        case .ratio(let measure):
            ratio = Linearized.ratio(measure.countsOnlyPSUsWithX ? sums.withoutZero(t.x) : sums, y: t.y, x: t.x, n: n)
            part = ratio
        case .gapToReference:
            ratio = Linearized.ratio(sums, y: t.y, x: t.x, n: n)
            part = reference.flatMap { ratio?.minus($0) }
        case .relativeGap:
            let second = Linearized.ratio(sums, y: t.y2, x: t.x2, n: Int(sums.totals[t.n2]))
            part = second.flatMap { Linearized.ratio(sums, y: t.y, x: t.x, n: n)?.relativeGap($0) }
        case .change(_, _, let kind, let ofTotal):
            let n2 = Int(sums.totals[t.n2])
            let (earlier, later) =
                ofTotal
                ? (Self.total(sums, y: t.y, n: n), Self.total(sums, y: t.y2, n: n2))
                : (Linearized.ratio(sums, y: t.y, x: t.x, n: n), Linearized.ratio(sums, y: t.y2, x: t.x2, n: n2))
            part = earlier.flatMap { a in later.flatMap { a.change(to: $0, kind) } }
        case .quantile:
            return (nil, nil)
        }
        let estimate = try finish(
            totals: sums.totals, t,
            variance: { () throws(DesignError) in try estimator.variance(part?.z ?? [], cells: part?.cells ?? []) },
            deviations: deviations, reference: reference.map { ($0.value, $0.n) }, estimator)
        return (estimate, ratio)
    }

    /// The statistic of one domain from its terms' totals and the variance of its linearised
    /// values, however they were gathered (`StratumMoments`): nil where there is no estimate, as
    /// `finish(_:_:deviations:reference:_:)` leaves it. `reference`: the reference group's ratio
    /// and rows, for a gap of another group.
    func finish(
        totals: [Double], _ t: Terms, variance: () throws(DesignError) -> Double, deviations: Double?,
        reference: (value: Double, n: Int)?, _ estimator: DesignEstimator
    ) throws(DesignError) -> Estimate? {
        let n = Int(totals[t.n])
        switch self {
        case .total:
            guard n > 0 else { return nil }
            return estimator.interval(n: n, value: totals[t.y], variance: try variance())
        case .ratio(let measure):
            guard let ratio = Self.ratio(totals, t) else { return nil }
            let elements = measure.elementDeviations(
                totals, t, deviations: deviations, ratio: ratio.value, denominator: ratio.denominator)
            return estimator.estimate(
                n: n, value: ratio.value, denominator: ratio.denominator, variance: try variance(),
                deviations: elements)
        case .gapToReference:
            guard let ratio = Self.ratio(totals, t), let reference else { return nil }
            return estimator.estimate(
                n: min(n, reference.n), value: ratio.value - reference.value, denominator: ratio.denominator,
                variance: try variance(), deviations: nil)
        case .relativeGap:
            guard let first = Self.ratio(totals, t), first.value > 0,
                let second = Self.ratio(totals, Terms(y: t.y2, x: t.x2, n: t.n2, xRows: t.n2))
            else { return nil }
            return estimator.estimate(
                n: min(n, Int(totals[t.n2])), value: 1 - second.value / first.value, denominator: first.denominator,
                variance: try variance(), deviations: nil)
        case .change(_, _, let kind, let ofTotal):
            let n2 = Int(totals[t.n2])
            let second = Terms(y: t.y2, x: t.x2, n: t.n2, xRows: t.n2)
            let (a, b) =
                ofTotal
                ? (n > 0 ? totals[t.y] : nil, n2 > 0 ? totals[t.y2] : nil)
                : (Self.ratio(totals, t)?.value, Self.ratio(totals, second)?.value)
            guard let a, let b, let value = kind.value(a, b) else { return nil }
            return estimator.interval(n: min(n, n2), value: value, variance: try variance())
        case .quantile:
            return nil
        }
    }

    /// A total's linearised values: its per-PSU sums; nil when no row gives y.
    private static func total(_ sums: DomainSums, y: Int, n: Int) -> Linearized? {
        n > 0 ? Linearized(n: n, value: sums.totals[y], z: sums.perPSU(y), denominator: 1, cells: sums.cells(y)) : nil
    }

    /// Y/X of terms y and x and X, from a domain's totals; nil when no row gives y or X is not
    /// positive (as `Linearized.ratio`).
    static func ratio(_ totals: [Double], _ t: Terms) -> (value: Double, denominator: Double)? {
        let denominator = totals[t.x]
        guard Int(totals[t.n]) > 0, denominator > 0 else { return nil }
        return (totals[t.y] / denominator, denominator)
    }
}

extension RowMeasure {
    /// Σ w·(y − ȳ)² of a mean or a rate (x is 1 wherever y is known), which gives its design effect:
    /// `deviations` where a walk gathered them (a numeric y), W·p·(1 − p) for a yes/no y; nil otherwise.
    func elementDeviations(
        _ totals: [Double], _ t: Statistic.Terms, deviations: Double?, ratio: Double, denominator: Double
    ) -> Double? {
        guard hasDesignEffect, totals[t.xRows] == totals[t.n] else { return nil }
        return deviations ?? denominator * ratio * (1 - ratio)
    }
}
