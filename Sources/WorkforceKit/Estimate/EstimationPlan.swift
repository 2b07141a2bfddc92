/// The requests with their terms, planned once: what every group of blocks of every wave runs.
struct EstimationPlan: Sendable {
    let requests: [Request]
    /// Each request's terms in `list`, where requests that share a sum share its term.
    let terms: [Statistic.Terms]
    let list: TermList
    /// The means of numeric columns whose design effects need deviations about the domain's mean, each once.
    let numeric: [(terms: Statistic.Terms, measure: ElementDeviations.Measure)]
    /// Per request, its mean's place in `numeric` (nil for the others).
    let deviationsOf: [Int?]
    /// The quantile requests, grouped by the column and rows they read.
    let quantileGroups: [QuantileGroup]

    /// Per quantile group, the requests it covers in one block (by position in the group) and
    /// its domains' points; nil where it covers none.
    typealias BlockQuantiles = [(covered: [Bool], points: [DomainQuantiles?])?]

    init(_ requests: [Request]) {
        self.requests = requests
        var list = TermList()
        let terms = requests.map { $0.statistic.terms(in: &list) }
        var numeric: [(terms: Statistic.Terms, measure: ElementDeviations.Measure)] = []
        deviationsOf = requests.indices.map { r in
            guard case .ratio(let measure) = requests[r].statistic, measure.hasDesignEffect,
                case .column(let column) = measure.value
            else { return nil }
            if let k = numeric.firstIndex(where: { $0.terms.y == terms[r].y && $0.terms.x == terms[r].x }) { return k }
            numeric.append((terms[r], ElementDeviations.Measure(column: column, known: measure.known)))
            return numeric.count - 1
        }
        self.terms = terms
        self.list = list
        self.numeric = numeric
        quantileGroups = QuantileGroup.groups(requests, terms: terms)
    }

    /// The sorted copies of `wave` the quantile groups read, one per group (`Wave.core`; groups
    /// of one column share theirs).
    func cores(_ wave: Wave, jobs: Int) -> [WageSamples] {
        quantileGroups.map { wave.core($0.column, where: $0.coreKnown, jobs: jobs) }
    }

    /// Per quantile group, the first group with the same sorted copy: whose buckets it shares.
    private var sharesCoreWith: [Int] {
        quantileGroups.indices.map { g in
            quantileGroups.firstIndex {
                $0.column == quantileGroups[g].column && $0.coreKnown == quantileGroups[g].coreKnown
            }!
        }
    }

    /// The buckets of each group's core in the block of `scope` and `by`, made once per core,
    /// for the groups where `wanted`.
    func buckets(_ cores: [WageSamples], scope: Scope, by: ByVariable, wanted: [Bool]) -> [[[Int32]]] {
        let first = sharesCoreWith
        var made: [Int: [[Int32]]] = [:]
        return quantileGroups.indices.map { g in
            guard wanted[g] else { return [] }
            if let kept = made[first[g]] { return kept }
            let buckets = DomainMembers.buckets(cores[g], scope: scope, by: by)
            made[first[g]] = buckets
            return buckets
        }
    }

    /// The quantile points of each group in the block of `scope` and `by`.
    func quantiles(_ cores: [WageSamples], scope: Scope, by: ByVariable) -> BlockQuantiles {
        let covered = quantileGroups.map { group in group.requests.map { requests[$0].covers(scope, by) } }
        let buckets = buckets(cores, scope: scope, by: by, wanted: covered.map { $0.contains(true) })
        return quantileGroups.indices.map { g in
            guard covered[g].contains(true) else { return nil }
            return (covered[g], quantileGroups[g].points(cores[g], buckets: buckets[g], covered: covered[g]))
        }
    }

    /// The rows of each block of one group, or the design error its estimates met: two streaming
    /// walks (`streamed`); where a PSU's rows come back after another PSU's, the blocks one at a
    /// time from their per-PSU lists, which merge such a PSU's runs.
    /// `cores`: `cores(wave, jobs:)`.
    func estimate(
        _ wave: Wave, blocks pairs: [(Scope, ByVariable)], expected: [[Int]?], cores: [WageSamples]
    ) -> [Result<[EstimateTable.Row], DesignError>] {
        let quantiles = pairs.map { self.quantiles(cores, scope: $0.0, by: $0.1) }
        if requests.allSatisfy(\.isPoint) {
            return pairs.indices.map { pointRows(wave, pairs[$0], quantiles[$0], cores) }
        }
        if let rows = streamed(wave, blocks: pairs, quantiles: quantiles, cores: cores) { return rows }
        return pairs.indices.flatMap {
            listed(wave, blocks: [pairs[$0]], expected: [expected[$0]], quantiles: [quantiles[$0]], cores: cores)
        }
    }

    /// The rows of a block whose requests are all points: no walk is needed.
    private func pointRows(
        _ wave: Wave, _ pair: (Scope, ByVariable), _ quantiles: BlockQuantiles, _ cores: [WageSamples]
    ) -> Result<[EstimateTable.Row], DesignError> {
        var rows: [EstimateTable.Row] = []
        for (g, group) in quantileGroups.enumerated() {
            guard let (covered, points) = quantiles[g] else { continue }
            for (value, domain) in points.enumerated() {
                guard let domain else { continue }
                for k in group.requests.indices where covered[k] {
                    rows.append(
                        .init(
                            year: wave.year, domain: Domain(scope: pair.0, by: pair.1, value: value),
                            request: group.requests[k], estimate: .point(n: domain.n, domain.points[k])))
                }
            }
        }
        return .success(rows)
    }

