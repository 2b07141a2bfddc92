/// How many estimates a plan asks of each wave at most: the bound that keeps a run's memory in check.
///
/// An estimate is a row of a worker report — an indicator for a domain of a breakdown in a
/// scope — and every row is held until the reports are written (as CSV and in the workbook):
/// a run's memory grows with them. The per-section caps (40 breakdowns, 10,000 added domains,
/// 4 scopes, 40 rates and means, 10 lists of 99 quantiles) allow 75 million a wave together,
/// so `plan check` bounds their product too (docs/plan.md, "Size of a plan").
extension SurveyPlan {
    /// Most estimates a plan may ask of one wave.
    public static let maxEstimatesPerWave = 500_000

    /// Most rows the built-in worker reports (composition, wages without its quantiles, training,
    /// coverage, wage_vs_economy) publish for one domain in one scope and year; a test checks it
    /// against a run.
    static let builtInEstimatesPerDomain = 48

    /// Scopes: all, industrial and the plan's own.
    var scopeCount: Int { Scope.builtIns.count + scopes.count }

    /// Domains of every breakdown, built in and added (a breakdown's cardinality, `not_given` included).
    var domainCount: Int { (ByVariable.builtIns + addedBreakdowns).reduce(0) { $0 + $1.cardinality } }

    /// Estimates for one domain in one scope: the built-in ones, the wage quantiles, the plan's
    /// rates and means, and every probability of its quantile lists.
    var estimatesPerDomain: Int {
        Self.builtInEstimatesPerDomain + wageQuantiles.probabilities.count + rateIndicators.count
            + meanIndicators.count + quantileIndicators.reduce(0) { $0 + $1.probabilities.count } + statistics.count
    }

    /// Scopes × domains × estimates a domain: what a wave can publish at most.
    public var estimatesPerWave: Int { scopeCount * domainCount * estimatesPerDomain }
}
