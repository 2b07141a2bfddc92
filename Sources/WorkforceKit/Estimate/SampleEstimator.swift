/// Estimates that need the wage values themselves — quantiles with Woodruff intervals,
/// shares below a threshold, ratios of two groups' means — linearised over PSUs like `DesignEstimator`.
///
/// Works on a domain's members as row numbers into one wave's `WageSamples`,
/// sorted by wage, so "wage ≤ x" is a prefix of the members. Per-PSU sums go
/// into dense arrays indexed by PSU number that are reused across domains.
/// PSU lists come in first-appearance order among the members, or ascending
/// where a walk passes over them many times; either way the order depends on
/// the data alone, never on threads.
struct SampleEstimator: Sendable {
    let samples: WageSamples
    let estimator: DesignEstimator
    fileprivate var weightOfPSU: [Double]
    fileprivate var partOfPSU: [Double]
    /// Marks the PSUs touched by `linearize`, whose sums may legitimately be zero.
    fileprivate var touched: [Bool]
    /// One bit per PSU, to list a domain's PSUs in ascending order without sorting them.
    fileprivate var present: [UInt64]

    init(samples: WageSamples, estimator: DesignEstimator, psuCount: Int) {
        self.samples = samples
        self.estimator = estimator
        weightOfPSU = [Double](repeating: 0, count: psuCount)
        partOfPSU = [Double](repeating: 0, count: psuCount)
        touched = [Bool](repeating: false, count: psuCount)
        present = [UInt64](repeating: 0, count: psuCount / 64 + 1)
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

    /// Weighted quantiles of the members at `probabilities`, each with R's Woodruff interval
    /// (`svyquantile(…, interval.type = "mean")`, t quantile on the domain's design df).
    mutating func quantiles(_ members: [Int32], probabilities: [Double]) throws(DesignError) -> [Estimate] {
        try distribution(members, probabilities: probabilities, below: []).quantiles
    }

    /// Weighted share of the members whose wage is below `threshold` (a fixed threshold), with its SE.
    mutating func shareBelow(_ members: [Int32], threshold: Double) throws(DesignError) -> Estimate {
        try distribution(members, probabilities: [], below: [threshold]).shares[0]
    }

    /// Quantiles with Woodruff intervals and shares below fixed thresholds (R `svymean(~I(y < t))`),
    /// from one collection of the domain's PSUs and one walk up its wages.
    ///
    /// The members are in wage order, so the rows with wage ≤ q (or < t) are a prefix: each
    /// cut, in ascending order, extends the prefix's per-PSU weights and linearises
    /// z = (W_below,psu − p·W_psu) / W there.
    /// - Complexity: O(members + cuts × PSUs of the domain).
    mutating func distribution(
        _ members: [Int32], probabilities: [Double], below thresholds: [Double]
    ) throws(DesignError) -> (quantiles: [Estimate], shares: [Estimate]) {
        let n = members.count
        let points = WeightedQuantile.quantiles(
            values: samples.wages, weights: samples.weights, order: members[...], probabilities: probabilities)
        guard n > 0 else { return (points.map { .point(n: 0, $0) }, thresholds.map { _ in .point(n: 0, nil) }) }
        // Ascending PSU numbers: every cut below passes over the PSUs' sums in memory order.
        let psus = ascending(collectPSUs(members))
        defer { clear(psus) }
        let totalWeight = psus.reduce(0) { $0 + weightOfPSU[Int($1)] }

        // Cuts in ascending order; at equal values "< t" comes before "≤ q".
        enum Cut { case quantile(Int), share(Int) }
        var cuts: [(value: Double, inclusive: Bool, cut: Cut)] = []
        for (k, point) in points.enumerated() { if let q = point { cuts.append((q, true, .quantile(k))) } }
        for (k, t) in thresholds.enumerated() { cuts.append((t, false, .share(k))) }
        cuts.sort { ($0.value, $0.inclusive ? 1 : 0) < ($1.value, $1.inclusive ? 1 : 0) }

        var quantiles = points.map { Estimate.point(n: n, $0) }
        var shares = thresholds.map { _ in Estimate.point(n: n, nil) }
        var means: [(index: Int, m: Double, variance: Double)] = []
        var prefix = 0
        for cut in cuts {
            while prefix < n {
                let wage = samples.wages[Int(members[prefix])]
                guard cut.inclusive ? wage <= cut.value : wage < cut.value else { break }
                let row = Int(members[prefix])
                partOfPSU[Int(samples.psus[row])] += samples.weights[row]
                prefix += 1
            }
            let below = psus.reduce(0) { $0 + partOfPSU[Int($1)] }
            let p = below / totalWeight
            let z = psus.map { (psu: $0, z: (partOfPSU[Int($0)] - p * weightOfPSU[Int($0)]) / totalWeight) }
            let variance = try estimator.design.variance(z, lonely: estimator.lonely)
            switch cut.cut {
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
            probabilities: ends.flatMap { [max($0.low, 0), min($0.high, 1)] })
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
        let n = min(a.count, b.count)
        guard !a.isEmpty, !b.isEmpty else { return .point(n: n, nil) }
        let psusA = collectPSUs(a, wages: true)
        let sumsA = psusA.map { (psu: $0, weight: weightOfPSU[Int($0)], wage: partOfPSU[Int($0)]) }
        clear(psusA)
        let psusB = collectPSUs(b, wages: true)
        let sumsB = psusB.map { (psu: $0, weight: weightOfPSU[Int($0)], wage: partOfPSU[Int($0)]) }
        clear(psusB)
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

    /// `psus` (distinct) in ascending order, read off a bitmap: one word per 64 PSU numbers,
    /// which costs less than sorting for all but the smallest domains.
    private mutating func ascending(_ psus: [Int32]) -> [Int32] {
        guard psus.count > 64 else { return psus.sorted() }
        for psu in psus { present[Int(psu) >> 6] |= 1 << UInt64(Int(psu) & 63) }
        var result: [Int32] = []
        result.reserveCapacity(psus.count)
        for word in present.indices where present[word] != 0 {
            var bits = present[word]
            while bits != 0 {
                result.append(Int32(word << 6 | bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            present[word] = 0
        }
        return result
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
