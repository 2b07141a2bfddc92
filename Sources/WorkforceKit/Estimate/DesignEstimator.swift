/// Design-based estimates for one wave: totals, means, proportions and ratios with
/// Taylor-linearised standard errors, normal intervals and design effects (R `survey` conventions).
///
/// Every estimator turns the domain's per-PSU sums into linearised PSU totals z
/// and hands them to `SurveyDesign.variance`; no row is revisited. See
/// docs/estimation.md for the formulas and the R functions they match.
public struct DesignEstimator: Sendable {
    public let design: SurveyDesign
    public let lonely: LonelyPSUPolicy
    /// Two-sided confidence level, e.g. 0.95.
    public let level: Double
    /// Normal critical value for `level` (R `confint` with df = Inf).
    let normalCritical: Double

    public init(design: SurveyDesign, lonely: LonelyPSUPolicy, level: Double) {
        self.design = design
        self.lonely = lonely
        self.level = level
        normalCritical = Distributions.normalQuantile(1 - (1 - level) / 2)
    }

    /// Horvitz–Thompson total of the weights over the domain, its estimated size (R `svytotal`).
    public func totalWeight(_ cells: DomainCells.Cells) throws(DesignError) -> Estimate {
        let value = cells.total.weight
        let z = zip(cells.psus, cells.cells).map { (psu: $0, z: $1.weight) }
        return interval(n: cells.total.n, value: value, variance: try design.variance(z, lonely: lonely))
    }

    /// Weighted mean wage of the domain (R `svymean` / `svyby(…, svymean)`), with its design effect.
    public func meanWage(_ cells: DomainCells.Cells) throws(DesignError) -> Estimate {
        let total = cells.total
        guard total.weight > 0 else { return .point(n: total.n, nil) }
        let mean = total.wage / total.weight
        let z = zip(cells.psus, cells.cells).map { (psu: $0, z: ($1.wage - mean * $1.weight) / total.weight) }
        var estimate = interval(n: total.n, value: mean, variance: try design.variance(z, lonely: lonely))
        // Two-pass element variance (deviations about the domain's mean), as R's `svyvar` takes it.
        var weightedVariance = total.wageDeviations / total.weight
        // A wage that is constant in the domain has no element variance; rounding leaves a trace of it.
        if weightedVariance <= 1e-24 * mean * mean { weightedVariance = 0 }
        estimate.designEffect = designEffect(
            variance: estimate.standardError.map { $0 * $0 }, elementVariance: weightedVariance,
            n: total.n, weight: total.weight)
        return estimate
    }

    /// Share of the scope's weight that falls in the domain (R `svymean(~factor)` within the scope).
    public func share(_ cells: DomainCells.Cells, of scope: DomainCells.Cells) throws(DesignError) -> Estimate {
        let scopeWeight = scope.total.weight
        guard scopeWeight > 0 else { return .point(n: cells.total.n, nil) }
        let p = cells.total.weight / scopeWeight
        // z = (W_d,psu − p·W_s,psu) / W_s over the scope's PSUs; the domain's PSUs are a subset,
        // and both lists are sorted by PSU number, so one merge pass pairs them.
        var z: [(psu: Int32, z: Double)] = []
        z.reserveCapacity(scope.psus.count)
        var next = 0
        for (psu, cell) in zip(scope.psus, scope.cells) {
            var inDomain = 0.0
            if next < cells.psus.count, cells.psus[next] == psu {
                inDomain = cells.cells[next].weight
                next += 1
            }
            z.append((psu: psu, z: (inDomain - p * cell.weight) / scopeWeight))
        }
        var estimate = interval(n: cells.total.n, value: p, variance: try design.variance(z, lonely: lonely))
        estimate.designEffect = designEffect(
            variance: estimate.standardError.map { $0 * $0 }, elementVariance: p * (1 - p),
            n: scope.total.n, weight: scopeWeight)
        return estimate
    }

    /// value ± z·SE, with SE = √variance; no interval when the variance is undefined.
    func interval(n: Int, value: Double, variance: Double) -> Estimate {
        guard variance.isFinite, variance >= 0 else { return .point(n: n, value) }
        let se = variance.squareRoot()
        return Estimate(
            n: n, value: value, standardError: se,
            lower: value - normalCritical * se, upper: value + normalCritical * se)
    }

    /// V̂ / (s²_w · (W − n)/(W·n)), s²_w the weighted element variance with the n/(n − 1) divisor (R `deff = TRUE`).
    func designEffect(variance: Double?, elementVariance: Double, n: Int, weight: Double) -> Double? {
        guard let variance, n > 1, weight > Double(n) else { return nil }
        let s2 = elementVariance * Double(n) / Double(n - 1)
        let simple = s2 * (weight - Double(n)) / (weight * Double(n))
        guard simple > 0, elementVariance > 0 else { return nil }
        return variance / simple
    }
}
