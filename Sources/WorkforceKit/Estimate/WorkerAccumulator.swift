/// What ingestion keeps of accepted workers: their PSU numbers and, per year, the `WageSamples` every estimate starts from.
///
/// Each chunk fills its own accumulator; the pipeline merges them in chunk
/// order, so the samples are in file order for any number of threads.
///
/// - Complexity: O(1) amortised per row; memory grows linearly with rows
///   (see `WageSamples`) and with PSUs.
public struct WorkerAccumulator: Sendable {
    public private(set) var psus = PSUTable()
    public private(set) var samples: [Int: WageSamples] = [:]
    /// Accepted workers whose enterprise is not in enterprises.csv for that year.
    public private(set) var unmatchedEnterprises = 0
    let industrialScope: Set<UInt8>

    public init(industrialScope: Set<UInt8> = Industry.defaultIndustrialScope) {
        self.industrialScope = industrialScope
    }

    /// Adds one accepted worker.
    /// `employees` is the size of the worker's enterprise in enterprises.csv, nil when it is not there.
    mutating func add(_ row: WorkerRecord, employees: Int?) {
        let band = employees.map { EnterpriseSize.band(employees: $0) } ?? EnterpriseSize.unknown
        let codes = WorkerCodesPacked(row, industrialScope: industrialScope, sizeBand: band)
        let psu = psus.number(stratum: row.stratum, psu: row.psu, fpc: row.fpc)
        samples[row.year, default: WageSamples()].append(row, psu: psu, codes: codes)
        if employees == nil { unmatchedEnterprises += 1 }
    }

    /// Appends `other`'s workers after this one's; `other` comes later in file order.
    mutating func merge(_ other: WorkerAccumulator) {
        let psuMap = psus.absorb(other.psus)
        for year in other.samples.keys.sorted() {
            if let theirs = other.samples[year] {
                samples[year, default: WageSamples()].append(theirs, psuMap: psuMap)
            }
        }
        unmatchedEnterprises += other.unmatchedEnterprises
    }
}
