/// Estimates a list of requests for every domain they cover, wave by wave, in few walks.
///
/// The planner lists every request's terms once (requests that share a sum share its term),
/// then deals the (scope, breakdown) blocks to groups whose per-PSU sums stay within
/// `groupBudget` bytes — at least one group per job — and walks each group's wave twice,
/// whatever its number of blocks: one walk gathers every term's per-PSU sums for every
/// domain of every block (`PSUPass.run(_:blocks:)`), the second the deviations about each
/// domain's means that design effects need (`ElementDeviations`). Groups run concurrently;
/// each domain's sums are bit for bit those of a walk of its block alone, so the table is
/// the same for any number of jobs.
enum EstimationPlanner {
    /// Most bytes of per-PSU sums a group of blocks holds while it is walked.
    static let groupBudget = 32 << 20

    /// The estimates of `requests` for every (wave, scope, breakdown) one of them covers.
    /// `psuCounts(year, scope, by)`: the PSUs of each value of `by` within `scope` (from the design
    /// cells), which size the groups and each domain's lists once; nil where unknown.
    static func estimate(
        _ requests: [Request], waves: [Wave], scopes: [Scope], breakdowns: [ByVariable], jobs: Int,
        psuCounts: (Int, Scope, ByVariable) -> [Int]? = { _, _, _ in nil }
    ) throws(DesignError) -> EstimateTable {
        var table = EstimateTable()
        var list = TermList()
        let terms = requests.map { $0.statistic.terms(in: &list) }
        // Means of numeric columns get their design effects from deviations about the domain's mean.
        var numeric: [(terms: Statistic.Terms, measure: ElementDeviations.Measure)] = []
        for (r, request) in requests.enumerated() {
            guard case .ratio(let measure) = request.statistic, measure.hasDesignEffect,
                case .column(let column) = measure.value, !numeric.contains(where: { $0.terms.y == terms[r].y && $0.terms.x == terms[r].x })
            else { continue }
            numeric.append((terms[r], ElementDeviations.Measure(column: column, known: measure.known)))
        }
        let plan = Plan(requests: requests, terms: terms, list: list, numeric: numeric)
        for wave in waves {
            let blocks = DomainBlocks.all(scopes: scopes, breakdowns: breakdowns).filter { scope, by in
                requests.contains { $0.covers(scope, by) }
            }
            let expected = blocks.map { psuCounts(wave.year, $0.0, $0.1) }
            let groups = Self.groups(blocks.indices.map { expected[$0] }, stride: list.terms.count, jobs: jobs)
            let results = concurrentMap(groups.count, jobs: jobs) { g in
                plan.estimate(wave, blocks: groups[g].map { blocks[$0] }, expected: groups[g].map { expected[$0] })
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

    /// Blocks (by position) dealt to groups in turn, so that each group walks rows of every scope
    /// and the groups' work is alike: `jobs` groups, or more where the blocks' per-PSU sums
    /// together would pass `groupBudget` a group.
    static func groups(_ expected: [[Int]?], stride: Int, jobs: Int) -> [[Int]] {
        guard !expected.isEmpty else { return [] }
        // A block's per-PSU sums: its (domain, PSU) entries × the terms' doubles (unknown: a guess of 10,000 entries).
        let bytes = expected.map { counts in (counts?.reduce(0, +) ?? 10_000) * (stride * 8 + 4) }
        let needed = (bytes.reduce(0, +) + groupBudget - 1) / groupBudget
        let count = min(expected.count, max(jobs, needed))
        var groups = [[Int]](repeating: [], count: count)
        for index in expected.indices { groups[index % count].append(index) }
        return groups
    }

    /// The requests with their terms: what every group of every wave runs.
    private struct Plan: Sendable {
        let requests: [Request]
        let terms: [Statistic.Terms]
        let list: TermList
        let numeric: [(terms: Statistic.Terms, measure: ElementDeviations.Measure)]

        /// The rows of each block of one group, or the design error its estimates met: two walks,
        /// then each domain's estimates.
        func estimate(
            _ wave: Wave, blocks pairs: [(Scope, ByVariable)], expected: [[Int]?]
        ) -> [Result<[EstimateTable.Row], DesignError>] {
            let samples = wave.samples
            let (blocks, values) = PassBlock.numbered(pairs)
            let sizes = expected.allSatisfy { $0 != nil } ? expected.flatMap { $0! } : nil
            let pass = PSUPass(samples, values: values, terms: list.terms, expected: sizes)
            pass.run(samples, blocks: blocks)
            let means = (0..<values).map { value in
                let totals = pass.totals(of: value)
                return numeric.map { totals[$0.terms.x] > 0 ? totals[$0.terms.y] / totals[$0.terms.x] : 0 }
            }
            let deviations = ElementDeviations.sums(
                samples, blocks: blocks, values: values, measures: numeric.map(\.measure), means: means)
            return blocks.map { block in
                do throws(DesignError) {
                    return .success(try rows(of: block, pass, deviations, wave))
                } catch {
                    // The block's sums are released all the same.
                    for value in 0..<block.by.cardinality { _ = pass.take(block.first + value) }
                    return .failure(error)
                }
            }
        }

        /// One block's rows, its domains' sums taken from `pass` one at a time.
        private func rows(
            of block: PassBlock, _ pass: PSUPass, _ deviations: [[Double]], _ wave: Wave
        ) throws(DesignError) -> [EstimateTable.Row] {
            let estimator = wave.estimator
            var rows: [EstimateTable.Row] = []
            let covered = requests.indices.filter { requests[$0].covers(block.scope, block.by) }
            // The reference group (value 0) comes first; its ratios serve every gap.
            var reference = [Linearized?](repeating: nil, count: requests.count)
            for value in 0..<block.by.cardinality {
                let sums = pass.take(block.first + value)
                guard sums.rows > 0 else { continue }
                let domain = Domain(scope: block.scope, by: block.by, value: value)
                var ratios = [Linearized?](repeating: nil, count: requests.count)
                for r in covered {
                    let t = terms[r]
                    // A mean's deviations about its domain's mean, where a walk gathered them.
                    let k = numeric.firstIndex { $0.terms.y == t.y && $0.terms.x == t.x }
                    let finished = try requests[r].statistic.finish(
                        sums, t, deviations: k.map { deviations[block.first + value][$0] },
                        reference: value == block.by.referenceValue ? nil : reference[r], estimator)
                    ratios[r] = finished.ratio
                    if let estimate = finished.estimate {
                        rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                    }
                }
                if value == block.by.referenceValue { reference = ratios }
            }
            return rows
        }
    }
}
