/// Section 4 of docs/indicators.md — skill-structure fit （二）（八）–（十五）"技能素质与产业需求不相适应".
///
/// Per year, per industry (`by` = industry) and overall (`by` = all):
/// - `supply_share_level_k` (k = 0–5): weighted share of the industry's workers
///   at level k, with SE; `demand_share_level_k` from skill_demand.csv;
/// - `dissimilarity_index` D = ½ Σ_k |supply_k − demand_k| (0 = the mix
///   demanded, 1 = no overlap): also the share of workers who would have to
///   change level to close the gap;
/// - `supply_minus_demand_level_k`: weighted headcount − demanded headcount
///   (negative = shortage); `largest_shortage_level`: the level with the
///   largest shortage (empty when no level is short);
/// - `high_skill_share_certified`: levels 3–5 among certified workers (1–5),
///   the national convention for 高技能人才占技能劳动者比例, and
///   `high_skill_share_all` among all workers, both with SE;
/// - `wage_ladder_level_k`: mean wage at level k / mean wage at level 1;
/// - technician–engineer parity （十三）: mean wage of senior workers / of
///   assistant engineers, technicians / engineers, senior technicians /
///   senior engineers (skill 3/4/5 against title 1/2/3).
/// "Overall" compares the supply of the industries that skill_demand.csv
/// covers that year with their total demand. Scope: all workers.
enum SkillFitReport {
    static let clause = "（二）（八）（十三）（十五）"

