/// What the uncertainty walk of a streamed group gathers: each (domain, statistic)'s moments per
/// stratum and each (domain, numeric mean)'s deviations; and what it needs to turn a run's sums
/// into z — under calibration, into residuals t = z − Bᵀ·W (`CalibratedResiduals`).
final class StreamState {
    let requestCount: Int
    /// The block of each value, and the requests each block is covered by.
    let blockOf: [Int]
    let covered: [[Int]]
    /// Per block, its totals, ratios, relative gaps and changes as plain numbers.
    private let direct: [[Direct]]
    /// Per (value, request): the ratio Y/X and X of a ratio or gap (NaN where it has none), and
    /// a relative gap's or a change's second ratio.
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
    let cuts: StreamCuts
    /// Under calibration: each statistic's B (numbered value × requests + request), the reference
    /// group's value of a gap (−1: none), and each (value, PSU) the walk met, in walk order (the
    /// PSUs whose residuals the moments hold).
    let residuals: CalibratedResiduals?
    private var reference: [Int32] = []
    private var presence: [(value: Int32, psu: Int32)] = []
    private lazy var presenceOf: [[Int32]] = {
        var lists = [[Int32]](repeating: [], count: blockOf.count)
        for (value, psu) in presence { lists[Int(value)].append(psu) }
        return lists
    }()

    /// Where a z's sums come from: the run, or component j of the coefficients B (a statistic's B
    /// is its z of its terms' B).
    private enum Source {
        case run
        case coefficient(Int)
    }

    init(
        _ plan: EstimationPlan, blocks: [PassBlock], values: Int, totals: [[Double]], strata: Int, cuts: StreamCuts,
        residuals: CalibratedResiduals?
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
                let slot = value * requestCount + r
                let t = plan.terms[r]
                let second = Statistic.Terms(y: t.y2, x: t.x2, n: t.n2, xRows: t.n2)
                switch requests[r].statistic {
                case .total, .quantile: continue
                case .change(_, _, _, ofTotal: true):
                    // A total's "ratio" is the total itself, over 1.
                    if totals[value][t.n] > 0 { (ratio[slot], denominator[slot]) = (totals[value][t.y], 1) }
                    if totals[value][second.n] > 0 {
                        (secondRatio[slot], secondDenominator[slot]) = (totals[value][second.y], 1)
                    }
                    continue
                case .change, .relativeGap:
                    if let later = Statistic.ratio(totals[value], second) {
                        (secondRatio[slot], secondDenominator[slot]) = (later.value, later.denominator)
                    }
                default: break
                }
                guard let q = Statistic.ratio(totals[value], t) else { continue }
                (ratio[slot], denominator[slot]) = (q.value, q.denominator)
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
        moments = StratumMoments(
            domains: values, strata: strata, statistics: requestCount, calibrated: residuals != nil)
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
        self.cuts = cuts
        self.residuals = residuals
        if let residuals {
            reference = Array(repeating: -1, count: values * requestCount)
            residuals.settle(statistics: values * requestCount) { k in
                let (value, r) = k.quotientAndRemainder(dividingBy: requestCount)
                var gapReference: Int? = nil
                guard covered[blockOf[value]].contains(r) else { return nil }
                let b = (0..<residuals.columns).map { j in coefficient(value, r, j, reference: &gapReference) }
                if let gapReference { reference[k] = Int32(gapReference) }
                return b
            }
        }
    }

    deinit {
        center.deallocate()
        deviations.deallocate()
    }

    /// Term `term`'s sum for `value` from `source`.
    @inline(__always)
    private func sum(_ value: Int, _ term: Int, _ source: Source, _ pass: PSUPass?) -> Double {
        switch source {
        case .run: pass!.runSum(value, term)
        case .coefficient(let j): residuals!.coefficient(value, term, j)
        }
    }

