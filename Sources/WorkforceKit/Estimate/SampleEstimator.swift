/// Estimates that need the wage values themselves — quantiles with Woodruff intervals,
/// shares below a threshold, ratios of two groups' means — linearised over PSUs like `DesignEstimator`.
///
/// Quantiles and shares take per-PSU sums a streaming pass gathered in file order
/// (`PSUSumsPass`) and the domain's members, as row numbers into a wage-ordered
/// `WageSamples`, to map intervals back to wages. The other estimates walk a
/// group's members and sum per PSU into dense arrays indexed by PSU number that
/// are reused across domains, PSUs listed in order of first appearance. Either
/// way the order depends on the data alone, never on threads.
struct SampleEstimator: Sendable {
    let samples: WageSamples
    let estimator: DesignEstimator
    fileprivate var weightOfPSU: [Double]
    fileprivate var partOfPSU: [Double]
    /// Marks the PSUs touched by `linearize`, whose sums may legitimately be zero.
    fileprivate var touched: [Bool]

    init(samples: WageSamples, estimator: DesignEstimator, psuCount: Int) {
        self.samples = samples
        self.estimator = estimator
        weightOfPSU = [Double](repeating: 0, count: psuCount)
        partOfPSU = [Double](repeating: 0, count: psuCount)
        touched = [Bool](repeating: false, count: psuCount)
    }

    fileprivate func seen(_ psu: Int) -> Bool { touched[psu] }
    fileprivate mutating func markSeen(_ psu: Int) { touched[psu] = true }

    fileprivate mutating func clearRatio(_ psus: [Int32]) {
        for psu in psus {
            weightOfPSU[Int(psu)] = 0
            partOfPSU[Int(psu)] = 0
            touched[Int(psu)] = false
        }
    }

