/// Section 2 of docs/indicators.md — wages （二）（十三）（二十四）: level, distribution and low pay per domain and year.
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
    /// The report; each (scope, by-variable) block is computed on its own thread when `jobs` > 1,
    /// and the blocks are appended in a fixed order, so the table is the same for any `jobs`.
    public static func build(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], disclosure: DisclosurePolicy, lowPay: LowPayFraction = .twoThirds,
        quantiles: WageQuantiles = .standard, jobs: Int = 1
    ) throws(DesignError) -> ReportTable {
        try report(
            accumulator, cells: cells, estimators: estimators, economy: economy, disclosure: disclosure,
            lowPay: lowPay, quantiles: quantiles, jobs: jobs
        ).table
    }

    /// The report and the weighted median (p50) of every (year, domain) with workers, which the
    /// wage-growth report compares across waves.
    static func report(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], disclosure: DisclosurePolicy, lowPay: LowPayFraction = .twoThirds,
        quantiles: WageQuantiles = .standard, jobs: Int = 1
    ) throws(DesignError) -> (table: ReportTable, medians: [YearDomainKey: Double]) {
        var table = ReportTable(name: "wages", columns: EstimateRow.columns)
        var medians: [YearDomainKey: Double] = [:]
        for year in cells.years {
            guard let fileOrdered = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let samples = fileOrdered.wageOrderedCore(jobs: jobs)
            var context = YearContext(
                samples: samples, fileOrdered: fileOrdered, economy: economy[year], estimator: estimator,
                lowPay: lowPay, quantiles: quantiles)
            let wave = Wave(year: year, samples: fileOrdered, estimator: estimator)
            let requests = context.requests(breakdowns: cells.breakdowns)
            let planned = try EstimationPlanner.estimate(
                requests, waves: [wave], scopes: cells.scopes, breakdowns: cells.breakdowns, jobs: jobs,
                psuCounts: { year, scope, by in cells.psuCounts(year: year, scope: scope, by: by) })
            for row in planned.rows {
                context.planned[row.domain, default: [:]][requests[row.request].indicator] = row.estimate
            }
            let shared = context
            let blocks = try DomainBlocks.map(jobs: jobs, scopes: cells.scopes, breakdowns: cells.breakdowns) {
                scope, by throws(DesignError) in
                var rows: [[ReportCell]] = []
                var medians: [(Domain, Double)] = []
                for (domain, indicators) in try shared.block(scope: scope, by: by, year: year, cells: cells) {
                    for (indicator, estimate) in indicators {
                        rows.append(
                            EstimateRow.make(
                                year: year, domain: domain, indicator: indicator, estimate: estimate,
                                clause: clause, disclosure: disclosure))
                        if indicator == "p50", let median = estimate.value { medians.append((domain, median)) }
                    }
                }
                return (rows: rows, medians: medians)
            }
            for block in blocks {
                for row in block.rows { table.append(row) }
                for (domain, median) in block.medians { medians[YearDomainKey(year, domain)] = median }
            }
        }
        return (table, medians)
    }
}

/// One wave's samples, sorted by wage and in file order, with the thresholds every domain shares.
///
/// A block is computed in three steps: in wage order, each domain's quantiles (the cuts);
/// in file order, a `PSUPass` for the per-PSU sums below each cut (`WageTerms`); then the
/// estimates from those sums, with the gender pay gap on means and the full-time low-pay rate
/// that the estimation planner gave for every block at once (`requests`).
private struct YearContext: Sendable {
    /// The wage-ordered core (`WageSamples.wageOrderedCore`): quantiles and their intervals.
    let samples: WageSamples
    /// The wave in file order: the streaming passes.
    let fileOrdered: WageSamples
    let economy: EconomyRecord?
    /// Row numbers sorted by wage (ties in file order).
    let order: [Int32]
    let lowPayThreshold: Double?
    let fullTimeLowPayThreshold: Double?
    let hoursKnown: Bool
    let estimator: DesignEstimator
    /// The published quantiles.
    let list: WageQuantiles
    /// The estimates of `requests` by domain and indicator (the mean gender pay gap, the full-time low-pay rate).
    var planned: [Domain: [String: Estimate]] = [:]

