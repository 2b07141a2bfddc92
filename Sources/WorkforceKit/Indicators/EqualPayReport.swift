/// Section 6 of docs/indicators.md — equal pay for equal work （二十三）"同工同酬", per year and scope.
///
/// For dispatch and for outsourced workers against regular workers:
/// - `raw_pay_ratio` = mean wage of the group / mean wage of regular workers,
///   with the SE of a ratio of two domain means;
/// - `adjusted_pay_ratio`, direct standardisation over industry × skill_level
///   cells c where both groups have at least `minimumCellRows` rows:
///   Σ_c W_g,c · ȳ_g,c / Σ_c W_g,c · ȳ_regular,c — the group's pay against
///   what regular workers earn in the same cells, weighted by the group's
///   headcount in each cell;
/// - `cells_used`, `cells_left_out` (cells where the group has workers but a
///   side has too few rows) and `weight_share_left_out` (share of the group's
///   weighted headcount in those cells).
enum EqualPayReport {
    static let clause = "（二十三）"
    static let minimumCellRows = 10

    static func build(
        _ accumulator: WorkerAccumulator, estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy,
        scopes: [Scope] = Scope.builtIns
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "equal_pay", columns: EstimateRow.columns)
        for year in accumulator.samples.keys.sorted() {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let order = Array(0..<Int32(samples.count))
            for scope in scopes {
                let groups = DomainMembers.buckets(samples, order: order, scope: scope, by: .employmentType)
                let regular = groups[0]
                guard !regular.isEmpty else { continue }
                // Σ w and Σ w·wage per PSU of each employment type.
                let pass = PSUPass(samples, values: ByVariable.employmentType.cardinality, terms: meanWageTerms)
                pass.run(samples, scope: scope, by: .employmentType)
                let sums = (0..<ByVariable.employmentType.cardinality).map { pass.take($0) }
                let regularMean = Linearized.ratio(sums[0], y: 1, x: 0, n: regular.count)
                for group in [1, 2] where !groups[group].isEmpty {
                    let domain = Domain(scope: scope, by: .employmentType, value: group)
                    // mean(group) / mean(regular) = 1 − the relative gap, with the gap's SE.
                    var raw = Estimate.point(n: min(regular.count, groups[group].count), nil)
                    if let regularMean, let mean = Linearized.ratio(sums[group], y: 1, x: 0, n: groups[group].count),
                        let gap = regularMean.relativeGap(mean)
                    {
                        raw = try estimator.estimate(gap)
                    }
                    raw.value = raw.value.map { 1 - $0 }
                    (raw.lower, raw.upper) = (raw.upper.map { 1 - $0 }, raw.lower.map { 1 - $0 })
                    let adjusted = standardised(samples, group: groups[group], regular: regular)
                    let n = min(groups[group].count, regular.count)
                    let rows: [(String, Estimate)] = [
                        ("raw_pay_ratio", raw),
                        ("adjusted_pay_ratio", .point(n: adjusted.rows, adjusted.ratio)),
                        ("cells_used", .point(n: n, Double(adjusted.used))),
                        ("cells_left_out", .point(n: n, Double(adjusted.leftOut))),
                        ("weight_share_left_out", .point(n: n, adjusted.weightShareLeftOut)),
                    ]
                    for (indicator, estimate) in rows {
                        table.append(
                            EstimateRow.make(
                                year: year, domain: domain, indicator: indicator, estimate: estimate, clause: clause,
                                disclosure: disclosure))
                    }
                }
            }
        }
        return table
    }

    /// Σ w (term 0) and Σ w·wage (term 1).
    static let meanWageTerms: [LinearTerm] = [.weight(), LinearTerm(.column(.wage))]

    struct Standardised: Equatable {
        var ratio: Double?
        var used = 0
        var leftOut = 0
        var weightShareLeftOut: Double?
        /// Rows of the group in the cells used.
        var rows = 0
    }

    /// The directly standardised ratio over industry × skill_level cells.
    static func standardised(_ samples: WageSamples, group: [Int32], regular: [Int32]) -> Standardised {
        struct Sums { var n = 0; var weight = 0.0; var wage = 0.0 }
        var mine = [Sums](repeating: Sums(), count: ByVariable.industryBySkill.cardinality)
        var theirs = mine
        for index in group {
            let cell = ByVariable.industryBySkill.value(of: samples.codes[Int(index)])
            mine[cell].n += 1
            mine[cell].weight += samples.weights[Int(index)]
            mine[cell].wage += samples.weights[Int(index)] * samples.wages[Int(index)]
        }
        for index in regular {
            let cell = ByVariable.industryBySkill.value(of: samples.codes[Int(index)])
            theirs[cell].n += 1
            theirs[cell].weight += samples.weights[Int(index)]
            theirs[cell].wage += samples.weights[Int(index)] * samples.wages[Int(index)]
        }
        var result = Standardised()
        var actual = 0.0, expected = 0.0, total = 0.0, leftOutWeight = 0.0
        for cell in mine.indices where mine[cell].n > 0 {
            total += mine[cell].weight
            guard mine[cell].n >= minimumCellRows, theirs[cell].n >= minimumCellRows else {
                result.leftOut += 1
                leftOutWeight += mine[cell].weight
                continue
            }
            result.used += 1
            result.rows += mine[cell].n
            actual += mine[cell].wage
            expected += mine[cell].weight * theirs[cell].wage / theirs[cell].weight
        }
        result.ratio = expected > 0 ? actual / expected : nil
        result.weightShareLeftOut = total > 0 ? leftOutWeight / total : nil
        return result
    }
}
