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

/// The grids of one wave's `DesignCellSum`s, from its largest weight and wage.
struct DesignCellGrid: Sendable, Equatable {
    let weight: SumGrid
    let wage: SumGrid
    let wageSquared: SumGrid

    init(largestWeight w: Double, largestWage y: Double) {
        weight = SumGrid(largest: w)
        wage = SumGrid(largest: w * y)
        wageSquared = SumGrid(largest: w * y * y)
    }

    init(_ samples: WageSamples) {
        self.init(largestWeight: samples.largestWeight, largestWage: samples.largestWage)
    }
}

/// A `DesignCell` being gathered: `ExactSum`s on the wave's grids, so that any grouping or
/// order of rows gives the same bits, whatever the scale of the weights.
struct DesignCellSum: Sendable {
    private var weightSum = ExactSum()
    private var wageSum = ExactSum()
    private var wageSquaredSum = ExactSum()
    private(set) var count: Int64 = 0

    @inline(__always)
    mutating func add(weight w: Double, wage y: Double, on grid: DesignCellGrid) {
        count += 1
        weightSum.add(w, on: grid.weight)
        wageSum.add(w * y, on: grid.wage)
        wageSquaredSum.add(w * y * y, on: grid.wageSquared)
    }

    mutating func merge(_ other: DesignCellSum) {
        count += other.count
        weightSum.add(other.weightSum)
        wageSum.add(other.wageSum)
        wageSquaredSum.add(other.wageSquaredSum)
    }

    /// The PSU's share of a domain's variance inputs.
    func psuSums(on grid: DesignCellGrid) -> PSUSums {
        PSUSums(weight: weightSum.value(on: grid.weight), wage: wageSum.value(on: grid.wage))
    }

    /// The finished cell.
    func cell(on grid: DesignCellGrid) -> DesignCell {
        DesignCell(
            n: Int(count), weight: weightSum.value(on: grid.weight), wage: wageSum.value(on: grid.wage),
            wageSquared: wageSquaredSum.value(on: grid.wageSquared))
    }
}