    static func build(
        _ accumulator: WorkerAccumulator, cells: DomainCells, estimators: [Int: DesignEstimator],
        demand: [SkillDemandRecord], disclosure: DisclosurePolicy
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "skill_fit", columns: EstimateRow.columns)
        for year in cells.years {
            guard let estimator = estimators[year], let samples = accumulator.samples[year] else { continue }
            // High-skill shares of every worker and of each industry.
            var highSkill: [Domain: [Int: Estimate]] = [:]
            let estimates = try EstimationPlanner.estimate(
                highSkillMeasures.map { Request(indicator: $0.indicator, statistic: .ratio($0)) },
                waves: [Wave(year: year, samples: samples, estimator: estimator)], scopes: [.all],
                breakdowns: [.all, .industry], jobs: 1)
            for row in estimates.rows { highSkill[row.domain, default: [:]][row.request] = row.estimate }
            var demanded: [Int: [Double]] = [:]  // industry → demand by level
            for row in demand where row.year == year {
                demanded[Int(row.industry), default: [Double](repeating: 0, count: IndustrySkill.levels)][
                    Int(row.skillLevel)] +=
                    row.demand
            }
            let order = Array(0..<Int32(samples.count))
            let byIndustry = DomainMembers.buckets(samples, order: order, scope: .all, by: .industry)
            let covered = demanded.keys.sorted()  // sorted: Set order varies between runs, and so would the sums
            // Overall: every worker for supply shares; demand-based figures over the covered industries.
            var groups: [(Domain, [Int32], [Double]?, [Double])] = []
            let allMembers = byIndustry.enumerated().flatMap { $0.element }.sorted()
            var coveredSupply = [Double](repeating: 0, count: IndustrySkill.levels)
            for industry in covered {
                for level in 0..<IndustrySkill.levels {
                    coveredSupply[level] +=
                        cells[
                            year,
                            Domain(
                                scope: .all, by: .industryBySkill,
                                value: IndustrySkill.code(industry: industry, level: level))
                        ].weight
                }
            }
            let totalDemand =
                covered.isEmpty
                ? nil
                : (0..<IndustrySkill.levels).map { level in covered.reduce(0) { $0 + (demanded[$1]?[level] ?? 0) } }
            groups.append((Domain(scope: .all, by: .all, value: 0), allMembers, totalDemand, coveredSupply))
            for (industry, members) in byIndustry.enumerated() where !members.isEmpty {
                let supply = (0..<IndustrySkill.levels).map {
                    cells[
                        year,
                        Domain(
                            scope: .all, by: .industryBySkill, value: IndustrySkill.code(industry: industry, level: $0))
                    ].weight
                }
                groups.append(
                    (Domain(scope: .all, by: .industry, value: industry), members, demanded[industry], supply))
            }
            for (domain, members, demandByLevel, supplyForDemand) in groups {
                var rows: [(String, Estimate)] = []
                let n = members.count
                for level in 0..<IndustrySkill.levels {
                    let levelDomain =
                        domain.by == .all
                        ? Domain(scope: .all, by: .skillLevel, value: level)
                        : Domain(
                            scope: .all, by: .industryBySkill,
                            value: IndustrySkill.code(industry: domain.value, level: level))
                    let share =
                        domain.by == .all ? cells[year, levelDomain].share : cells[year, levelDomain].shareOfIndustry
                    rows.append(("supply_share_level_\(level)", share ?? .point(n: 0, nil)))
                }
                if let demandByLevel {
                    let demandTotal = demandByLevel.reduce(0, +)
                    let supplyTotal = supplyForDemand.reduce(0, +)
                    if demandTotal > 0, supplyTotal > 0 {
                        var dissimilarity = 0.0
                        for level in 0..<IndustrySkill.levels {
                            let share = demandByLevel[level] / demandTotal
                            rows.append(("demand_share_level_\(level)", .point(n: n, share)))
                            dissimilarity += abs(supplyForDemand[level] / supplyTotal - share)
                        }
                        rows.append(("dissimilarity_index", .point(n: n, dissimilarity / 2)))
                    }
                    var largest: (level: Int, shortage: Double)?
                    for level in 0..<IndustrySkill.levels {
                        let gap = supplyForDemand[level] - demandByLevel[level]
                        rows.append(("supply_minus_demand_level_\(level)", .point(n: n, gap)))
                        if gap < 0, -gap > (largest?.shortage ?? 0) { largest = (level, -gap) }
                    }
                    rows.append(("largest_shortage_level", .point(n: n, largest.map { Double($0.level) })))
                }
                for (m, measure) in highSkillMeasures.enumerated() {
                    rows.append((measure.indicator, highSkill[domain]?[m] ?? .point(n: 0, nil)))
                }
                let means = meanWages(samples, members)
                for level in 0..<IndustrySkill.levels {
                    rows.append(
                        (
                            "wage_ladder_level_\(level)",
                            .point(n: means.skillRows[level], ratio(means.skill[level], means.skill[1]))
                        ))
                }
                for (skillLevel, title, name) in [
                    (3, 1, "parity_senior_worker_to_assistant_engineer"),
                    (4, 2, "parity_technician_to_engineer"),
                    (5, 3, "parity_senior_technician_to_senior_engineer"),
                ] {
                    rows.append(
                        (
                            name,
                            .point(
                                n: min(means.skillRows[skillLevel], means.titleRows[title]),
                                ratio(means.skill[skillLevel], means.title[title]))
                        ))
                }
                for (indicator, estimate) in rows {
                    table.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: indicator, estimate: estimate, clause: clause,
                            disclosure: disclosure))
                }
            }
        }
        return table
    }

    /// Weighted mean wage by skill level and by title among the members.
    static func meanWages(_ samples: WageSamples, _ members: [Int32])
        -> (skill: [Double?], skillRows: [Int], title: [Double?], titleRows: [Int])
    {
        var skill = [(w: Double, y: Double, n: Int)](repeating: (0, 0, 0), count: 6)
        var title = [(w: Double, y: Double, n: Int)](repeating: (0, 0, 0), count: 4)
        for index in members {
            let row = Int(index)
            let codes = samples.codes[row]
            let w = samples.weights[row]
            skill[codes.skillLevel].w += w
            skill[codes.skillLevel].y += w * samples.wages[row]
            skill[codes.skillLevel].n += 1
            title[codes.title].w += w
            title[codes.title].y += w * samples.wages[row]
            title[codes.title].n += 1
        }
        return (
            skill.map { $0.w > 0 ? $0.y / $0.w : nil }, skill.map(\.n),
            title.map { $0.w > 0 ? $0.y / $0.w : nil }, title.map(\.n)
        )
    }

    /// Shares at skill levels 3–5 (senior worker and above): among certified workers (levels 1–5), and among all.
    static let highSkillMeasures = [
        RowMeasure(
            "high_skill_share_certified", .code(.skillLevel, [3, 4, 5]),
            known: .code(.skillLevel, in: 1...5)),
        RowMeasure("high_skill_share_all", .code(.skillLevel, [3, 4, 5])),
    ]

    static func ratio(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b, b != 0 else { return nil }
        return a / b
    }
}
