/// What ingestion keeps of accepted workers: their PSU numbers and, per year, the `WageSamples` every estimate starts from.
///
/// Validated chunks (`WorkerBatch`) are appended in file order, so the samples are in file
/// order for any number of threads.
///
/// - Complexity: O(1) amortised per row; memory grows linearly with rows
///   (see `WageSamples`) and with PSUs.
public struct WorkerAccumulator: Sendable {
    public private(set) var psus = PSUTable()
    public private(set) var samples: [Int: WageSamples] = [:]
    /// Accepted workers whose enterprise is not in enterprises.csv for that year.
    public private(set) var unmatchedEnterprises = 0

    public init() {}

    /// Appends a chunk's accepted workers, numbering its PSUs in this table.
    mutating func add(_ batch: WorkerBatch) {
        let psuMap = psus.absorb(batch.psuTable)
        // Runs of one year (a chunk usually holds one) go to that year's samples at once.
        var start = 0
        while start < batch.count {
            let year = batch.years[start]
            var end = start + 1
            while end < batch.count, batch.years[end] == year { end += 1 }
            samples[Int(year), default: WageSamples()].append(batch, rows: start..<end, psuMap: psuMap)
            start = end
        }
        unmatchedEnterprises += batch.codes.reduce(0) { $0 + ($1.sizeBand == EnterpriseSize.unknown ? 1 : 0) }
    }

    /// Marks every wave's rows with the plan's scopes among `scopes` (`WageSamples.markScopes`).
    mutating func markScopes(_ scopes: [Scope]) {
        for year in samples.keys { samples[year]?.markScopes(scopes) }
    }

    /// Gives wave `year` calibrated weights, keeping its design weights and calibration variables (`WageSamples.calibrate`).
    mutating func calibrate(year: Int, weights: [Double], rows: CalibrationRows) {
        samples[year]?.calibrate(weights: weights, rows: rows)
    }
}
