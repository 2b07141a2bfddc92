/// Estimates a list of requests for every domain they cover, wave by wave, in few walks.
///
/// The planner lists every request's terms once (requests that share a sum share its term),
/// then deals the (scope, breakdown) blocks to groups — one a job, more only where a group's
/// state would pass `groupBudget` — and walks each group's wave twice, whatever its number of
/// blocks (`EstimationPlan`): *points*, every domain's totals, so its ratios and means; then
/// *uncertainty*, where each PSU run's sums become the linearised values of every statistic
/// of every domain, added to per-(domain, stratum) moments (`StratumMoments`), and the rows'
/// deviations about their domain's means give the design effects. Quantiles are found before the
/// walks, from one sorted copy of their column (`QuantileGroup`), and the second walk gathers
/// their shares' variances for Woodruff's intervals. State grows with domains ×
/// strata × statistics, not with PSUs (a calibrated wave's moments also hold its residuals'
/// fitted values, `CalibratedResiduals`). Groups run concurrently, and each domain's sums are
/// bit for bit those of a walk of its block alone, so the table is the same for any `--jobs`.
enum EstimationPlanner {
    /// Most bytes a group of blocks holds while it is walked (its domains' sums and moments).
    static let groupBudget = 64 << 20

    /// The estimates of `requests` for every (wave, scope, breakdown) one of them covers.
    /// `psuCounts(year, scope, by)`: the PSUs of each value of `by` within `scope` (from the design
    /// cells), which size the groups and each domain's lists once; nil where unknown.
    static func estimate(
        _ requests: [Request], waves: [Wave], scopes: [Scope], breakdowns: [ByVariable], jobs: Int,
        psuCounts: (Int, Scope, ByVariable) -> [Int]? = { _, _, _ in nil }
    ) throws(DesignError) -> EstimateTable {
        var table = EstimateTable()
        let plan = EstimationPlan(requests)
        for wave in waves {
            let blocks = DomainBlocks.all(scopes: scopes, breakdowns: breakdowns).filter { scope, by in
                requests.contains { $0.covers(scope, by) }
            }
            let expected = blocks.map { psuCounts(wave.year, $0.0, $0.1) }
            let strata = wave.estimator.design.strata.count
            let calibration = wave.samples.calibration?.columns ?? 0
            let psus = wave.estimator.design.psuCount.reduce(0, +)
            let bytes = blocks.indices.map {
                plan.bytes(
                    of: blocks[$0].1, strata: strata, expected: expected[$0], calibration: calibration, psus: psus)
            }
            let groups = Self.groups(bytes, jobs: jobs)
            let cores = plan.cores(wave, jobs: jobs)
            let results = concurrentMap(groups.count, jobs: jobs) { g in
                plan.estimate(
                    wave, blocks: groups[g].map { blocks[$0] }, expected: groups[g].map { expected[$0] }, cores: cores)
            }
            // Each block's rows, put back in block order; the first error in block order is thrown.
            var rowsOfBlock = [Result<[EstimateTable.Row], DesignError>](repeating: .success([]), count: blocks.count)
            for (g, group) in groups.enumerated() {
                for (k, block) in group.enumerated() { rowsOfBlock[block] = results[g][k] }
            }
            for result in rowsOfBlock {
                switch result {
                case .success(let rows): table.rows += rows
                case .failure(let error): throw error
                }
            }
        }
        return table
    }

    /// Blocks (by position, with the bytes each holds while walked) dealt to groups in turn, so
    /// that each group walks rows of every scope and the groups' work is alike: `jobs` groups, or
    /// more where the blocks together would hold more than `groupBudget` a group.
    static func groups(_ bytes: [Int], jobs: Int) -> [[Int]] {
        guard !bytes.isEmpty else { return [] }
        let needed = (bytes.reduce(0, +) + groupBudget - 1) / groupBudget
        let count = min(bytes.count, max(jobs, needed))
        var groups = [[Int]](repeating: [], count: count)
        for index in bytes.indices { groups[index % count].append(index) }
        return groups
    }
}
