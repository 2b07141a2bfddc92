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

    /// What the report asks of one wave: the year's medians (all workers, full-time workers)
    /// fix the low-pay lines; then quantiles with Woodruff intervals, the shares below the
    /// lines, the gender pay gap on means, and the points the decile ratios and the median gap use.
    static func requests(
        _ wave: Wave, economy: EconomyRecord?, lowPay: LowPayFraction, quantiles: WageQuantiles,
        breakdowns: [ByVariable], jobs: Int
    ) throws(DesignError) -> WageRequests {
        WageRequests(
            try WageLines(wave, lowPay: lowPay, economy: economy, jobs: jobs), quantiles: quantiles,
            breakdowns: breakdowns)
    }

    /// Appends one wave's rows to the report, each domain's read off the estimates of `requests`
    /// (the requests of `estimates` from `first` on), and each domain's median to `medians`,
    /// which the wage-growth report compares across waves.
    static func append(
        _ estimates: EstimateTable, requests: WageRequests, first: Int, year: Int, cells: DomainCells,
        disclosure: DisclosurePolicy, to table: inout ReportTable, medians: inout [YearDomainKey: Double]
    ) {
        var found: [Domain: [String: Estimate]] = [:]
        for row in estimates.rows where requests.list.indices.contains(row.request - first) {
            found[row.domain, default: [:]][requests.list[row.request - first].indicator] = row.estimate
        }
        for (scope, by) in DomainBlocks.all(scopes: cells.scopes, breakdowns: cells.breakdowns) {
            for value in 0..<by.cardinality {
                let domain = Domain(scope: scope, by: by, value: value)
                guard let estimates = found[domain], estimates[requests.quantiles.codes[0]] != nil else { continue }
                for (indicator, estimate) in requests.rows(estimates, by: by, meanWage: cells[year, domain].meanWage) {
                    table.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: indicator, estimate: estimate, clause: clause,
                            disclosure: disclosure))
                    if indicator == "p50", let median = estimate.value { medians[YearDomainKey(year, domain)] = median }
                }
            }
        }
    }
}

/// One wave's lines the wage shares are measured against: the low-pay lines (a fraction of the
/// year's median wage, of all workers and of full-time workers) and the economy's figures.
struct WageLines {
    let lowPay: Double?
    let fullTimeLowPay: Double?
    let hoursKnown: Bool
    let economy: EconomyRecord?

    init(_ wave: Wave, lowPay fraction: LowPayFraction, economy: EconomyRecord?, jobs: Int) throws(DesignError) {
        let median = Request(indicator: "p50", statistic: .quantile(WageRequests.wage(), probability: 0.5, interval: false))
        let fullTimeMedian = Request(
            indicator: "p50_fulltime", statistic: .quantile(WageRequests.fullTime, probability: 0.5, interval: false))
        let year = try EstimationPlanner.estimate(
            [median, fullTimeMedian], waves: [wave], scopes: [.all], breakdowns: [.all], jobs: jobs)
        let value = { (r: Int) in year.rows.first { $0.request == r }?.estimate.value }
        lowPay = value(0).map(fraction.line)
        fullTimeLowPay = value(1).map(fraction.line)
        hoursKnown = wave.samples.codes.contains { $0.hoursKnown }
        self.economy = economy
    }
}

/// What the wages report asks the estimation planner for in one wave, and how each domain's rows follow.
struct WageRequests {
    let list: [Request]
    let lines: WageLines
    /// The published quantiles.
    let quantiles: WageQuantiles

    /// Wages of the rows meeting `known`.
    static func wage(_ known: RowCondition = .always) -> RowMeasure { RowMeasure("", .column(.wage), known: known) }
    static let fullTime = wage(.code(.fullTime, in: [1]))

