/// The two walks of a group of blocks, streaming: no list of PSUs is kept.
extension EstimationPlan {
    /// The rows of each block of one group (as `listed` gives them, SEs within rounding), or
    /// nil when some PSU's rows come back after another PSU's in a scope.
    ///
    /// *Points*: every domain's totals, from PSU runs summed as the listed walk sums them, so
    /// every ratio and mean is bit for bit the same. *Uncertainty*: the same runs again; at the
    /// end of each, its sums become every covered statistic's z for every domain with rows in
    /// it (a gap: the group's z minus the reference group's, in every PSU where either has
    /// rows), added to the domain's moments in the PSU's stratum; and each row's deviations
    /// about its domains' means are summed for the design effects, in file order as
    /// `ElementDeviations` sums them.
    /// A quantile's share p̂ at its point gets its z the same way, from the run's Σ w at or below
    /// the point (`QuantileGroup`), counting only the PSUs where the domain has weight.
    func streamed(
        _ wave: Wave, blocks pairs: [(Scope, ByVariable)], quantiles: [BlockQuantiles], cores: [WageSamples]
    ) -> [Result<[EstimateTable.Row], DesignError>]? {
        let samples = wave.samples, estimator = wave.estimator, design = estimator.design
        let (blocks, values) = PassBlock.numbered(pairs)
        let points = PSUPass(samples, values: values, terms: list.terms)
        points.keepsEntries = false
        points.run(samples, blocks: blocks)
        guard !points.cameBack else { return nil }
        let totals = (0..<values).map { points.totals(of: $0) }
        let rowCounts = (0..<values).map { points.rowCount(of: $0) }
        let state = StreamState(
            self, blocks: blocks, values: values, totals: totals, strata: design.strata.count, quantiles: quantiles)
        let uncertainty = PSUPass(samples, values: values, terms: list.terms)
        uncertainty.keepsEntries = false
        uncertainty.keepsTotals = false
        uncertainty.atRunEnd = { touched, psu in
            state.add(run: touched, stratum: Int(design.stratumOfPSU[Int(psu)]), uncertainty)
        }
        let measures = numeric.map(\.measure)
        uncertainty.run(samples, blocks: blocks) { row, columns, slots, count in
            state.addDeviations(row, columns, slots, count, measures)
            state.addCuts(row, columns, slots, count)
        }
        return blocks.indices.map { b in
            let block = blocks[b]
            do throws(DesignError) {
                var quantileRows = [[(request: Int, estimate: Estimate)]](repeating: [], count: block.by.cardinality)
                // The buckets, made once per sorted copy where some interval needs them.
                var made: [[[Int32]]]? = nil
                let wanted = quantileGroups.indices.map { g in
                    quantiles[b][g].map { quantileGroups[g].needsIntervals($0.covered) } ?? false
                }
                for (g, group) in quantileGroups.enumerated() {
                    guard let (covered, points) = quantiles[b][g] else { continue }
                    let estimates = try group.estimates(
                        cores[g],
                        buckets: {
                            if made == nil { made = buckets(cores, scope: block.scope, by: block.by, wanted: wanted) }
                            return made![g]
                        }, covered: covered, points: points,
                        estimator: estimator,
                        variance: { (value, r) throws(DesignError) in
                            try state.moments.variance(
                                domain: block.first + value, statistic: r, design: design, lonely: estimator.lonely)
                        },
                        psus: { value, r in state.moments.psus(domain: block.first + value, statistic: r) })
                    for value in estimates.indices { quantileRows[value] += estimates[value] }
                }
                var rows: [EstimateTable.Row] = []
                for value in 0..<block.by.cardinality where rowCounts[block.first + value] > 0 {
                    let v = block.first + value
                    let domain = Domain(scope: block.scope, by: block.by, value: value)
                    for r in state.covered[state.blockOf[v]] {
                        let t = terms[r]
                        var reference: (value: Double, n: Int)? = nil
                        if case .gapToReference = requests[r].statistic, let referenceValue = block.by.referenceValue,
                            value != referenceValue, rowCounts[block.first + referenceValue] > 0,
                            let ratio = Statistic.ratio(totals[block.first + referenceValue], t)
                        {
                            reference = (ratio.value, Int(totals[block.first + referenceValue][t.n]))
                        }
                        let estimate = try requests[r].statistic.finish(
                            totals: totals[v], t,
                            variance: { () throws(DesignError) in
                                try state.moments.variance(
                                    domain: v, statistic: r, design: design, lonely: estimator.lonely)
                            },
                            deviations: deviationsOf[r].map { state.deviations[v * numeric.count + $0] },
                            reference: reference,
                            estimator)
                        if let estimate {
                            rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                        }
                    }
                    for (r, estimate) in quantileRows[value] {
                        rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                    }
                }
                return .success(rows)
            } catch {
                return .failure(error)
            }
        }
    }
}