    /// Quantiles with Woodruff intervals and shares below fixed thresholds (R `svymean(~I(y < t))`)
    /// from per-PSU sums a streaming pass gathered: in each entry of `entries`, Σ w at `weightAt`
    /// and Σ w over the rows each cut of `cuts` holds right after it, cut by cut.
    ///
    /// For each cut with share p = Σ below / Σ w, z = (W_below,psu − p·W_psu) / W per PSU.
    /// `members` (the domain's rows of `samples`, in wage order) map the intervals back to wages.
    /// - Complexity: O(cuts × PSUs of the domain + members when there are quantiles).
    mutating func distribution(
        _ members: [Int32], cuts: WageCuts, entries: PSUEntries, stride: Int, weightAt: Int
    ) throws(DesignError) -> (quantiles: [Estimate], shares: [Estimate]) {
        let n = members.count
        guard n > 0 else {
            return (cuts.points.map { .point(n: 0, $0) }, (0..<cuts.thresholdCount).map { _ in .point(n: 0, nil) })
        }
        // The domain's PSUs (ascending) and where their sums are.
        var psus: [Int32] = []
        var at: [Int] = []
        var totalWeight = 0.0
        for (k, psu) in entries.psus.enumerated() where entries.sums[k * stride + weightAt] != 0 {
            psus.append(psu)
            at.append(k * stride + weightAt)
            totalWeight += entries.sums[k * stride + weightAt]
        }
        var quantiles = cuts.points.map { Estimate.point(n: n, $0) }
        var shares = (0..<cuts.thresholdCount).map { _ in Estimate.point(n: n, nil) }
        var means: [(index: Int, m: Double, variance: Double)] = []
        for (offset, cut) in cuts.cuts.enumerated() {
            let below = at.reduce(0) { $0 + entries.sums[$1 + 1 + offset] }
            let p = below / totalWeight
            let z = zip(psus, at).map { psu, at in
                (psu: psu, z: (entries.sums[at + 1 + offset] - p * entries.sums[at]) / totalWeight)
            }
            let variance = try estimator.design.variance(z, lonely: estimator.lonely)
            switch cut.kind {
            case .quantile(let k):
                means.append((k, p, variance))
            case .share(let k):
                var estimate = estimator.interval(n: n, value: p, variance: variance)
                estimate.designEffect = estimator.designEffect(
                    variance: estimate.standardError.map { $0 * $0 }, elementVariance: p * (1 - p), n: n,
                    weight: totalWeight)
                shares[k] = estimate
            }
        }
        guard !means.isEmpty else { return (quantiles, shares) }

        // Woodruff: map every m̂ ± t·SE back through the distribution function, in one pass.
        let df = estimator.design.degreesOfFreedom(psus: psus)
        let critical = df > 0 ? Distributions.studentQuantile(1 - (1 - estimator.level) / 2, df: Double(df)) : .nan
        var ends: [(index: Int, low: Double, high: Double)] = []
        for (k, m, variance) in means.sorted(by: { $0.index < $1.index }) {
            guard variance.isFinite, critical.isFinite else { continue }
            let se = variance.squareRoot()
            ends.append((k, m - critical * se, m + critical * se))
        }
        let mapped = WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...],
            probabilities: ends.flatMap { [max($0.low, 0), min($0.high, 1)] }, total: cuts.weight)
        for (k, end) in ends.enumerated() {
            let lower = end.low < 0 ? nil : mapped[2 * k]
            let upper = end.high > 1 ? nil : mapped[2 * k + 1]
            quantiles[end.index].lower = lower
            quantiles[end.index].upper = upper
            quantiles[end.index].standardError = lower.flatMap { l in upper.map { u in (u - l) / (2 * critical) } }
        }
        return (quantiles, shares)
    }

    /// 1 − mean(b) / mean(a), e.g. the gender pay gap with a = men, b = women, linearised as a ratio of means.
    ///
    /// z = R·(z_b/m_b − z_a/m_a) per PSU, with z_g = (Σ w·y − m_g·Σ w)/W_g over group g's rows in the PSU.
    mutating func relativeGap(_ a: [Int32], _ b: [Int32]) throws(DesignError) -> Estimate {
        let psusA = collectPSUs(a, wages: true)
        let sumsA = psusA.map { (psu: $0, weight: weightOfPSU[Int($0)], wage: partOfPSU[Int($0)]) }
        clear(psusA)
        let psusB = collectPSUs(b, wages: true)
        let sumsB = psusB.map { (psu: $0, weight: weightOfPSU[Int($0)], wage: partOfPSU[Int($0)]) }
        clear(psusB)
        return try relativeGap(sumsA, sumsB, n: min(a.count, b.count))
    }

    /// `relativeGap` from each group's Σ w and Σ w·wage per PSU (PSUs where the group has rows).
    mutating func relativeGap(
        _ sumsA: [(psu: Int32, weight: Double, wage: Double)], _ sumsB: [(psu: Int32, weight: Double, wage: Double)],
        n: Int
    ) throws(DesignError) -> Estimate {
        guard !sumsA.isEmpty, !sumsB.isEmpty else { return .point(n: n, nil) }
        let weightA = sumsA.reduce(0) { $0 + $1.weight }, wageA = sumsA.reduce(0) { $0 + $1.wage }
        let weightB = sumsB.reduce(0) { $0 + $1.weight }, wageB = sumsB.reduce(0) { $0 + $1.wage }
        guard weightA > 0, weightB > 0, wageA > 0 else { return .point(n: n, nil) }
        let meanA = wageA / weightA, meanB = wageB / weightB
        let ratio = meanB / meanA
        let z = combined(
            sumsA.map { (psu: $0.psu, z: ratio * ($0.wage - meanA * $0.weight) / weightA / meanA) },
            minus: sumsB.map { (psu: $0.psu, z: ratio * ($0.wage - meanB * $0.weight) / weightB / meanB) },
            negated: true)
        let variance = try estimator.design.variance(z, lonely: estimator.lonely)
        return estimator.interval(n: n, value: 1 - ratio, variance: variance)
    }

    /// The distinct PSUs of the members in order of first appearance (which depends only on the
    /// members' order, never on threads), with their weights summed into `weightOfPSU`.
    /// With `wages`, Σ w·wage per PSU goes into `partOfPSU` as well.
    private mutating func collectPSUs(_ members: [Int32], wages: Bool = false) -> [Int32] {
        var psus: [Int32] = []
        for index in members {
            let row = Int(index)
            let psu = Int(samples.psus[row])
            if weightOfPSU[psu] == 0 { psus.append(Int32(psu)) }
            weightOfPSU[psu] += samples.weights[row]
            if wages { partOfPSU[psu] += samples.weights[row] * samples.wages[row] }
        }
        return psus
    }

    private mutating func clear(_ psus: [Int32]) {
        for psu in psus {
            weightOfPSU[Int(psu)] = 0
            partOfPSU[Int(psu)] = 0
        }
    }
}

