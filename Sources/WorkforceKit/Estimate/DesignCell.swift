/// The sums one (year, domain, stratum, PSU) cell contributes to an estimate and its variance.
///
/// Totals, means, proportions and ratios, and their Taylor-linearised
/// variances, need only these per-PSU sums (INDICATORS.md, "Estimation
/// conventions"), so rows are never kept for them.
public struct DesignCell: Sendable, Equatable {
    /// Unweighted number of rows.
    public var n: Int = 0
    /// Σ w.
    public var weight: Double = 0
    /// Σ w², for the effective sample size.
    public var weightSquared: Double = 0
    /// Σ w·wage.
    public var wage: Double = 0
    /// Σ w·wage², for the weighted variance in the design effect.
    public var wageSquared: Double = 0

    public init() {}

    @inline(__always)
    mutating func add(weight w: Double, wage y: Double) {
        n += 1
        weight += w
        weightSquared += w * w
        wage += w * y
        wageSquared += w * y * y
    }

    mutating func merge(_ other: DesignCell) {
        n += other.n
        weight += other.weight
        weightSquared += other.weightSquared
        wage += other.wage
        wageSquared += other.wageSquared
    }
}
