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
    /// Cells keyed by `cellKey(year:domain:psu:)`.
    public private(set) var cells: [UInt64: DesignCell] = [:]
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
        for (key, cell) in other.cells {
            let renumbered = key & ~0xFFFF_FFFF | UInt64(UInt32(bitPattern: psuMap[Int(key & 0xFFFF_FFFF)]))
            cells[renumbered, default: DesignCell()].merge(cell)
        }
        for year in other.samples.keys.sorted() {
            if let theirs = other.samples[year] {
                samples[year, default: WageSamples()].append(theirs, psuMap: psuMap)
            }
        }
        unmatchedEnterprises += other.unmatchedEnterprises
    }

    /// Key of a cell: year (16 bits) | domain (16 bits) | PSU number (32 bits).
    static func cellKey(year: Int, domain: UInt16, psu: Int32) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: year)) << 48 | UInt64(domain) << 32 | UInt64(UInt32(bitPattern: psu))
    }

    static func parts(of key: UInt64) -> (year: Int, domain: Domain, psu: Int32) {
        (Int(key >> 48), Domain(packed: UInt16((key >> 32) & 0xFFFF)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))
    }
}