/// What the uncertainty walk of a group gathers: each (domain, statistic)'s moments per stratum
/// and each (domain, numeric mean)'s deviations; and what it needs to turn a run's sums into z.
private final class StreamState {
    let requestCount: Int
    /// The block of each value, and the requests each block is covered by.
    let blockOf: [Int]
    let covered: [[Int]]
    /// Per block, its totals, ratios and relative gaps as plain numbers.
    private let direct: [[Direct]]
    /// Per (value, request): the ratio Y/X and X of a ratio or gap (NaN where it has none), and
    /// a relative gap's second ratio.
    private let ratio: [Double]
    private let denominator: [Double]
    private let secondRatio: [Double]
    private let secondDenominator: [Double]

    /// A statistic a run's sums turn into z directly: its request, kind and terms.
    private struct Direct {
        enum Kind: Equatable {
            case total, ratio, ratioWhereX, relativeGap
            case change(ChangeKind, ofTotal: Bool)
        }
        let r: Int
        let kind: Kind
        let terms: Statistic.Terms
    }
    /// Per (value, numeric mean): the domain's mean, and Σ w·(y − mean)² so far.
    private let center: UnsafeMutableBufferPointer<Double>
    let deviations: UnsafeMutableBufferPointer<Double>
    let moments: StratumMoments
    /// Per block, the scope it is in (by position among the group's scopes); per scope position,
    /// its blocks with gaps: (block, reference value, gap requests with their terms y and x).
    private let scopeOf: [Int]
    private let gaps: [[(block: PassBlock, reference: Int, requests: [(r: Int, y: Int, x: Int)])]]

    /// Per (value, quantile group): where its cuts start in the cut arrays (−1: none), and how many.
    private let cutStart: [Int32]
    private let cutCount: [Int32]
    /// Per (value, quantile group): the domain's Σ w over the rows the group reads.
    private let cutTotal: [Double]
    /// Per cut, ascending within a (value, group): its point, F̂ there, its request, and Σ w at or
    /// below it in the current PSU run.
    private let cutValue: [Double]
    private let cutShare: [Double]
    private let cutRequest: [Int]
    private let runBelow: UnsafeMutableBufferPointer<Double>
    private let groups: [QuantileGroup]
    /// The groups with some cut in the walk's blocks (the others ask for points alone).
    private let cutGroups: [Int]

