/// The sums one (year, domain, stratum, PSU) cell contributes to an estimate and its variance.
///
/// Totals, means, proportions and ratios, and their Taylor-linearised
/// variances, need only these per-PSU sums (INDICATORS.md, "Estimation
/// conventions"), so rows are never kept for them. The sums are `ExactSum`s:
/// merging the cells of different chunks gives the same bits in any order.
public struct DesignCell: Sendable, Equatable {
    /// Unweighted number of rows.
    private var weightSum = ExactSum<FineGrid>()
    private var wageSum = ExactSum<FineGrid>()
    // w·wage² reaches 1e25 for the largest accepted row: a coarser grid keeps it in range.
    private var wageSquaredSum = ExactSum<CoarseGrid>()
    private var count: Int64 = 0

    /// Unweighted number of rows.
    public var n: Int { Int(count) }

    public init() {}

    /// Σ w.
    public var weight: Double { weightSum.value }
    /// Σ w·wage.
    public var wage: Double { wageSum.value }
    /// Σ w·wage², for the weighted variance in the design effect.
    public var wageSquared: Double { wageSquaredSum.value }

    @inline(__always)
    mutating func add(weight w: Double, wage y: Double) {
        count += 1
        weightSum.add(w)
        wageSum.add(w * y)
        wageSquaredSum.add(w * y * y)
    }

    mutating func merge(_ other: DesignCell) {
        count += other.count
        weightSum.add(other.weightSum)
        wageSum.add(other.wageSum)
        wageSquaredSum.add(other.wageSquaredSum)
    }
}
