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
    /// Σ w·(wage − mean)² about the cell's own weighted mean, gathered in a second pass once the
    /// mean is known (a one-pass Σ w·wage² − W·mean² cancels catastrophically when wages vary little).
    public let wageDeviations: Double

    public init(n: Int = 0, weight: Double = 0, wage: Double = 0, wageDeviations: Double = 0) {
        self.n = n
        self.weight = weight
        self.wage = wage
        self.wageDeviations = wageDeviations
    }

    /// The same cell with its Σ w·(wage − mean)².
    func with(wageDeviations: Double) -> DesignCell {
        DesignCell(n: n, weight: weight, wage: wage, wageDeviations: wageDeviations)
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

    init(largestWeight w: Double, largestWage y: Double) {
        weight = SumGrid(largest: w)
        wage = SumGrid(largest: w * y)
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
    private(set) var count: Int64 = 0

    @inline(__always)
    mutating func add(weight w: Double, wage y: Double, on grid: DesignCellGrid) {
        count += 1
        weightSum.add(w, on: grid.weight)
        wageSum.add(w * y, on: grid.wage)
    }

    mutating func merge(_ other: DesignCellSum) {
        count += other.count
        weightSum.add(other.weightSum)
        wageSum.add(other.wageSum)
    }

    /// The PSU's share of a domain's variance inputs.
    func psuSums(on grid: DesignCellGrid) -> PSUSums {
        PSUSums(weight: weightSum.value(on: grid.weight), wage: wageSum.value(on: grid.wage))
    }

    /// The finished cell, without its deviations (a second pass adds them).
    func cell(on grid: DesignCellGrid) -> DesignCell {
        DesignCell(n: Int(count), weight: weightSum.value(on: grid.weight), wage: wageSum.value(on: grid.wage))
    }
}