    /// A ratio's z for `value`: (y − R·x)/X, as `Linearized.ratio` takes it; 0 where it has no ratio.
    @inline(__always)
    private func z(_ value: Int, _ r: Int, y: Int, x: Int, _ source: Source, _ pass: PSUPass?) -> Double {
        let slot = value * requestCount + r
        let total = denominator[slot]
        guard !total.isNaN else { return 0 }
        return (sum(value, y, source, pass) - ratio[slot] * sum(value, x, source, pass)) / total
    }

    /// A direct statistic's z for `value` from `source` (defined: `defined`).
    @inline(__always)
    private func z(_ statistic: Direct, _ value: Int, _ source: Source, _ pass: PSUPass?) -> Double {
        let (r, t) = (statistic.r, statistic.terms)
        let slot = value * requestCount + r
        switch statistic.kind {
        case .total:
            return sum(value, t.y, source, pass)
        case .ratio, .ratioWhereX:
            return z(value, r, y: t.y, x: t.x, source, pass)
        case .relativeGap:
            // R·(z_b/m_b − z_a/m_a), R = m_b/m_a, as `Linearized.relativeGap`.
            let (a, b) = (ratio[slot], secondRatio[slot])
            let first = z(value, r, y: t.y, x: t.x, source, pass)
            let second = (sum(value, t.y2, source, pass) - b * sum(value, t.x2, source, pass)) / secondDenominator[slot]
            return b / a * (second / b - first / a)
        case .change(let kind, let ofTotal):
            // The later wave's z minus (by `kind`) the earlier's, in a cluster of either wave's rows.
            let (a, b) = (ratio[slot], secondRatio[slot])
            let earlier = ofTotal ? sum(value, t.y, source, pass) : z(value, r, y: t.y, x: t.x, source, pass)
            let later =
                ofTotal
                ? sum(value, t.y2, source, pass)
                : (sum(value, t.y2, source, pass) - b * sum(value, t.x2, source, pass)) / secondDenominator[slot]
            return kind.z(earlier, later, a, b)
        }
    }

    /// Whether a direct statistic has an estimate for `value` (else it has no z anywhere).
    @inline(__always)
    private func defined(_ statistic: Direct, _ value: Int) -> Bool {
        let slot = value * requestCount + statistic.r
        switch statistic.kind {
        case .total: return true
        case .ratio, .ratioWhereX: return !denominator[slot].isNaN
        case .relativeGap: return !denominator[slot].isNaN && !secondDenominator[slot].isNaN && ratio[slot] > 0
        case .change(let kind, _):
            return !denominator[slot].isNaN && !secondDenominator[slot].isNaN
                && kind.value(ratio[slot], secondRatio[slot]) != nil
        }
    }

    /// A quantile cut's z for `value`: (Σ w below − F̂·Σ w)/W, from `source`.
    @inline(__always)
    private func cutZ(_ c: Int, _ value: Int, group: QuantileGroup, slot: Int, _ source: Source, _ pass: PSUPass?)
        -> Double
    {
        let below: Double
        switch source {
        case .run: below = cuts.runBelow[c]
        case .coefficient(let j): below = residuals!.coefficient(cut: c, j)
        }
        return (below - cuts.share[c] * sum(value, group.weightTerm, source, pass)) / cuts.total[slot]
    }

    /// Adds one PSU's z of `value`'s statistic `r` (`counted`: towards the statistic's PSUs);
    /// under calibration its residual.
    @inline(__always)
    private func add(_ z: Double, counted: Bool, base: Int, _ value: Int, statistic r: Int) {
        if let residuals {
            let f = residuals.fitted(statistic: value * requestCount + r)
            moments.add(z - f, fitted: f, counted: counted, base: base, statistic: r)
        } else {
            moments.add(z, base: base, statistic: r)
        }
    }

