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
    /// The reported quantiles, in the order of `probabilities`.
    enum Quantile: Int, CaseIterable {
        case p10, p25, p50, p75, p90

        var probability: Double { [0.1, 0.25, 0.5, 0.75, 0.9][rawValue] }
    }
    static let probabilities = Quantile.allCases.map(\.probability)

    /// The report; each (scope, by-variable) block is computed on its own thread when `jobs` > 1,
    /// and the blocks are appended in a fixed order, so the table is the same for any `jobs`.
    public static func build(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], disclosure: DisclosurePolicy, jobs: Int = 1
    ) throws(DesignError) -> ReportTable {
        try report(
            accumulator, cells: cells, estimators: estimators, economy: economy, disclosure: disclosure, jobs: jobs
        ).table
    }

    /// The report and the weighted median (p50) of every (year, domain) with workers, which the
    /// wage-growth report compares across waves.
    static func report(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], disclosure: DisclosurePolicy, jobs: Int = 1
    ) throws(DesignError) -> (table: ReportTable, medians: [YearDomainKey: Double]) {
        var table = ReportTable(name: "wages", columns: EstimateRow.columns)
        var medians: [YearDomainKey: Double] = [:]
        for year in cells.years {
            guard let fileOrdered = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let samples = fileOrdered.wageOrderedCore(jobs: jobs)
            let shared = YearContext(
                samples: samples, fileOrdered: fileOrdered, economy: economy[year],
                sampleEstimator: SampleEstimator(
                    samples: samples, estimator: estimator, psuCount: accumulator.psus.count),
                estimator: estimator)
            let blocks = try DomainBlocks.map(jobs: jobs) { scope, by throws(DesignError) in
                var context = shared  // each block gets its own scratch arrays (copy on write)
                var rows: [[ReportCell]] = []
                var medians: [(Domain, Double)] = []
                for (domain, indicators) in try context.block(scope: scope, by: by, year: year, cells: cells) {
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
/// in file order, one streaming pass for the per-PSU sums below every cut and one for the
/// men's, women's and full-time workers' sums (`PSUSumsPass`: a PSU's rows sit together,
/// so memory is read front to back); then the estimates from those sums.
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
    var sampleEstimator: SampleEstimator
    let estimator: DesignEstimator

    init(
        samples: WageSamples, fileOrdered: WageSamples, economy: EconomyRecord?, sampleEstimator: SampleEstimator,
        estimator: DesignEstimator
    ) {
        self.samples = samples
        self.fileOrdered = fileOrdered
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

    /// The thresholds of the shares below: the low-pay line and the minimum wage, where known.
    var thresholds: [Double] { [lowPayThreshold, economy?.minimumWage].compactMap { $0 } }

    /// The wage indicators of every domain of the block with workers, in value order.
    mutating func block(scope: Scope, by: ByVariable, year: Int, cells: DomainCells) throws(DesignError) -> [(
        Domain, [(String, Estimate)]
    )] {
        let buckets = DomainMembers.buckets(samples, order: order, scope: scope, by: by)
        let cuts = buckets.map { members in
            let weight = WeightedQuantile.total(weights: samples.weights, order: members[...])
            return WageCuts(
                points: quantiles(members, total: weight), thresholds: members.isEmpty ? [] : thresholds,
                weight: weight)
        }
        var distributions: [(quantiles: [Estimate], shares: [Estimate])?] = []
        do {
            let sums = cutSums(
                scope: scope, by: by, cuts: cuts, expected: cells.psuCounts(year: year, scope: scope, by: by))
            for (value, members) in buckets.enumerated() {
                let entries = sums.takeEntries(of: value)
                distributions.append(
                    members.isEmpty
                        ? nil
                        : try sampleEstimator.distribution(
                            members, cuts: cuts[value], entries: entries, stride: sums.stride, weightAt: 0))
            }
        }
        let groups =
            needsGroupSums(by)
            ? groupSums(scope: scope, by: by, expected: cells.psuCounts(year: year, scope: scope, by: by)) : nil
        var result: [(Domain, [(String, Estimate)])] = []
        for (value, members) in buckets.enumerated() {
            guard let distribution = distributions[value] else { continue }
            let domain = Domain(scope: scope, by: by, value: value)
            result.append(
                (
                    domain,
                    try indicators(
                        members: members, by: by, cells: cells[year, domain], distribution: distribution,
                        groups: groups?.takeEntries(of: value))
                ))
        }
        return result
    }

    /// Per value, Σ w and Σ w over the rows each cut holds, per PSU: 1 + cuts doubles an entry.
    private func cutSums(scope: Scope, by: ByVariable, cuts: [WageCuts], expected: [Int]) -> PSUSumsPass {
        let width = cuts.map(\.cuts.count).max() ?? 0
        // Every domain's cuts in one flat table, `width` slots a domain, read in the hot loop.
        let table = UnsafeMutablePointer<WageCuts.Cut>.allocate(capacity: max(1, cuts.count * width))
        defer { table.deallocate() }
        for (value, domainCuts) in cuts.enumerated() {
            for (k, cut) in domainCuts.cuts.enumerated() { (table + value * width + k).initialize(to: cut) }
        }
        let counts = cuts.map(\.cuts.count)
        let pass = PSUSumsPass(values: by.cardinality, stride: 1 + width, expected: expected)
        let samples = fileOrdered
        counts.withUnsafeBufferPointer { counts in
            pass.run(samples, scope: scope, by: by) { value, row, sums in
                let w = samples.weights[row], wage = samples.wages[row]
                sums[0] += w
                let base = value * width
                for k in 0..<counts[value] where table[base + k].holds(wage) { sums[1 + k] += w }
            }
        }
        return pass
    }

    /// Whether the block needs the men's, women's or full-time workers' sums.
    private func needsGroupSums(_ by: ByVariable) -> Bool {
        by != .sex || (hoursKnown && fullTimeLowPayThreshold != nil)
    }

    /// Per value, per PSU: men's Σ w, Σ w·wage, women's Σ w, Σ w·wage, full-time workers' Σ w and
    /// Σ w below the full-time low-pay line.
    private func groupSums(scope: Scope, by: ByVariable, expected: [Int]) -> PSUSumsPass {
        let pass = PSUSumsPass(values: by.cardinality, stride: GroupSums.stride, expected: expected)
        let samples = fileOrdered
        let line = fullTimeLowPayThreshold ?? -.infinity
        pass.run(samples, scope: scope, by: by) { _, row, sums in
            let w = samples.weights[row], wage = samples.wages[row]
            let codes = samples.codes[row]
            let sex = 2 * codes.sex
            sums[sex] += w
            sums[sex + 1] += w * wage
            if codes.fullTime {
                sums[4] += w
                if wage < line { sums[5] += w }
            }
        }
        return pass
    }

    /// Where `groupSums` keeps each sum in an entry.
    private enum GroupSums {
        static let stride = 6
        static let fullTimeWeight = 4
        /// Each group's (Σ w, Σ w·wage) per PSU where it has rows.
        static func sums(_ entries: PSUEntries, at offset: Int) -> [(psu: Int32, weight: Double, wage: Double)] {
            var sums: [(psu: Int32, weight: Double, wage: Double)] = []
            for (k, psu) in entries.psus.enumerated() where entries.sums[k * stride + offset] != 0 {
                sums.append((psu, entries.sums[k * stride + offset], entries.sums[k * stride + offset + 1]))
            }
            return sums
        }
    }

    /// The wage indicators of one domain, with their estimates.
    private mutating func indicators(
        members: [Int32], by: ByVariable, cells: DomainCells.Summary,
        distribution: (quantiles: [Estimate], shares: [Estimate]), groups: PSUEntries?
    ) throws(DesignError) -> [(String, Estimate)] {
        var rows: [(String, Estimate)] = []
        let n = members.count
        let mean = cells.meanWage
        rows.append(("mean_wage", mean))
        let (q, shares) = distribution
        for (quantile, estimate) in zip(WagesReport.Quantile.allCases, q) { rows.append(("\(quantile)", estimate)) }
        typealias Q = WagesReport.Quantile
        let (p10, p50, p90) = (q[Q.p10.rawValue], q[Q.p50.rawValue], q[Q.p90.rawValue])
        rows.append(("p90_p10", .point(n: n, ratio(p90.value, p10.value))))
        rows.append(("p50_p10", .point(n: n, ratio(p50.value, p10.value))))
        if lowPayThreshold != nil {
            rows.append(("low_pay_rate", shares[0]))
        }
        if let minimum = economy?.minimumWage {
            rows.append(("below_min_wage_share", shares[shares.count - 1]))
            rows.append(("kaitz_index", .point(n: n, ratio(minimum, p50.value))))
        }
        if by != .sex, let groups {
            var men: [Int32] = [], women: [Int32] = []
            men.reserveCapacity(members.count)
            women.reserveCapacity(members.count)
            for row in members {
                if samples.codes[Int(row)].sex == 0 { men.append(row) } else { women.append(row) }
            }
            let pairN = min(men.count, women.count)
            rows.append(
                (
                    "gender_pay_gap_mean",
                    try sampleEstimator.relativeGap(
                        GroupSums.sums(groups, at: 0), GroupSums.sums(groups, at: 2), n: pairN)
                ))
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
            if let threshold = fullTimeLowPayThreshold, let groups {
                let share = try sampleEstimator.distribution(
                    fullTime, cuts: WageCuts(points: [], thresholds: [threshold]), entries: groups,
                    stride: GroupSums.stride, weightAt: GroupSums.fullTimeWeight)
                rows.append(("low_pay_rate_fulltime", share.shares[0]))
            }
            rows.append(("p90_p10_fulltime", .point(n: fullTime.count, ratio(ft[4], ft[0]))))
            rows.append(("p50_p10_fulltime", .point(n: fullTime.count, ratio(ft[2], ft[0]))))
        }
        return rows
    }

    private func quantiles(
        _ members: [Int32], _ probabilities: [Double] = WagesReport.probabilities, total: Double? = nil
    ) -> [Double?] {
        WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...], probabilities: probabilities,
            total: total)
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
