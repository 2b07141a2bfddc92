/// The quantile requests of a plan that read one column among the same rows: one sorted copy
/// of the wave, one bucketing of it per block, every probability in one walk per domain.
///
/// *Points* (before the planner's two walks): each domain's quantiles, and F̂ at each of them
/// — the share p̂ of the domain's weight at or below it. *Uncertainty*: the planner's second
/// walk sums each PSU's weight at or below each of the domain's quantiles ("cuts") and turns
/// it into the z of p̂ (`StreamedEstimation`). *Finish*: Woodruff's interval from p̂ and its
/// variance (`DesignEstimator.woodruff`), df the domain's PSUs minus their strata.
struct QuantileGroup: Sendable {
    let column: WaveColumn
    let known: RowCondition
    /// What the group's sorted copy is made of: the rows that give the column and meet `coreKnown`
    /// — `known` where it tests flags (a sorted copy keeps no flags), else every row that gives
    /// it, shared by the column's groups, and `known` tested as a domain's rows are bucketed.
    var coreKnown: RowCondition { known.flags != 0 ? known : .always }
    /// Σ w over the rows the group reads (the measure's denominator): its run sums tell which
    /// PSUs count, as a share of a subgroup counts only the PSUs where it has weight.
    let weightTerm: Int
    /// The group's requests, each one's probability as an exact level and whether it has an interval.
    private(set) var requests: [Int] = []
    private(set) var levels: [QuantileLevel] = []
    private(set) var interval: [Bool] = []

    /// The quantile requests of `requests` (with their terms) grouped by column and rows.
    static func groups(_ requests: [Request], terms: [Statistic.Terms]) -> [QuantileGroup] {
        var groups: [QuantileGroup] = []
        for (r, request) in requests.enumerated() {
            guard case .quantile(let measure, let probability, let interval) = request.statistic else { continue }
            guard case .column(let column) = measure.value else {
                preconditionFailure("a quantile reads a numeric column")
            }
            var g = groups.firstIndex { $0.column == column && $0.known == measure.known }
            if g == nil {
                groups.append(QuantileGroup(column: column, known: measure.known, weightTerm: terms[r].x))
                g = groups.count - 1
            }
            groups[g!].requests.append(r)
            groups[g!].levels.append(.percent(probability))
            groups[g!].interval.append(interval)
        }
        return groups
    }

    /// Whether any of the group's requests `covered` (by position in the group) has an interval.
    func needsIntervals(_ covered: [Bool]) -> Bool {
        interval.indices.contains { covered[$0] && interval[$0] }
    }

    /// The rows of each domain the group reads: `buckets` (`DomainMembers.buckets` of its core)
    /// kept to those meeting `known`.
    func members(_ buckets: [[Int32]], core: WageSamples) -> [[Int32]] {
        guard known != coreKnown else { return buckets }
        return core.withColumns { columns in
            buckets.map { rows in
                rows.filter { known.holds(flags: 0, codes: columns.codes[Int($0)]) && known.isGiven(Int($0), columns) }
            }
        }
    }

    /// Per value of a block, the domain's quantiles of the covered requests (nil for a domain
    /// without rows that the group reads), from `core` (`Wave.core`) and its `buckets`.
    func points(_ core: WageSamples, buckets: [[Int32]], covered: [Bool]) -> [DomainQuantiles?] {
        let asked = levels.indices.filter { covered[$0] }
        return members(buckets, core: core).map { members in
            guard !members.isEmpty else { return nil }
            let total = WeightedQuantile.total(weights: core.weights, order: members[...])
            let found = WeightedQuantile.quantiles(
                values: core.wages, weights: core.weights, order: members[...], levels: asked.map { levels[$0] },
                total: total)
            var points = [Double?](repeating: nil, count: requests.count)
            for (k, at) in asked.enumerated() { points[at] = found[k] }
            let shares = WeightedQuantile.shares(
                atMost: points, values: core.wages, weights: core.weights, order: members[...], total: total)
            return DomainQuantiles(n: members.count, total: total, points: points, shares: shares)
        }
    }

    /// The estimates of the covered requests for each domain of a block with rows: a point, or
    /// with `interval` Woodruff's interval from p̂'s `variance(value, request)` and the PSUs and
    /// strata its values came from (`psus(value, request)`).
    /// `buckets()`: the core's buckets in the block, asked for only where an interval needs them.
    func estimates(
        _ core: WageSamples, buckets: () -> [[Int32]], covered: [Bool], points: [DomainQuantiles?],
        estimator: DesignEstimator, variance: (Int, Int) throws(DesignError) -> Double,
        psus: (Int, Int) -> (psus: Int, strata: Int)
    ) throws(DesignError) -> [[(request: Int, estimate: Estimate)]] {
        let members = needsIntervals(covered) ? self.members(buckets(), core: core) : nil
        var result: [[(request: Int, estimate: Estimate)]] = []
        for (value, domain) in points.enumerated() {
            guard let domain else {
                result.append([])
                continue
            }
            var estimates = domain.points.map { Estimate.point(n: domain.n, $0) }
            var shares: [(index: Int, p: Double, variance: Double)] = []
            var df = 0
            for k in requests.indices where covered[k] && interval[k] && domain.points[k] != nil {
                shares.append((k, domain.shares[k], try variance(value, requests[k])))
                let (count, strata) = psus(value, requests[k])
                df = count - strata
            }
            if let members, !shares.isEmpty {
                estimator.woodruff(
                    &estimates, shares: shares, df: df, members: members[value], samples: core, total: domain.total)
            }
            result.append(requests.indices.filter { covered[$0] }.map { (requests[$0], estimates[$0]) })
        }
        return result
    }
}

/// A domain's quantiles of a `QuantileGroup`: its rows, their exact Σ w, and per request of the
/// group its point (nil where not asked or without weight) and F̂ there (NaN without a point).
struct DomainQuantiles: Sendable {
    let n: Int
    let total: WeightedQuantile.Total
    let points: [Double?]
    let shares: [Double]
}
