/// Quantiles with Woodruff intervals and shares below thresholds of one domain's wages.
///
/// Per cut c of the domain's `WageCuts` (a quantile q: "wage ≤ q"; a threshold t:
/// "wage < t") the share p = Σ w below / Σ w is a ratio of two `PSUPass` terms,
/// linearised like any other (`Linearized.ratio`) and handed to the one variance
/// function. A quantile's interval is Woodruff's (R `svyquantile(…, ci = TRUE)`,
/// `interval.type = "mean"`): p ± t_df·SE(p) mapped back through the domain's
/// weighted distribution function, df its PSUs minus strata.
extension DesignEstimator {
    /// `domain`'s quantiles and shares; term `weight` holds Σ w, term `firstCut + k` Σ w below
    /// cut k. `members` (the domain's rows of the wage-ordered `samples`) map intervals back to wages.
    /// - Complexity: O(cuts × PSUs of the domain + members when there are quantiles).
    func distribution(
        _ domain: DomainSums, weight: Int, firstCut: Int, cuts: WageCuts, members: [Int32], samples: WageSamples
    ) throws(DesignError) -> (quantiles: [Estimate], shares: [Estimate]) {
        let n = members.count
        var quantiles = cuts.points.map { Estimate.point(n: n, $0) }
        var shares = (0..<cuts.thresholdCount).map { _ in Estimate.point(n: n, nil) }
        guard n > 0 else { return (cuts.points.map { .point(n: 0, $0) }, shares.map { _ in .point(n: 0, nil) }) }
        // Only the PSUs where the domain has weight (a subgroup's domain may hold PSUs without it).
        let present = domain.withoutZero(weight)
        var means: [(index: Int, p: Double, variance: Double)] = []
        for (offset, cut) in cuts.cuts.enumerated() {
            guard let part = Linearized.ratio(present, y: firstCut + offset, x: weight, n: n) else { continue }
            switch cut.kind {
            case .quantile(let k):
                means.append((k, part.value, try variance(part.z, cells: part.cells)))
            case .share(let k):
                shares[k] = try proportion(part, scopeRows: n)
            }
        }
        guard !means.isEmpty else { return (quantiles, shares) }
        woodruff(
            &quantiles, shares: means, df: design.degreesOfFreedom(psus: present.psus), members: members,
            samples: samples, total: cuts.weight)
        return (quantiles, shares)
    }

    /// Woodruff's intervals of a domain's quantiles: each quantile's share p̂ ± t_df·SE(p̂) mapped
    /// back through the domain's weighted distribution function (`members`, in value order, of
    /// the sorted `samples`, with their Σ w `total`), all in one walk; SE (upper − lower)/(2t).
    /// `shares`: per quantile (its index in `quantiles`), p̂ and the variance of p̂.
    func woodruff(
        _ quantiles: inout [Estimate], shares: [(index: Int, p: Double, variance: Double)], df: Int,
        members: [Int32], samples: WageSamples, total: WeightedQuantile.Total?
    ) {
        let critical = df > 0 ? Distributions.studentQuantile(1 - (1 - level) / 2, df: Double(df)) : .nan
        var ends: [(index: Int, low: Double, high: Double)] = []
        for (k, p, variance) in shares.sorted(by: { $0.index < $1.index }) {
            guard variance.isFinite, critical.isFinite else { continue }
            let se = variance.squareRoot()
            ends.append((k, p - critical * se, p + critical * se))
        }
        let mapped = WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...],
            levels: ends.flatMap { [QuantileLevel(exactly: $0.low), QuantileLevel(exactly: $0.high)] },
            total: total)
        for (k, end) in ends.enumerated() {
            let lower = end.low < 0 ? nil : mapped[2 * k]
            let upper = end.high > 1 ? nil : mapped[2 * k + 1]
            quantiles[end.index].lower = lower
            quantiles[end.index].upper = upper
            quantiles[end.index].standardError = lower.flatMap { l in upper.map { u in (u - l) / (2 * critical) } }
        }
    }
}
