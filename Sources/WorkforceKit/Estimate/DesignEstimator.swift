/// Design-based estimates for one wave: totals, means, shares, ratios and their differences,
/// with Taylor-linearised standard errors, normal intervals and design effects (R `survey` conventions).
///
/// Every estimator takes a domain's per-PSU sums (`DomainSums`, from the one
/// `PSUPass`), linearises them (`Linearized`) and hands the PSU values to the one
/// variance function, `SurveyDesign.variance`; no row is revisited. See
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

    /// Horvitz–Thompson total of term `term` over the domain (R `svytotal`).
    func total(_ domain: DomainSums, term: Int) throws(DesignError) -> Estimate {
        interval(
            n: domain.rows, value: domain.totals[term],
            variance: try variance(domain.perPSU(term), cells: domain.cells(term)))
    }

    /// The estimate of a linearised statistic. With `deviations` (Σ w·(y − ȳ)² about the
    /// domain's mean, from a second pass) it is a mean and carries its design effect.
    func estimate(_ part: Linearized, deviations: Double? = nil) throws(DesignError) -> Estimate {
        estimate(
            n: part.n, value: part.value, denominator: part.denominator,
            variance: try variance(part.z, cells: part.cells),
            deviations: deviations)
    }

    /// The estimate of a ratio `value` with denominator total `denominator` and the variance of its
    /// linearised values; with `deviations` a mean, with its design effect.
    func estimate(n: Int, value: Double, denominator: Double, variance: Double, deviations: Double?) -> Estimate {
        var estimate = interval(n: n, value: value, variance: variance)
        if let deviations {
            var elementVariance = deviations / denominator
            // A value that is constant in the domain has no element variance; rounding leaves a trace of it.
            if elementVariance <= 1e-24 * value * value { elementVariance = 0 }
            estimate.designEffect = designEffect(
                variance: estimate.standardError.map { $0 * $0 }, elementVariance: elementVariance, n: n,
                weight: denominator)
        }
        return estimate
    }

    /// A share p of a scope (R `svymean(~factor)` within the scope), with the design effect of a proportion.
    func proportion(_ part: Linearized, scopeRows: Int) throws(DesignError) -> Estimate {
        var estimate = interval(n: part.n, value: part.value, variance: try variance(part.z, cells: part.cells))
        estimate.designEffect = designEffect(
            variance: estimate.standardError.map { $0 * $0 }, elementVariance: part.value * (1 - part.value),
            n: scopeRows, weight: part.denominator)
        return estimate
    }

    /// The variance of linearised PSU values under this wave's design; under calibration, of their
    /// residuals from the regression on the calibration variables (`cells`: Σ d·x·z).
    func variance(_ z: [(psu: Int32, z: Double)], cells: [Double] = []) throws(DesignError) -> Double {
        try design.variance(z, cells: cells, lonely: lonely)
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
