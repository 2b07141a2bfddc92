/// The sums one (year, domain, stratum, PSU) cell contributes to an estimate and its variance.
///
/// Totals, means, proportions and ratios, and their Taylor-linearised
/// variances, need only these per-PSU sums (INDICATORS.md, "Estimation
/// conventions"). They are gathered exactly (`DesignCellSum`) and rounded
/// once to doubles, so they do not depend on the order rows were added in.
public struct DesignCell: Sendable, Equatable {
    /// Unweighted number of rows.
    public let n: Int
    /// Σ w.
    public let weight: Double
    /// Σ w·wage.
    public let wage: Double
    /// Σ w·wage², for the weighted variance in the design effect.
    public let wageSquared: Double

    public init(n: Int = 0, weight: Double = 0, wage: Double = 0, wageSquared: Double = 0) {
        self.n = n
        self.weight = weight
        self.wage = wage
        self.wageSquared = wageSquared
    }
}

/// What a domain keeps per PSU for its variances: Σ w and Σ w·wage (the counts and Σ w·wage²
/// are needed for the domain as a whole only, in `DomainCells.Cells.total`). 16 bytes.
public struct PSUSums: Sendable, Equatable {
    public let weight: Double
    public let wage: Double
}

/// A `DesignCell` being gathered: `ExactSum`s, so that any grouping or order of rows gives the same bits.
struct DesignCellSum: Sendable {
    private var weightSum = ExactSum<FineGrid>()
    private var wageSum = ExactSum<FineGrid>()
    // w·wage² reaches 1e25 for the largest accepted row: a coarser grid keeps it in range.
    private var wageSquaredSum = ExactSum<CoarseGrid>()
    private(set) var count: Int64 = 0

    @inline(__always)
    mutating func add(weight w: Double, wage y: Double) {
        count += 1
        weightSum.add(w)
        wageSum.add(w * y)
        wageSquaredSum.add(w * y * y)
    }

    mutating func merge(_ other: DesignCellSum) {
        count += other.count
        weightSum.add(other.weightSum)
        wageSum.add(other.wageSum)
        wageSquaredSum.add(other.wageSquaredSum)
    }

    /// The PSU's share of a domain's variance inputs.
    var psuSums: PSUSums { PSUSums(weight: weightSum.value, wage: wageSum.value) }

    /// The finished cell.
    var cell: DesignCell {
        DesignCell(n: Int(count), weight: weightSum.value, wage: wageSum.value, wageSquared: wageSquaredSum.value)
    }
}
