/// An estimate's linearised values per PSU: what every estimator hands to the one variance
/// function, `SurveyDesign.variance` (R `svyrecvar`).
///
/// For a ratio R = Y/X of two terms' totals over a domain, z = (y − R·x)/X per PSU
/// (y, x the PSU's sums); a mean is the ratio with x = Σ w, a share of a scope the
/// ratio with the scope's Σ w as x (its PSUs). Differences and relative gaps of two
/// ratios combine their z PSU by PSU. docs/estimation.md gives each formula and the R
/// function it matches.
struct Linearized: Sendable {
    /// Rows behind the estimate.
    let n: Int
    let value: Double
    /// (PSU, z), PSUs ascending.
    let z: [(psu: Int32, z: Double)]
    /// X, the denominator's total (Σ w for a mean): the weight of the design effect.
    let denominator: Double
    /// Under calibration, Σ d·x_j·z per model column j, made by the same formula as z from the
    /// domain's `DomainSums.cells` (empty otherwise): what the variance regresses z on.
    var cells: [Double] = []

    init(n: Int, value: Double, z: [(psu: Int32, z: Double)], denominator: Double, cells: [Double] = []) {
        self.n = n
        self.value = value
        self.z = z
        self.denominator = denominator
        self.cells = cells
    }

    /// Y/X of terms `y` and `x` over `domain`, nil when X is not positive.
    static func ratio(_ domain: DomainSums, y: Int, x: Int, n: Int) -> Linearized? {
        let total = domain.totals[x]
        guard n > 0, total > 0 else { return nil }
        let ratio = domain.totals[y] / total
        let z = domain.psus.indices.map { k in
            (psu: domain.psus[k], z: (domain.sum(k, y) - ratio * domain.sum(k, x)) / total)
        }
        let (cy, cx) = (domain.cells(y), domain.cells(x))
        let cells = cy.indices.map { (cy[$0] - ratio * cx[$0]) / total }
        return Linearized(n: n, value: ratio, z: z, denominator: total, cells: cells)
    }

    /// Term `y` of `domain` over term `x` of `scope`, a larger domain holding it (its PSUs a
    /// superset): z over the scope's PSUs.
    static func share(_ domain: DomainSums, y: Int, of scope: DomainSums, x: Int, n: Int) -> Linearized? {
        let total = scope.totals[x]
        guard total > 0 else { return nil }
        let share = domain.totals[y] / total
        var z: [(psu: Int32, z: Double)] = []
        z.reserveCapacity(scope.psus.count)
        var next = 0
        for (k, psu) in scope.psus.enumerated() {
            var inDomain = 0.0
            if next < domain.psus.count, domain.psus[next] == psu {
                inDomain = domain.sum(next, y)
                next += 1
            }
            z.append((psu: psu, z: (inDomain - share * scope.sum(k, x)) / total))
        }
        let (cy, cx) = (domain.cells(y), scope.cells(x))
        let cells = cy.indices.map { (cy[$0] - share * cx[$0]) / total }
        return Linearized(n: n, value: share, z: z, denominator: total, cells: cells)
    }

    /// self − other, z PSU by PSU over both lists' PSUs.
    func minus(_ other: Linearized) -> Linearized {
        Linearized(
            n: min(n, other.n), value: value - other.value, z: Self.merge(z, other.z, { $0 - $1 }),
            denominator: denominator, cells: Self.combine(cells, other.cells, { $0 - $1 }))
    }

    /// 1 − other/self, e.g. the gender pay gap with self = men's mean and other = women's:
    /// z = R·(z_other/m_other − z_self/m_self), R = m_other/m_self. Nil when self is not positive.
    func relativeGap(_ other: Linearized) -> Linearized? {
        guard value > 0 else { return nil }
        let ratio = other.value / value
        let (a, b) = (value, other.value)
        let f = { (mine: Double, theirs: Double) in ratio * (theirs / b - mine / a) }
        return Linearized(
            n: min(n, other.n), value: 1 - ratio, z: Self.merge(z, other.z, f), denominator: denominator,
            cells: Self.combine(cells, other.cells, f))
    }

    /// The change from `self` (the earlier wave's estimate) to `later`, linearised together over
    /// the PSUs of both waves (a PSU in both is one cluster): nil where `kind` is undefined.
    func change(to later: Linearized, _ kind: ChangeKind) -> Linearized? {
        guard let value = kind.value(value, later.value) else { return nil }
        let (a, b) = (self.value, later.value)
        let f = { (earlier: Double, later: Double) in kind.z(earlier, later, a, b) }
        return Linearized(
            n: min(n, later.n), value: value, z: Self.merge(z, later.z, f), denominator: denominator,
            cells: Self.combine(cells, later.cells, f))
    }

    /// f(a_j, b_j) per model column (an empty list counting as zeros; empty when both are).
    private static func combine(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        let count = max(a.count, b.count)
        return (0..<count).map { j in f(j < a.count ? a[j] : 0, j < b.count ? b[j] : 0) }
    }

    /// f(a, b) per PSU over the union of two ascending lists (0 where a list lacks the PSU).
    private static func merge(
        _ a: [(psu: Int32, z: Double)], _ b: [(psu: Int32, z: Double)], _ f: (Double, Double) -> Double
    ) -> [(psu: Int32, z: Double)] {
        var result: [(psu: Int32, z: Double)] = []
        result.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].psu < b[j].psu) {
                result.append((a[i].psu, f(a[i].z, 0)))
                i += 1
            } else if i == a.count || b[j].psu < a[i].psu {
                result.append((b[j].psu, f(0, b[j].z)))
                j += 1
            } else {
                result.append((a[i].psu, f(a[i].z, b[j].z)))
                i += 1
                j += 1
            }
        }
        return result
    }
}
