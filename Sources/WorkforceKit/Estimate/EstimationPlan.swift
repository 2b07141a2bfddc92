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
    }

    /// The rows of each block of one group, or the design error its estimates met: two streaming
    /// walks (`streamed`); where a PSU's rows come back after another PSU's, the blocks one at a
    /// time from their per-PSU lists, which merge such a PSU's runs.
    func estimate(
        _ wave: Wave, blocks pairs: [(Scope, ByVariable)], expected: [[Int]?]
    ) -> [Result<[EstimateTable.Row], DesignError>] {
        if let rows = streamed(wave, blocks: pairs) { return rows }
        return pairs.indices.flatMap { listed(wave, blocks: [pairs[$0]], expected: [expected[$0]]) }
    }

    /// Bytes a block of `by` holds while its group is walked: per domain, every term's run sum
    /// and exact total, its deviations, and each statistic's moments in the strata where it has
    /// PSUs (at most its PSUs, `expected`, or every stratum).
    func bytes(of by: ByVariable, strata: Int, expected: [Int]?) -> Int {
        (0..<by.cardinality).reduce(0) { sum, value in
            let touched = min(strata, expected?[value] ?? strata)
            return sum + list.terms.count * 32 + numeric.count * 16 + strata * 4 + requests.count * touched * 24
        }
    }

    /// The rows of each block from every domain's per-PSU lists: a walk for the sums, one for
    /// the deviations.
    func listed(
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
                let finished = try requests[r].statistic.finish(
                    sums, t, deviations: deviationsOf[r].map { deviations[block.first + value][$0] },
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