    /// A PSU run's sums (in `pass`, for the `touched` values) added to the moments of `stratum`.
    /// Under calibration every touched value's statistics get the PSU's residual, those that
    /// would skip it (a subgroup or a quantile's rows without weight there) with z = 0.
    func add(run touched: [Int], stratum: Int, psu: Int32, _ pass: PSUPass) {
        let calibrated = residuals != nil
        if let residuals {
            residuals.start(psu: psu)
            for value in touched { presence.append((Int32(value), psu)) }
        }
        let groupCount = cuts.groups.count
        for value in touched {
            let base = moments.base(value, stratum: stratum)
            // Quantiles: the z of F̂ at each cut, where the domain has weight in the run.
            for g in cuts.cutGroups {
                let group = cuts.groups[g]
                let range = cuts.range(value, group: g)
                guard !range.isEmpty else { continue }
                let slot = value * groupCount + g
                let counted = pass.runSum(value, group.weightTerm) != 0
                if counted || calibrated {
                    for c in range {
                        add(
                            counted ? cutZ(c, value, group: group, slot: slot, .run, pass) : 0, counted: counted,
                            base: base, value, statistic: cuts.request[c])
                    }
                }
                for c in range { cuts.runBelow[c] = 0 }
            }
            for statistic in direct[blockOf[value]] where defined(statistic, value) {
                // A share of a subgroup counts only the PSUs where the subgroup has weight.
                let counted = statistic.kind != .ratioWhereX || pass.runSum(value, statistic.terms.x) != 0
                guard counted || calibrated else { continue }
                add(
                    counted ? z(statistic, value, .run, pass) : 0, counted: counted, base: base, value,
                    statistic: statistic.r)
            }
        }
        // Gaps: every group of a block against its reference group, in each PSU where either has rows.
        guard let first = touched.first else { return }
        for (block, reference, requests) in gaps[scopeOf[blockOf[first]]] {
            let referenceValue = block.first + reference
            let referenceHere = pass.runRows(referenceValue) > 0
            for (r, y, x) in requests {
                let zero = referenceHere ? z(referenceValue, r, y: y, x: x, .run, pass) : 0
                for code in 0..<block.by.cardinality where code != reference {
                    let value = block.first + code
                    let here = pass.runRows(value) > 0
                    guard here || referenceHere else { continue }
                    let mine = here ? z(value, r, y: y, x: x, .run, pass) : 0
                    add(mine - zero, counted: true, base: moments.base(value, stratum: stratum), value, statistic: r)
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

    /// The variance of `value`'s `statistic` (request) under `design`: from its moments, under
    /// calibration with the residuals of the PSUs without its rows (`StratumMoments.calibratedVariance`).
    func variance(_ value: Int, statistic r: Int, design: SurveyDesign, lonely: LonelyPSUPolicy) throws(DesignError)
        -> Double
    {
        guard let residuals else {
            return try moments.variance(domain: value, statistic: r, design: design, lonely: lonely)
        }
        let k = value * requestCount + r
        return try moments.calibratedVariance(
            domain: value, statistic: r, coefficients: residuals.coefficients(statistic: k), design: design,
            calibration: residuals.design,
            presence: { [presenceOf[value]] + (reference[k] >= 0 ? [presenceOf[Int(reference[k])]] : []) },
            lonely: lonely)
    }

    /// Component j of the B of `value`'s statistic `r`: its z of its terms' (or cut's) B; a gap
    /// names its reference group's value in `reference`.
    private func coefficient(_ value: Int, _ r: Int, _ j: Int, reference: inout Int?) -> Double {
        for g in cuts.cutGroups {
            for c in cuts.range(value, group: g) where cuts.request[c] == r {
                return cutZ(c, value, group: cuts.groups[g], slot: value * cuts.groups.count + g, .coefficient(j), nil)
            }
        }
        if let statistic = direct[blockOf[value]].first(where: { $0.r == r }) {
            return z(statistic, value, .coefficient(j), nil)
        }
        for (block, referenceCode, requests) in gaps[scopeOf[blockOf[value]]] where block.first + referenceCode != value
        {
            guard (block.first..<(block.first + block.by.cardinality)).contains(value),
                let gap = requests.first(where: { $0.r == r })
            else { continue }
            let referenceValue = block.first + referenceCode
            reference = referenceValue
            return z(value, r, y: gap.y, x: gap.x, .coefficient(j), nil)
                - z(referenceValue, r, y: gap.y, x: gap.x, .coefficient(j), nil)
        }
        return 0
    }
}
