/// How a plan's `[calibration]` adjusts each wave's weights so that they reproduce the
/// population table's totals (population.csv; docs/estimation.md, "Calibration").
public struct CalibrationSettings: Sendable, Equatable {
    /// The distance the calibrated weights keep from the design weights (R `calibrate`'s calfun).
    public enum Method: String, CaseIterable, Sendable {
        /// w = d·N_c / Σ_c d in each cell of one margin (R `postStratify`).
        case poststratify
        /// Multiplicative: g = exp(xᵀλ), the weights of iterative proportional fitting (R `rake`,
        /// `calibrate(calfun = "raking")`).
        case rake
        /// Linear: g = 1 + xᵀλ, the GREG weights (R `calibrate(calfun = "linear")`).
        case linear
    }

    /// A numeric column whose population total the weights reproduce (linear calibration).
    public struct NumericTotal: Sendable, Equatable {
        public let name: String
        let column: WaveColumn
    }

    public var method: Method
    /// The margins: a column or a cross of columns each, named as the reports name breakdowns.
    public var margins: [ByVariable]
    public var totals: [NumericTotal] = []
    /// Convergence: every total within tolerance·(1 + |total|) of the population's (R's epsilon).
    public var tolerance = 1e-7
    public var maxIterations = 50
    /// Bounds on g = w/d (R `calibrate(bounds = …)`); nil: unbounded.
    public var bounds: ClosedRange<Double>?

    public init(method: Method, margins: [ByVariable]) {
        self.method = method
        self.margins = margins
    }
}