    init(
        _ plan: EstimationPlan, blocks: [PassBlock], values: Int, totals: [[Double]], strata: Int,
        quantiles: [EstimationPlan.BlockQuantiles]
    ) {
        var blockOf = [Int](repeating: 0, count: values)
        for (b, block) in blocks.enumerated() {
            for value in 0..<block.by.cardinality { blockOf[block.first + value] = b }
        }
        self.blockOf = blockOf
        let requests = plan.requests
        requestCount = requests.count
        covered = blocks.map { block in requests.indices.filter { requests[$0].covers(block.scope, block.by) } }
        direct = covered.map { list in
            list.compactMap { r -> Direct? in
                switch requests[r].statistic {
                case .total: Direct(r: r, kind: .total, terms: plan.terms[r])
                case .ratio(let measure):
                    Direct(r: r, kind: measure.countsOnlyPSUsWithX ? .ratioWhereX : .ratio, terms: plan.terms[r])
                case .relativeGap: Direct(r: r, kind: .relativeGap, terms: plan.terms[r])
                case .change(_, _, let kind, let ofTotal):
                    Direct(r: r, kind: .change(kind, ofTotal: ofTotal), terms: plan.terms[r])
                case .gapToReference, .quantile: nil
                }
            }
        }
        var ratio = [Double](repeating: .nan, count: values * requestCount)
        var denominator = ratio, secondRatio = ratio, secondDenominator = ratio
        for value in 0..<values {
            for r in covered[blockOf[value]] {
                let t = plan.terms[r]
                let second = Statistic.Terms(y: t.y2, x: t.x2, n: t.n2, xRows: t.n2)
                switch requests[r].statistic {
                case .total, .quantile: continue
                case .change(_, _, _, ofTotal: true):
                    // A total's "ratio" is the total itself, over 1.
                    for (terms, into) in [(t, 0), (second, 1)] where totals[value][terms.n] > 0 {
                        if into == 0 {
                            (ratio[value * requestCount + r], denominator[value * requestCount + r]) = (
                                totals[value][terms.y], 1
                            )
                        } else {
                            (secondRatio[value * requestCount + r], secondDenominator[value * requestCount + r]) = (
                                totals[value][terms.y], 1
                            )
                        }
                    }
                    continue
                case .change:
                    if let later = Statistic.ratio(totals[value], second) {
                        secondRatio[value * requestCount + r] = later.value
                        secondDenominator[value * requestCount + r] = later.denominator
                    }
                default: break
                }
                guard let q = Statistic.ratio(totals[value], t) else { continue }
                ratio[value * requestCount + r] = q.value
                denominator[value * requestCount + r] = q.denominator
                guard case .relativeGap = requests[r].statistic,
                    let second = Statistic.ratio(totals[value], .init(y: t.y2, x: t.x2, n: t.n2, xRows: t.n2))
                else { continue }
                secondRatio[value * requestCount + r] = second.value
                secondDenominator[value * requestCount + r] = second.denominator
            }
        }
        self.ratio = ratio
        self.denominator = denominator
        self.secondRatio = secondRatio
        self.secondDenominator = secondDenominator
        let means = (0..<values).flatMap { value in
            plan.numeric.map {
                totals[value][$0.terms.x] > 0 ? totals[value][$0.terms.y] / totals[value][$0.terms.x] : 0
            }
        }
        center = .allocate(capacity: max(1, means.count))
        _ = center.initialize(from: means)
        deviations = .allocate(capacity: max(1, values * plan.numeric.count))
        deviations.initialize(repeating: 0)
        moments = StratumMoments(domains: values, strata: strata, statistics: requestCount)
        var scopes: [Scope] = []
        var scopeOf: [Int] = []
        var gaps: [[(block: PassBlock, reference: Int, requests: [(r: Int, y: Int, x: Int)])]] = []
        for (b, block) in blocks.enumerated() {
            if let s = scopes.firstIndex(of: block.scope) {
                scopeOf.append(s)
            } else {
                scopeOf.append(scopes.count)
                scopes.append(block.scope)
                gaps.append([])
            }
            guard let reference = block.by.referenceValue else { continue }
            let gapRequests = covered[b].compactMap { r -> (r: Int, y: Int, x: Int)? in
                guard case .gapToReference = requests[r].statistic else { return nil }
                return (r, plan.terms[r].y, plan.terms[r].x)
            }
            if !gapRequests.isEmpty { gaps[scopeOf[b]].append((block, reference, gapRequests)) }
        }
        self.scopeOf = scopeOf
        self.gaps = gaps
        // The cuts: each domain's points of quantile requests with an interval, ascending.
        groups = plan.quantileGroups
        let groupCount = groups.count
        var cutStart = [Int32](repeating: -1, count: values * groupCount)
        var cutCount = [Int32](repeating: 0, count: values * groupCount)
        var cutTotal = [Double](repeating: 0, count: values * groupCount)
        var cutValue: [Double] = [], cutShare: [Double] = [], cutRequest: [Int] = []
        for (b, block) in blocks.enumerated() {
            for (g, group) in groups.enumerated() {
                guard let (covered, points) = quantiles[b][g] else { continue }
                for (value, domain) in points.enumerated() {
                    guard let domain else { continue }
                    let cuts = group.requests.indices.compactMap { k -> (Double, Double, Int)? in
                        guard covered[k], group.interval[k], let point = domain.points[k] else { return nil }
                        return (point, domain.shares[k], group.requests[k])
                    }.sorted { $0.0 < $1.0 }
                    guard !cuts.isEmpty else { continue }
                    let slot = (block.first + value) * groupCount + g
                    cutStart[slot] = Int32(cutValue.count)
                    cutCount[slot] = Int32(cuts.count)
                    cutTotal[slot] = domain.total.value
                    for (point, share, r) in cuts {
                        cutValue.append(point)
                        cutShare.append(share)
                        cutRequest.append(r)
                    }
                }
            }
        }
        cutGroups = groups.indices.filter { g in (0..<values).contains { cutStart[$0 * groupCount + g] >= 0 } }
        (self.cutStart, self.cutCount, self.cutTotal) = (cutStart, cutCount, cutTotal)
        (self.cutValue, self.cutShare, self.cutRequest) = (cutValue, cutShare, cutRequest)
        runBelow = .allocate(capacity: max(1, cutValue.count))
        runBelow.initialize(repeating: 0)
    }