    init(
        samples: WageSamples, fileOrdered: WageSamples, economy: EconomyRecord?, estimator: DesignEstimator,
        lowPay: LowPayFraction, quantiles: WageQuantiles
    ) {
        list = quantiles
        self.samples = samples
        self.fileOrdered = fileOrdered
        self.economy = economy
        self.estimator = estimator
        let wages = samples.wages
        order = samples.wageOrder()
        let median = WeightedQuantile.quantiles(
            values: wages, weights: samples.weights, order: order[...], levels: [.percent(0.5)])[0]
        lowPayThreshold = median.map(lowPay.line)
        let codes = samples.codes
        let fullTime = order.filter { codes[Int($0)].fullTime }
        let fullTimeMedian = WeightedQuantile.quantiles(
            values: wages, weights: samples.weights, order: fullTime[...], levels: [.percent(0.5)])[0]
        fullTimeLowPayThreshold = fullTimeMedian.map(lowPay.line)
        hoursKnown = codes.contains { $0.hoursKnown }
    }

    /// What the estimation planner gives the report: the gender pay gap on means (every breakdown
    /// but sex: 1 − women's mean wage / men's), and the full-time low-pay rate where hours are
    /// known (a share of the full-time workers, over the PSUs where they have weight).
    func requests(breakdowns: [ByVariable]) -> [Request] {
        let sex = { (code: Int) in RowMeasure("", .column(.wage), known: .code(.sex, in: [code])) }
        var requests = [
            Request(
                indicator: "gender_pay_gap_mean", statistic: .relativeGap(sex(0), sex(1)),
                breakdowns: Set(breakdowns.filter { $0 != .sex }.map(\.index)))
        ]
        if hoursKnown, let line = fullTimeLowPayThreshold {
            var share = RowMeasure(
                "low_pay_rate_fulltime", .compare(.wage, .below, line), known: .code(.fullTime, in: [1]))
            share.countsOnlyPSUsWithX = true
            requests.append(Request(indicator: "low_pay_rate_fulltime", statistic: .ratio(share)))
        }
        return requests
    }

    /// The thresholds of the shares below: the low-pay line and the minimum wage, where known.
    var thresholds: [Double] { [lowPayThreshold, economy?.minimumWage].compactMap { $0 } }

    /// The wage indicators of every domain of the block with workers, in value order.
    ///
    /// In wage order, each domain's quantiles (its cuts); then `PSUPass`es in file order for
    /// every sum the estimates need; then the estimates from those sums.
    func block(scope: Scope, by: ByVariable, year: Int, cells: DomainCells) throws(DesignError) -> [(
        Domain, [(String, Estimate)]
    )] {
        let buckets = DomainMembers.buckets(samples, order: order, scope: scope, by: by)
        let cuts = buckets.map { members in
            let weight = WeightedQuantile.total(weights: samples.weights, order: members[...])
            return WageCuts(
                points: quantiles(members, total: weight), thresholds: members.isEmpty ? [] : thresholds,
                weight: weight)
        }
        let terms = WageTerms(cuts: cuts.map(\.cuts.count).max() ?? 0)
        let expected = cells.psuCounts(year: year, scope: scope, by: by)
        // The distribution at every cut, turned into estimates domain by domain (each domain's sums
        // released once used).
        let cutPass = PSUPass(
            fileOrdered, values: by.cardinality, terms: terms.cuts.terms, cuts: cuts, expected: expected)
        cutPass.run(fileOrdered, scope: scope, by: by)
        var distributions: [(quantiles: [Estimate], shares: [Estimate])?] = []
        for (value, members) in buckets.enumerated() {
            let sums = cutPass.take(value)
            distributions.append(
                members.isEmpty
                    ? nil
                    : try estimator.distribution(
                        sums, weight: terms.weight, firstCut: terms.firstCut, cuts: cuts[value], members: members,
                        samples: samples))
        }
        var result: [(Domain, [(String, Estimate)])] = []
        for (value, members) in buckets.enumerated() {
            guard let distribution = distributions[value] else { continue }
            let domain = Domain(scope: scope, by: by, value: value)
            result.append(
                (
                    domain,
                    try indicators(
                        members: members, by: by, cells: cells[year, domain], distribution: distribution,
                        planned: planned[domain] ?? [:])
                ))
        }
        return result
    }