    /// Bytes a block of `by` holds while its group is walked: per domain, every term's run sum
    /// and exact total, its deviations, and each statistic's moments in the strata where it has
    /// PSUs (at most its PSUs, `expected`, or every stratum). A calibrated wave's (`calibration`
    /// model columns) moments hold twice as much, and each term has its coefficients B per model
    /// column, each PSU of the domain its number (`expected`, or all `psus` when unknown).
    func bytes(of by: ByVariable, strata: Int, expected: [Int]?, calibration: Int = 0, psus: Int = 0) -> Int {
        (0..<by.cardinality).reduce(0) { sum, value in
            let touched = min(strata, expected?[value] ?? strata)
            let state =
                calibration > 0
                ? requests.count * touched * 48 + list.terms.count * 8 * (calibration + 1)
                    + 4 * (expected?[value] ?? psus)
                : requests.count * touched * 24
            return sum + list.terms.count * 32 + numeric.count * 16 + strata * 4 + state
                + quantileGroups.reduce(0) { $0 + $1.requests.count * 32 }
        }
    }

    /// The rows of each block from every domain's per-PSU lists: a walk for the sums, one for
    /// the deviations.
    /// A block's quantiles come from a pass with its domains' cuts (`DesignEstimator.distribution`).
    func listed(
        _ wave: Wave, blocks pairs: [(Scope, ByVariable)], expected: [[Int]?], quantiles: [BlockQuantiles],
        cores: [WageSamples]
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
        return blocks.indices.map { b in
            let block = blocks[b]
            do throws(DesignError) {
                let quantileRows = try listedQuantiles(
                    wave, block, quantiles[b], cores: cores, expected: expected[b])
                return .success(try rows(of: block, pass, deviations, wave, quantiles: quantileRows))
            } catch {
                // The block's sums are released all the same.
                for value in 0..<block.by.cardinality { _ = pass.take(block.first + value) }
                return .failure(error)
            }
        }
    }

    /// One block's rows, its domains' sums taken from `pass` one at a time.
    private func rows(
        of block: PassBlock, _ pass: PSUPass, _ deviations: [[Double]], _ wave: Wave,
        quantiles: [[(request: Int, estimate: Estimate)]]
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
                let finished = try requests[r].statistic.finish(
                    sums, t, deviations: deviationsOf[r].map { deviations[block.first + value][$0] },
                    reference: value == block.by.referenceValue ? nil : reference[r], estimator)
                ratios[r] = finished.ratio
                if let estimate = finished.estimate {
                    rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                }
            }
            if value == block.by.referenceValue { reference = ratios }
            for (r, estimate) in quantiles[value] {
                rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
            }
        }
        return rows
    }

    /// Per value of a block, its quantile estimates from per-PSU lists: per group, a pass over
    /// the rows it reads for Σ w and Σ w at or below each of the domain's quantiles per PSU.
    private func listedQuantiles(
        _ wave: Wave, _ block: PassBlock, _ quantiles: BlockQuantiles, cores: [WageSamples], expected: [Int]?
    ) throws(DesignError) -> [[(request: Int, estimate: Estimate)]] {
        var result = [[(request: Int, estimate: Estimate)]](repeating: [], count: block.by.cardinality)
        for (g, group) in quantileGroups.enumerated() {
            guard let (covered, points) = quantiles[g] else { continue }
            var sums: [DomainSums?] = points.map { _ in nil }
            var cuts: [WageCuts] = []
            if group.needsIntervals(covered) {
                // The cuts: each domain's points of requests with an interval.
                cuts = points.map { domain in
                    WageCuts(
                        points: group.requests.indices.map { k in
                            covered[k] && group.interval[k] ? domain?.points[k] : nil
                        }, thresholds: [], weight: domain?.total)
                }
                let rows = wave.valued(group.column, where: group.known)
                let cutCount = cuts.map(\.cuts.count).max() ?? 0
                let pass = PSUPass(
                    rows, values: block.by.cardinality,
                    terms: [LinearTerm.weight()] + (0..<cutCount).map { LinearTerm(.cut($0)) }, cuts: cuts,
                    expected: expected)
                pass.run(rows, scope: block.scope, by: block.by)
                sums = points.indices.map { pass.take($0) }
            }
            let members =
                sums.contains { $0 != nil }
                ? group.members(DomainMembers.buckets(cores[g], scope: block.scope, by: block.by), core: cores[g]) : []
            for (value, domain) in points.enumerated() {
                guard let domain else { continue }
                var estimates = domain.points.map { Estimate.point(n: domain.n, $0) }
                if let domainSums = sums[value] {
                    let distribution = try wave.estimator.distribution(
                        domainSums, weight: 0, firstCut: 1, cuts: cuts[value], members: members[value],
                        samples: cores[g])
                    for k in group.requests.indices where covered[k] && group.interval[k] {
                        estimates[k] = distribution.quantiles[k]
                    }
                }
                for k in group.requests.indices where covered[k] {
                    result[value].append((group.requests[k], estimates[k]))
                }
            }
        }
        return result
    }
}