    init(_ lines: WageLines, quantiles: WageQuantiles, breakdowns: [ByVariable]) {
        self.quantiles = quantiles
        self.lines = lines
        let point = { (indicator: String, measure: RowMeasure, p: Double) in
            Request(indicator: indicator, statistic: .quantile(measure, probability: p, interval: false))
        }
        let share = { (indicator: String, known: RowCondition, line: Double) in
            var below = RowMeasure(indicator, .compare(.wage, .below, line), known: known)
            // Only the PSUs where the domain (the full-time workers) has weight count, as for quantiles.
            below.countsOnlyPSUsWithX = true
            return Request(indicator: indicator, statistic: .ratio(below))
        }
        var list = quantiles.probabilities.map { p in
            Request(indicator: WageQuantiles.code(p), statistic: .quantile(Self.wage(), probability: p, interval: true))
        }
        if let line = lines.lowPay { list.append(share("low_pay_rate", .always, line)) }
        if let minimum = lines.economy?.minimumWage { list.append(share("below_min_wage_share", .always, minimum)) }
        // The gender pay gap (every breakdown but sex): 1 − women's mean wage / men's, and the medians'.
        let notSex = Set(breakdowns.filter { $0 != .sex }.map(\.index))
        let sex = { (code: Int) in Self.wage(.code(.sex, in: [code])) }
        var gap = Request(indicator: "gender_pay_gap_mean", statistic: .relativeGap(sex(0), sex(1)))
        var men = point("p50_men", sex(0), 0.5), women = point("p50_women", sex(1), 0.5)
        (gap.breakdowns, men.breakdowns, women.breakdowns) = (notSex, notSex, notSex)
        list += [gap, men, women]
        if lines.hoursKnown {
            if let line = lines.fullTimeLowPay {
                list.append(share("low_pay_rate_fulltime", .code(.fullTime, in: [1]), line))
            }
            for p in [0.1, 0.5, 0.9] { list.append(point(WageQuantiles.code(p) + "_fulltime", Self.fullTime, p)) }
        }
        self.list = list
    }

    /// The wage indicators of one domain, in the report's order, from its estimates by indicator.
    func rows(_ found: [String: Estimate], by: ByVariable, meanWage mean: Estimate) -> [(String, Estimate)] {
        let n = found[quantiles.codes[0]]?.n ?? 0
        let missing = { (indicator: String, n: Int) in found[indicator] ?? .point(n: n, nil) }
        var rows: [(String, Estimate)] = [("mean_wage", mean)]
        for code in quantiles.codes { rows.append((code, missing(code, n))) }
        let (p10, p50, p90) = (found["p10"]?.value, found["p50"]?.value, found["p90"]?.value)
        rows.append(("p90_p10", .point(n: n, ratio(p90, p10))))
        rows.append(("p50_p10", .point(n: n, ratio(p50, p10))))
        if lines.lowPay != nil { rows.append(("low_pay_rate", missing("low_pay_rate", n))) }
        if let minimum = lines.economy?.minimumWage {
            rows.append(("below_min_wage_share", missing("below_min_wage_share", n)))
            rows.append(("kaitz_index", .point(n: n, ratio(minimum, p50))))
        }
        if by != .sex {
            let (men, women) = (found["p50_men"], found["p50_women"])
            let pairN = min(men?.n ?? 0, women?.n ?? 0)
            rows.append(("gender_pay_gap_mean", missing("gender_pay_gap_mean", pairN)))
            rows.append(("gender_pay_gap_median", .point(n: pairN, gapOf(men?.value, women?.value))))
        }
        if let average = lines.economy?.averageWage {
            var relative = mean
            relative.value = mean.value.map { $0 / average }
            relative.standardError = mean.standardError.map { $0 / average }
            relative.lower = mean.lower.map { $0 / average }
            relative.upper = mean.upper.map { $0 / average }
            rows.append(("mean_to_city_average_wage", relative))
        }
        if lines.hoursKnown {
            let fullTime = found["p50_fulltime"]?.n ?? 0
            if lines.fullTimeLowPay != nil {
                rows.append(("low_pay_rate_fulltime", missing("low_pay_rate_fulltime", fullTime)))
            }
            let (ft10, ft50, ft90) = (
                found["p10_fulltime"]?.value, found["p50_fulltime"]?.value, found["p90_fulltime"]?.value
            )
            rows.append(("p90_p10_fulltime", .point(n: fullTime, ratio(ft90, ft10))))
            rows.append(("p50_p10_fulltime", .point(n: fullTime, ratio(ft50, ft10))))
        }
        return rows
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