extension SampleEstimator {
    /// Ratio of weighted totals Σ w·y / Σ w·x over the members with a known y (R `svyratio`;
    /// with x = 1 the mean of y, R `svymean`), with its linearised SE and, for means, design effect.
    ///
    /// z = w·(y − R·x) / X summed per PSU.
    mutating func ratio(
        _ members: [Int32], numerator: (Int) -> Double?, denominator: (Int) -> Double = { _ in 1 }
    ) throws(DesignError) -> Estimate {
        guard let part = linearize(members, numerator: numerator, denominator: denominator) else {
            return .point(n: 0, nil)
        }
        return try estimate(part)
    }

    /// The ratio estimate of an already linearised group.
    func estimate(_ part: Linearized) throws(DesignError) -> Estimate {
        var estimate = estimator.interval(
            n: part.n, value: part.ratio, variance: try estimator.design.variance(part.z, lonely: estimator.lonely))
        if part.isMean {
            estimate.designEffect = estimator.designEffect(
                variance: estimate.standardError.map { $0 * $0 }, elementVariance: part.elementVariance,
                n: part.n, weight: part.denominatorTotal)
        }
        return estimate
    }

    /// Difference of two groups' ratios (a − b), e.g. a coverage gap in rate points, with the SE of the difference.
    mutating func difference(
        _ a: [Int32], _ b: [Int32], numerator: (Int) -> Double?, denominator: (Int) -> Double = { _ in 1 }
    ) throws(DesignError) -> Estimate {
        guard let first = linearize(a, numerator: numerator, denominator: denominator),
            let second = linearize(b, numerator: numerator, denominator: denominator)
        else { return .point(n: 0, nil) }
        return try difference(first, second)
    }

    /// The difference of two already linearised groups' ratios (first − second).
    mutating func difference(_ first: Linearized, _ second: Linearized) throws(DesignError) -> Estimate {
        let z = combined(first.z, minus: second.z)
        return estimator.interval(
            n: min(first.n, second.n), value: first.ratio - second.ratio,
            variance: try estimator.design.variance(z, lonely: estimator.lonely))
    }

    /// Per-PSU a − b (or b − a when `negated`) over the union of both lists' PSUs, in order of first
    /// appearance (a's, then b's others), summed in a dense scratch array instead of merging sorted lists.
    fileprivate mutating func combined(
        _ a: [(psu: Int32, z: Double)], minus b: [(psu: Int32, z: Double)], negated: Bool = false
    ) -> [(psu: Int32, z: Double)] {
        var order: [Int32] = []
        order.reserveCapacity(max(a.count, b.count))
        for (psu, z) in a {
            if !seen(Int(psu)) { order.append(psu) }
            markSeen(Int(psu))
            partOfPSU[Int(psu)] += z
        }
        for (psu, z) in b {
            if !seen(Int(psu)) { order.append(psu) }
            markSeen(Int(psu))
            partOfPSU[Int(psu)] -= z
        }
        let sign = negated ? -1.0 : 1.0
        let z = order.map { (psu: $0, z: sign * partOfPSU[Int($0)]) }
        clearRatio(order)
        return z
    }

    /// A group's ratio with its linearised PSU totals, reusable for gaps between groups.
    struct Linearized {
        let n: Int
        let ratio: Double
        let denominatorTotal: Double
        let z: [(psu: Int32, z: Double)]
        let elementVariance: Double
        let isMean: Bool
    }

    /// Per-PSU sums of w·y and w·x, the ratio, and its linearised PSU totals (PSUs in order of first appearance).
    mutating func linearize(
        _ members: [Int32], numerator: (Int) -> Double?, denominator: (Int) -> Double
    ) -> Linearized? {
        var psus: [Int32] = []
        var n = 0
        var isMean = true
        var sumY = 0.0, sumX = 0.0, sumY2 = 0.0
        for index in members {
            let row = Int(index)
            guard let y = numerator(row) else { continue }
            let x = denominator(row)
            if x != 1 { isMean = false }
            let w = samples.weights[row]
            let psu = Int(samples.psus[row])
            if !seen(psu) { psus.append(Int32(psu)) }
            markSeen(psu)
            weightOfPSU[psu] += w * x
            partOfPSU[psu] += w * y
            sumY += w * y
            sumX += w * x
            sumY2 += w * y * y
            n += 1
        }
        defer { clearRatio(psus) }
        guard n > 0, sumX > 0 else { return nil }
        let ratio = sumY / sumX
        let z = psus.map { (psu: $0, z: (partOfPSU[Int($0)] - ratio * weightOfPSU[Int($0)]) / sumX) }
        return Linearized(
            n: n, ratio: ratio, denominatorTotal: sumX, z: z,
            elementVariance: max(0, sumY2 / sumX - ratio * ratio), isMean: isMean)
    }
}