    /// The wage indicators of one domain, with their estimates.
    private func indicators(
        members: [Int32], by: ByVariable, cells: DomainCells.Summary,
        distribution: (quantiles: [Estimate], shares: [Estimate]), planned: [String: Estimate]
    ) throws(DesignError) -> [(String, Estimate)] {
        var rows: [(String, Estimate)] = []
        let n = members.count
        let mean = cells.meanWage
        rows.append(("mean_wage", mean))
        let (q, shares) = distribution
        for (code, estimate) in zip(list.codes, q) { rows.append((code, estimate)) }
        let (p10, p50, p90) = (q[list.index(of: 0.1)], q[list.index(of: 0.5)], q[list.index(of: 0.9)])
        rows.append(("p90_p10", .point(n: n, ratio(p90.value, p10.value))))
        rows.append(("p50_p10", .point(n: n, ratio(p50.value, p10.value))))
        // The shares follow `thresholds`: the low-pay line (when known), then the minimum wage.
        if lowPayThreshold != nil, let lowPay = shares.first {
            rows.append(("low_pay_rate", lowPay))
        }
        if let minimum = economy?.minimumWage {
            rows.append(("below_min_wage_share", shares.last ?? .point(n: n, nil)))
            rows.append(("kaitz_index", .point(n: n, ratio(minimum, p50.value))))
        }
        if by != .sex {
            var menRows: [Int32] = [], womenRows: [Int32] = []
            menRows.reserveCapacity(members.count)
            womenRows.reserveCapacity(members.count)
            for row in members {
                if samples.codes[Int(row)].sex == 0 { menRows.append(row) } else { womenRows.append(row) }
            }
            let pairN = min(menRows.count, womenRows.count)
            rows.append(("gender_pay_gap_mean", planned["gender_pay_gap_mean"] ?? .point(n: pairN, nil)))
            rows.append(
                (
                    "gender_pay_gap_median",
                    .point(n: pairN, gapOf(quantiles(menRows, [0.5])[0], quantiles(womenRows, [0.5])[0]))
                ))
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
            if fullTimeLowPayThreshold != nil {
                rows.append(("low_pay_rate_fulltime", planned["low_pay_rate_fulltime"] ?? .point(n: fullTime.count, nil)))
            }
            let (ftP10, ftP50, ftP90) = (ft[list.index(of: 0.1)], ft[list.index(of: 0.5)], ft[list.index(of: 0.9)])
            rows.append(("p90_p10_fulltime", .point(n: fullTime.count, ratio(ftP90, ftP10))))
            rows.append(("p50_p10_fulltime", .point(n: fullTime.count, ratio(ftP50, ftP10))))
        }
        return rows
    }

    /// The wages of `members` at `probabilities` (nil: the published list).
    private func quantiles(
        _ members: [Int32], _ probabilities: [Double]? = nil, total: WeightedQuantile.Total? = nil
    ) -> [Double?] {
        WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...],
            levels: (probabilities ?? list.probabilities).map(QuantileLevel.percent), total: total)
    }
}

private func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
    guard let numerator, let denominator, denominator != 0 else { return nil }
    return numerator / denominator
}

private func gapOf(_ men: Double?, _ women: Double?) -> Double? {
    guard let men, let women, men != 0 else { return nil }
    return (men - women) / men
}

/// The terms of a wage block's pass: Σ w and Σ w below each cut of the domain.
private struct WageTerms {
    var cuts = TermList()
    let weight: Int
    /// Cut k of a domain is term `firstCut + k` of `cuts`.
    let firstCut: Int

    init(cuts count: Int) {
        weight = cuts(.weight())
        firstCut = cuts.terms.count
        for k in 0..<count { _ = cuts(LinearTerm(.cut(k))) }
    }
}
