/// What calibrating one wave did, as data_quality.csv records it: the margins, the Newton steps,
/// the range of g = w/d and the largest margin discrepancy before and after.
public struct WaveCalibration: Sendable {
    /// A discrepancy |Σ weights − total| / total, and the margin and code it is largest at.
    public struct Discrepancy: Sendable {
        public let share: Double
        public let margin: String
        public let code: String
    }

    public let year: Int
    public let method: CalibrationSettings.Method
    /// The margins and numeric totals, by name.
    public let margins: [String]
    public let iterations: Int
    public let smallestG: Double
    public let largestG: Double
    public let before: Discrepancy
    public let after: Discrepancy

    static func largest(_ model: CalibrationModel, _ weights: [Double]) -> Discrepancy {
        var worst = Discrepancy(share: 0, margin: "", code: "")
        for (target, sum) in zip(model.targets, model.achieved(weights)) {
            let share = abs(sum - target.total) / target.total
            if share >= worst.share { worst = Discrepancy(share: share, margin: target.margin, code: target.code) }
        }
        return worst
    }
}

extension WorkerAccumulator {
    /// Calibrates every wave's weights to `population` as `settings` say (`WeightCalibration`),
    /// keeping each wave's design weights and calibration variables for the variance; the waves
    /// in year order, the first failure thrown.
    mutating func calibrate(_ settings: CalibrationSettings, population: [PopulationRecord])
        throws(CalibrationError) -> [WaveCalibration]
    {
        var records: [WaveCalibration] = []
        for year in samples.keys.sorted() {
            guard let wave = samples[year], wave.count > 0 else { continue }
            let model = try CalibrationModel(wave, year: year, settings: settings, population: population)
            let (weights, iterations) = try WeightCalibration.weights(model, settings: settings)
            // The variance regresses on these variables: G = Σ d·x·xᵀ is invertible, as Newton's first
            // step (or post-stratification's sampled codes) showed.
            let g = zip(weights, model.rows.designWeights).map { $0 / $1 }
            records.append(
                WaveCalibration(
                    year: year, method: settings.method,
                    margins: settings.margins.map(\.name) + settings.totals.map(\.name), iterations: iterations,
                    smallestG: g.min() ?? 1, largestG: g.max() ?? 1,
                    before: WaveCalibration.largest(model, model.rows.designWeights),
                    after: WaveCalibration.largest(model, weights)))
            calibrate(year: year, weights: weights, rows: model.rows)
        }
        return records
    }
}
