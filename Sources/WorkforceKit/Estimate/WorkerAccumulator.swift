/// Mergeable sums over accepted workers: design cells per (year, domain, PSU) and wage samples per year.
///
/// Each chunk fills its own accumulator; the pipeline merges them in chunk
/// order, so the result is the same for any number of threads.
///
/// - Complexity: O(domains per row) dictionary updates per row; memory grows
///   with years × domains × PSUs for the cells, and linearly with rows for the
///   wage samples (see `WageSamples`).
public struct WorkerAccumulator: Sendable {
    public private(set) var psus = PSUTable()
    /// Cells of the rows added to this accumulator, keyed by `cellKey(year:domain:psu:)`.
    public private(set) var cells: [UInt64: DesignCell] = [:]
    /// Cells of merged accumulators, appended as they come; equal keys are summed in `sortedCells()`.
    /// Appending instead of merging into `cells` spares a dictionary that grows (and rehashes) with the design.
    private var mergedCells: [(key: UInt64, cell: DesignCell)] = []
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
        for scope in Scope.allCases where codes.belongs(to: scope) {
            for by in ByVariable.allCases {
                let domain = Domain(scope: scope, by: by, value: by.value(of: codes))
                cells[Self.cellKey(year: row.year, domain: domain.packed, psu: psu), default: DesignCell()]
                    .add(weight: row.weight, wage: row.monthlyWage)
            }
        }
        samples[row.year, default: WageSamples()].append(row, psu: psu, codes: codes)
        if employees == nil { unmatchedEnterprises += 1 }
    }

    /// Adds `other`'s sums to this accumulator; `other` comes later in file order.
    mutating func merge(_ other: WorkerAccumulator) {
        let psuMap = psus.absorb(other.psus)
        func renumbered(_ key: UInt64) -> UInt64 {
            key & ~0xFFFF_FFFF | UInt64(UInt32(bitPattern: psuMap[Int(key & 0xFFFF_FFFF)]))
        }
        mergedCells.reserveCapacity(mergedCells.count + other.cells.count + other.mergedCells.count)
        for (key, cell) in other.cells { mergedCells.append((renumbered(key), cell)) }
        for (key, cell) in other.mergedCells { mergedCells.append((renumbered(key), cell)) }
        for year in other.samples.keys.sorted() {
            if let theirs = other.samples[year] {
                samples[year, default: WageSamples()].append(theirs, psuMap: psuMap)
            }
        }
        unmatchedEnterprises += other.unmatchedEnterprises
    }

    /// Every cell, equal keys summed, in key order: by year, then domain, then PSU number.
    ///
    /// The sums are exact (`ExactSum`), so the order in which equal keys are added cannot matter.
    /// - Complexity: O(c log c) for c cells appended.
    public func sortedCells() -> [(key: UInt64, cell: DesignCell)] {
        var all = mergedCells
        all.append(contentsOf: cells.map { (key: $0.key, cell: $0.value) })
        all.sort { $0.key < $1.key }
        var reduced: [(key: UInt64, cell: DesignCell)] = []
        reduced.reserveCapacity(all.count)
        for entry in all {
            if let last = reduced.last, last.key == entry.key {
                reduced[reduced.count - 1].cell.merge(entry.cell)
            } else {
                reduced.append(entry)
            }
        }
        return reduced
    }

    /// Key of a cell: year (16 bits) | domain (16 bits) | PSU number (32 bits).
    static func cellKey(year: Int, domain: UInt16, psu: Int32) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: year)) << 48 | UInt64(domain) << 32 | UInt64(UInt32(bitPattern: psu))
    }

    static func parts(of key: UInt64) -> (year: Int, domain: Domain, psu: Int32) {
        (Int(key >> 48), Domain(packed: UInt16((key >> 32) & 0xFFFF)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))
    }
}
