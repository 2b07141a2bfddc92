/// quantiles.csv: the survey plan's quantiles of numeric columns (`QuantileIndicator`) for
/// every (year, scope, by, domain), each with its Woodruff interval.
///
/// The wages report's machinery with the column in place of the wage
/// (`WageSamples.valued(by:)`): in value order, each domain's quantiles (its cuts); one
/// `PSUPass` in file order for Σ w and Σ w below each cut per PSU; then
/// `DesignEstimator.distribution` (R `svyquantile(…, ci = TRUE)`, docs/estimation.md).
enum ColumnQuantilesReport {
    static func build(
        _ specs: [QuantileIndicator], accumulator: WorkerAccumulator, cells: DomainCells,
        estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "quantiles", columns: EstimateRow.columns)
        for year in cells.years {
            guard let wave = accumulator.samples[year], let estimator = estimators[year] else { continue }
            // Per quantile list: the rows that give its column, in file order and in value order.
            let waves = specs.map { spec in
                let fileOrdered = wave.valued(by: spec.column)
                return (fileOrdered: fileOrdered, sorted: fileOrdered.wageOrderedCore(jobs: jobs))
            }
            let blocks = try DomainBlocks.map(jobs: jobs, scopes: cells.scopes, breakdowns: cells.breakdowns) {
                scope, by throws(DesignError) in
                var quantiles = [[[Estimate]?]](repeating: [], count: specs.count)
                for (index, spec) in specs.enumerated() {
                    quantiles[index] = try Self.quantiles(
                        spec, of: waves[index].fileOrdered, sorted: waves[index].sorted, scope: scope, by: by,
                        estimator: estimator)
                }
                // Domain by domain, each list's quantiles in the plan's order.
                var rows: [[ReportCell]] = []
                for value in 0..<by.cardinality {
                    let domain = Domain(scope: scope, by: by, value: value)
                    for (index, spec) in specs.enumerated() {
                        guard let estimates = quantiles[index][value] else { continue }
                        for (p, estimate) in zip(spec.probabilities, estimates) {
                            rows.append(
                                EstimateRow.make(
                                    year: year, domain: domain, indicator: spec.indicator(p), estimate: estimate,
                                    clause: spec.clause, disclosure: disclosure))
                        }
                    }
                }
                return rows
            }
            for block in blocks { for row in block { table.append(row) } }
        }
        return table
    }

    /// Per value of `by` within `scope`: the quantiles of `spec`'s column with their intervals
    /// (nil for a domain without rows that give it).
    private static func quantiles(
        _ spec: QuantileIndicator, of fileOrdered: WageSamples, sorted: WageSamples, scope: Scope, by: ByVariable,
        estimator: DesignEstimator
    ) throws(DesignError) -> [[Estimate]?] {
        let buckets = DomainMembers.buckets(sorted, order: Array(0..<Int32(sorted.count)), scope: scope, by: by)
        let cuts = buckets.map { members in
            let weight = WeightedQuantile.total(weights: sorted.weights, order: members[...])
            return WageCuts(
                points: WeightedQuantile.quantiles(
                    values: sorted.wages, weights: sorted.weights, order: members[...],
                    levels: spec.probabilities.map(QuantileLevel.percent), total: weight),
                thresholds: [], weight: weight)
        }
        // Σ w, then Σ w below each cut.
        let cutCount = cuts.map(\.cuts.count).max() ?? 0
        let terms = [LinearTerm.weight()] + (0..<cutCount).map { LinearTerm(.cut($0)) }
        let pass = PSUPass(fileOrdered, values: by.cardinality, terms: terms, cuts: cuts)
        pass.run(fileOrdered, scope: scope, by: by)
        var result: [[Estimate]?] = []
        for (value, members) in buckets.enumerated() {
            let sums = pass.take(value)
            guard !members.isEmpty else {
                result.append(nil)
                continue
            }
            result.append(
                try estimator.distribution(
                    sums, weight: 0, firstCut: 1, cuts: cuts[value], members: members, samples: sorted
                ).quantiles)
        }
        return result
    }
}