    /// Row `row`'s weight added to the run's Σ w at or below each cut of its domains (`values`,
    /// `count` of them) that its value does not pass.
    @inline(__always)
    func addCuts(_ row: Int, _ columns: WaveColumns, _ values: UnsafeMutablePointer<Int>, _ count: Int) {
        guard !cutValue.isEmpty else { return }
        let w = columns.weights[row]
        for g in cutGroups {
            let group = groups[g]
            guard group.known.holds(flags: columns.flags[row], codes: columns.codes[row]),
                group.known.isGiven(row, columns)
            else { continue }
            let y = columns.value(group.column, row)
            guard !y.isNaN else { continue }
            for k in 0..<count {
                let slot = values[k] * groups.count + g
                let start = Int(cutStart[slot])
                guard start >= 0 else { continue }
                // Ascending cuts: the row counts below every cut from the last down to its value.
                var c = start + Int(cutCount[slot]) - 1
                while c >= start, y <= cutValue[c] {
                    runBelow[c] += w
                    c -= 1
                }
            }
        }
    }

    /// A ratio's z for `value` over the run: (y − R·x)/X, as `Linearized.ratio` takes it; 0 where it has no ratio.
    @inline(__always)
    private func z(_ value: Int, _ r: Int, y: Int, x: Int, _ pass: PSUPass) -> Double {
        let slot = value * requestCount + r
        let total = denominator[slot]
        guard !total.isNaN else { return 0 }
        return (pass.runSum(value, y) - ratio[slot] * pass.runSum(value, x)) / total
    }

