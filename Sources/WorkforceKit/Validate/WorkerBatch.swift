/// One chunk's accepted workers, column by column, as validation writes them: no record per row,
/// no string per field.
///
/// A row keeps what estimation reads (`WageSamples`' columns), its year, the fingerprint of its
/// (year, worker_id) key for the duplicate check, and its PSU as a number in the chunk's own
/// `PSUTable` (names are stored once per PSU, not per row); `WorkerAccumulator` renumbers the
/// PSUs when it appends the chunk to the waves.
struct WorkerBatch: RowBatch {
    var years: [Int16] = []
    var keys: [UInt64] = []
    var wages: [Double] = []
    var weights: [Double] = []
    /// PSU numbers in `psuTable`.
    var psus: [Int32] = []
    /// The finite population correction given on the row; NaN when not given.
    var fpcs: [Double] = []
    var codes: [WorkerCodesPacked] = []
    /// `WorkerFlags` bits.
    var flags: [UInt16] = []
    var trainingHours: [Float] = []
    var trainingSubsidy: [Float] = []
    /// NaN when not given.
    var commuteMinutes: [Float] = []
    /// The plan's extra columns (`ExtraColumns`), `extraWidth` values a row; NaN where not given.
    var extras: [Double] = []
    var extraWidth = 0
    var psuTable = PSUTable()

    var count: Int { wages.count }

    func keyFingerprint(_ row: Int) -> UInt64? { keys[row] }

    /// Drops rows, and the PSUs only they were in: the PSUs are numbered again, in order of first
    /// appearance among the rows kept, each with the fpc of its first row kept.
    mutating func remove(_ rows: [Int]) {
        let dropped = Set(rows)
        let old = self
        self = WorkerBatch()
        extraWidth = old.extraWidth
        for row in 0..<old.count where !dropped.contains(row) {
            let number = Int(old.psus[row])
            let fpc = old.fpcs[row]
            let psu = psuTable.number(
                stratum: old.psuTable.strata[number], psu: old.psuTable.names[number], fpc: fpc.isNaN ? nil : fpc)
            append(old, row: row, psu: psu)
        }
    }

    private mutating func append(_ other: WorkerBatch, row: Int, psu: Int32) {
        years.append(other.years[row])
        keys.append(other.keys[row])
        wages.append(other.wages[row])
        weights.append(other.weights[row])
        psus.append(psu)
        fpcs.append(other.fpcs[row])
        codes.append(other.codes[row])
        flags.append(other.flags[row])
        trainingHours.append(other.trainingHours[row])
        trainingSubsidy.append(other.trainingSubsidy[row])
        commuteMinutes.append(other.commuteMinutes[row])
        extras.append(contentsOf: other.extras[(row * extraWidth)..<((row + 1) * extraWidth)])
    }

    func countMappedToOther(into counts: inout [String: Int]) {
        let other = codes.reduce(0) { $0 + ($1.district == Int(District.other) ? 1 : 0) }
        counts["district", default: 0] += other
    }
}
