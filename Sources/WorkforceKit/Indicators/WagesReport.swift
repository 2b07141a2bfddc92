/// Section 2 of INDICATORS.md — wages （二）（十三）（二十四）: level, distribution and low pay per domain and year.
///
/// Indicators (all weighted): mean; P10–P90 (`WeightedQuantile`, R's "math"
/// rule); P90/P10 and P50/P10; low-pay rate (share below 2/3 of the year's
/// overall median); share below the minimum wage and the Kaitz index
/// (min_wage / median) when economy.csv gives `min_wage`; gender pay gap
/// (male − female) / male on means and on medians; mean relative to the city
/// average wage (`avg_wage`). Where weekly_hours is present, the low-pay rate
/// (against 2/3 of the full-time median) and decile ratios also for full-time workers (≥ 35 h).
public enum WagesReport {
    static let clause = "（二）（十三）（二十四）"
    static let probabilities = [0.1, 0.25, 0.5, 0.75, 0.9]

    /// The report; each (scope, by-variable) block is computed on its own thread when `jobs` > 1,
    /// and the blocks are appended in a fixed order, so the table is the same for any `jobs`.
    public static func build(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], disclosure: DisclosurePolicy, jobs: Int = 1
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "wages", columns: EstimateRow.columns)
        for year in cells.years {
            guard let fileOrdered = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let samples = fileOrdered.wageOrderedCore()
            let shared = YearContext(
                samples: samples, economy: economy[year],
                sampleEstimator: SampleEstimator(
                    samples: samples, estimator: estimator, psuCount: accumulator.psus.count),
                estimator: estimator)
            let rows = try DomainBlocks.rows(jobs: jobs) { scope, by throws(DesignError) in
                var context = shared  // each block gets its own scratch arrays (copy on write)
                var rows: [[ReportCell]] = []
                for (value, members) in context.buckets(scope: scope, by: by).enumerated() where !members.isEmpty {
                    let domain = Domain(scope: scope, by: by, value: value)
                    for (indicator, estimate) in try context.indicators(
                        members: members, by: by, cells: cells[year, domain])
                    {
                        rows.append(
                            EstimateRow.make(
                                year: year, domain: domain, indicator: indicator, estimate: estimate,
                                clause: clause, disclosure: disclosure))
                    }
                }
                return rows
            }
            for row in rows { table.append(row) }
        }
        return table
    }
}

/// One wave's samples sorted by wage, with the thresholds every domain shares.
private struct YearContext: Sendable {
    let samples: WageSamples
    let economy: EconomyRecord?
    /// Row numbers sorted by wage (ties in file order).
    let order: [Int32]
    let lowPayThreshold: Double?
    let fullTimeLowPayThreshold: Double?
    let hoursKnown: Bool
    var sampleEstimator: SampleEstimator
    let estimator: DesignEstimator

    init(samples: WageSamples, economy: EconomyRecord?, sampleEstimator: SampleEstimator, estimator: DesignEstimator) {
        self.samples = samples
        self.economy = economy
        self.sampleEstimator = sampleEstimator
        self.estimator = estimator
        let wages = samples.wages
        order = samples.wageOrder()
        let median = WeightedQuantile.quantiles(
            values: wages, weights: samples.weights, order: order[...], probabilities: [0.5])[0]
        lowPayThreshold = median.map { $0 * 2 / 3 }
        let codes = samples.codes
        let fullTime = order.filter { codes[Int($0)].fullTime }
        let fullTimeMedian = WeightedQuantile.quantiles(
            values: wages, weights: samples.weights, order: fullTime[...], probabilities: [0.5])[0]
        fullTimeLowPayThreshold = fullTimeMedian.map { $0 * 2 / 3 }
        hoursKnown = codes.contains { $0.hoursKnown }
    }

    /// Wage-sorted row numbers of each value of `by` within `scope`.
    func buckets(scope: Scope, by: ByVariable) -> [[Int32]] {
        DomainMembers.buckets(samples, order: order, scope: scope, by: by)
    }

    /// The wage indicators of one domain, with their estimates.
    mutating func indicators(members: [Int32], by: ByVariable, cells: DomainCells.Cells) throws(DesignError) -> [(
        String, Estimate
    )] {
        var rows: [(String, Estimate)] = []
        let n = members.count
        let mean = try estimator.meanWage(cells)
        rows.append(("mean_wage", mean))
        let thresholds = [lowPayThreshold, economy?.minimumWage]
        let (q, shares) = try sampleEstimator.distribution(
            members, probabilities: WagesReport.probabilities, below: thresholds.compactMap { $0 })
        for (name, estimate) in zip(["p10", "p25", "p50", "p75", "p90"], q) { rows.append((name, estimate)) }
        rows.append(("p90_p10", .point(n: n, ratio(q[4].value, q[0].value))))
        rows.append(("p50_p10", .point(n: n, ratio(q[2].value, q[0].value))))
        if lowPayThreshold != nil {
            rows.append(("low_pay_rate", shares[0]))
        }
        if let minimum = economy?.minimumWage {
            rows.append(("below_min_wage_share", shares[shares.count - 1]))
            rows.append(("kaitz_index", .point(n: n, ratio(minimum, q[2].value))))
        }
        if by != .sex {
            let men = members.filter { samples.codes[Int($0)].sex == 0 }
            let women = members.filter { samples.codes[Int($0)].sex == 1 }
            let pairN = min(men.count, women.count)
            rows.append(("gender_pay_gap_mean", try sampleEstimator.relativeGap(men, women)))
            rows.append(
                ("gender_pay_gap_median", .point(n: pairN, gap(quantiles(men, [0.5])[0], quantiles(women, [0.5])[0]))))
        }
        if let average = economy?.averageWage {
            var relative = mean
            relative.value = mean.value.map { $0 / average }
            relative.standardError = mean.standardError.map { $0 / average }
            relative.lower = mean.lower.map { $0 / average }
            relative.upper = mean.upper.map { $0 / average }
            rows.append(("mean_to_city_average_wage", relative))
        }
        if hoursKnown {
            let fullTime = members.filter { samples.codes[Int($0)].fullTime }
            let ft = quantiles(fullTime)
            if let threshold = fullTimeLowPayThreshold {
                rows.append(("low_pay_rate_fulltime", try sampleEstimator.shareBelow(fullTime, threshold: threshold)))
            }
            rows.append(("p90_p10_fulltime", .point(n: fullTime.count, ratio(ft[4], ft[0]))))
            rows.append(("p50_p10_fulltime", .point(n: fullTime.count, ratio(ft[2], ft[0]))))
        }
        return rows
    }

    private func quantiles(_ members: [Int32], _ probabilities: [Double] = WagesReport.probabilities) -> [Double?] {
        WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...], probabilities: probabilities)
    }

}

private func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
    guard let numerator, let denominator, denominator != 0 else { return nil }
    return numerator / denominator
}

private func gap(_ men: Double?, _ women: Double?) -> Double? {
    guard let men, let women, men != 0 else { return nil }
    return (men - women) / men
}