    /// A PSU run's sums (in `pass`, for the `touched` values) added to the moments of `stratum`.
    func add(run touched: [Int], stratum: Int, _ pass: PSUPass) {
        for value in touched {
            let base = moments.base(value, stratum: stratum)
            // Quantiles: the z of F̂ at each cut, (Σ w below − F̂·Σ w)/W, where the domain has weight in the run.
            for g in cutGroups {
                let group = groups[g]
                let slot = value * groups.count + g
                let start = Int(cutStart[slot])
                guard start >= 0 else { continue }
                let end = start + Int(cutCount[slot])
                let weight = pass.runSum(value, group.weightTerm)
                if weight != 0 {
                    for c in start..<end {
                        moments.add(
                            (runBelow[c] - cutShare[c] * weight) / cutTotal[slot], base: base, statistic: cutRequest[c])
                    }
                }
                for c in start..<end { runBelow[c] = 0 }
            }
            for statistic in direct[blockOf[value]] {
                let (r, t) = (statistic.r, statistic.terms)
                let slot = value * requestCount + r
                switch statistic.kind {
                case .total:
                    moments.add(pass.runSum(value, t.y), base: base, statistic: r)
                case .ratio, .ratioWhereX:
                    guard !denominator[slot].isNaN else { continue }
                    // A share of a subgroup counts only the PSUs where the subgroup has weight.
                    if statistic.kind == .ratioWhereX, pass.runSum(value, t.x) == 0 { continue }
                    moments.add(z(value, r, y: t.y, x: t.x, pass), base: base, statistic: r)
                case .relativeGap:
                    // R·(z_b/m_b − z_a/m_a), R = m_b/m_a, as `Linearized.relativeGap`.
                    let (a, b) = (ratio[slot], secondRatio[slot])
                    guard !denominator[slot].isNaN, !secondDenominator[slot].isNaN, a > 0 else { continue }
                    let first = z(value, r, y: t.y, x: t.x, pass)
                    let second = (pass.runSum(value, t.y2) - b * pass.runSum(value, t.x2)) / secondDenominator[slot]
                    moments.add(b / a * (second / b - first / a), base: base, statistic: r)
                case .change(let kind, let ofTotal):
                    // The later wave's z minus (by `kind`) the earlier's, in a cluster of either wave's rows.
                    let (a, b) = (ratio[slot], secondRatio[slot])
                    guard !denominator[slot].isNaN, !secondDenominator[slot].isNaN, kind.value(a, b) != nil
                    else { continue }
                    let earlier = ofTotal ? pass.runSum(value, t.y) : z(value, r, y: t.y, x: t.x, pass)
                    let later =
                        ofTotal
                        ? pass.runSum(value, t.y2)
                        : (pass.runSum(value, t.y2) - b * pass.runSum(value, t.x2)) / secondDenominator[slot]
                    moments.add(kind.z(earlier, later, a, b), base: base, statistic: r)
                }
            }
        }
        // Gaps: every group of a block against its reference group, in each PSU where either has rows.
        guard let first = touched.first else { return }
        for (block, reference, requests) in gaps[scopeOf[blockOf[first]]] {
            let referenceValue = block.first + reference
            let referenceHere = pass.runRows(referenceValue) > 0
            for (r, y, x) in requests {
                let zero = referenceHere ? z(referenceValue, r, y: y, x: x, pass) : 0
                for code in 0..<block.by.cardinality where code != reference {
                    let value = block.first + code
                    let here = pass.runRows(value) > 0
                    guard here || referenceHere else { continue }
                    let mine = here ? z(value, r, y: y, x: x, pass) : 0
                    moments.add(mine - zero, base: moments.base(value, stratum: stratum), statistic: r)
                }
            }
        }
    }

    /// Row `row`'s deviations about the means of its domains (`values`, `count` of them).
    @inline(__always)
    func addDeviations(
        _ row: Int, _ columns: WaveColumns, _ values: UnsafeMutablePointer<Int>, _ count: Int,
        _ measures: [ElementDeviations.Measure]
    ) {
        guard !measures.isEmpty else { return }
        ElementDeviations.add(
            row, columns, values: values, count: count, measures: measures, center: UnsafeBufferPointer(center),
            into: deviations)
    }

    deinit {
        center.deallocate()
        deviations.deallocate()
        runBelow.deallocate()
    }
}
