/// Estimates a list of requests for every domain they cover, wave by wave, in few walks.
///
/// The planner lists every request's terms once (requests that share a sum share its term),
/// then packs the (scope, breakdown) blocks into groups whose per-PSU sums stay within
/// `groupBudget` bytes — at least one group per job — and walks each group's wave twice,
/// whatever its number of blocks: one walk gathers every term's per-PSU sums for every
/// domain of every block (`PSUPass.run(_:blocks:)`), the second the deviations about each
/// domain's means that design effects need (`ElementDeviations`). Groups run concurrently;
/// each domain's sums are bit for bit those of a walk of its block alone, so the table is
/// the same for any number of jobs.
enum EstimationPlanner {
    /// Most bytes of per-PSU sums a group of blocks holds while it is walked.
    static let groupBudget = 96 << 20

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
            let results = concurrentMap(groups.count, jobs: jobs) { g -> Result<[EstimateTable.Row], DesignError> in
                do throws(DesignError) {
                    return .success(
                        try plan.estimate(
                            wave, blocks: groups[g].map { blocks[$0] }, expected: groups[g].map { expected[$0] }))
                } catch {
                    return .failure(error)
                }
            }
            for result in results {
                switch result {
                case .success(let rows): table.rows += rows
                case .failure(let error): throw error
                }
            }
        }
        return table
    }

    /// Blocks (by position) packed into consecutive groups: as many blocks in each as `jobs` groups
    /// allow, a group split further where its per-PSU sums would pass `groupBudget`.
    static func groups(_ expected: [[Int]?], stride: Int, jobs: Int) -> [[Int]] {
        guard !expected.isEmpty else { return [] }
        // A block's per-PSU sums: its (domain, PSU) entries × the terms' doubles (unknown: a guess of 10,000 entries).
        let bytes = expected.map { counts in (counts?.reduce(0, +) ?? 10_000) * (stride * 8 + 4) }
        let perGroup = (expected.count + max(1, jobs) - 1) / max(1, jobs)
        var groups: [[Int]] = []
        for start in Swift.stride(from: 0, to: expected.count, by: perGroup) {
            var group: [Int] = []
            var filled = 0
            for index in start..<min(expected.count, start + perGroup) {
                if !group.isEmpty, filled + bytes[index] > groupBudget {
                    groups.append(group)
                    group = []
                    filled = 0
                }
                group.append(index)
                filled += bytes[index]
            }
            groups.append(group)
        }
        return groups
    }

    /// The requests with their terms: what every group of every wave runs.
    private struct Plan: Sendable {
        let requests: [Request]
        let terms: [Statistic.Terms]
        let list: TermList
        let numeric: [(terms: Statistic.Terms, measure: ElementDeviations.Measure)]

        /// The rows of the blocks of one group: two walks, then each domain's estimates.
        func estimate(
            _ wave: Wave, blocks pairs: [(Scope, ByVariable)], expected: [[Int]?]
        ) throws(DesignError) -> [EstimateTable.Row] {
            let samples = wave.samples, estimator = wave.estimator
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
            var rows: [EstimateTable.Row] = []
            for block in blocks {
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
                        switch requests[r].statistic {
                        case .total:
                            let n = Int(sums.totals[t.n])
                            guard n > 0 else { continue }
                            let estimate = estimator.interval(
                                n: n, value: sums.totals[t.y], variance: try estimator.variance(sums.perPSU(t.y)))
                            rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                        case .ratio(let measure):
                            guard let part = Linearized.ratio(sums, y: t.y, x: t.x, n: Int(sums.totals[t.n])) else {
                                continue
                            }
                            ratios[r] = part
                            var elementDeviations: Double? = nil
                            if measure.hasDesignEffect, sums.totals[t.xRows] == sums.totals[t.n] {
                                if let k = numeric.firstIndex(where: { $0.terms.y == t.y && $0.terms.x == t.x }) {
                                    elementDeviations = deviations[block.first + value][k]
                                } else {
                                    elementDeviations = part.denominator * part.value * (1 - part.value)
                                }
                            }
                            let estimate = try estimator.estimate(part, deviations: elementDeviations)
                            rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                        case .gapToReference:
                            guard let part = Linearized.ratio(sums, y: t.y, x: t.x, n: Int(sums.totals[t.n])) else {
                                continue
                            }
                            ratios[r] = part
                            guard value != block.by.referenceValue, let base = reference[r] else { continue }
                            let estimate = try estimator.estimate(part.minus(base))
                            rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                        }
                    }
                    if value == block.by.referenceValue { reference = ratios }
                }
            }
            return rows
        }
    }
}
