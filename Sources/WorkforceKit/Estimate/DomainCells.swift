/// The PSU cells of each (year, domain), gathered from the wage samples for estimation.
///
/// Every accepted worker is a row of its wave's `WageSamples`; a domain's cells
/// are the per-PSU sums of its rows, gathered one (scope, by-variable) block at
/// a time on up to `jobs` threads. The sums are exact (`DesignCellSum`), so the
/// cells are the same for any number of threads or chunk size.
public struct DomainCells: Sendable {
    /// Cells of one domain: PSU numbers ascending, and the domain's sums over them.
    public struct Cells: Sendable {
        public var psus: [Int32] = []
        public var cells: [DesignCell] = []
        public var total = DesignCell()
    }

    private var domains: [YearDomain: Cells] = [:]
    /// Years with at least one worker, ascending.
    public let years: [Int]
    /// Number of (year, domain, PSU) cells.
    public private(set) var cellCount = 0

    public init(_ accumulator: WorkerAccumulator, jobs: Int = 1) {
        years = accumulator.samples.keys.sorted()
        let psuCount = accumulator.psus.count
        for year in years {
            guard let samples = accumulator.samples[year] else { continue }
            let order = Array(0..<Int32(samples.count))
            let blocks = concurrentMap(DomainBlocks.all.count, jobs: jobs) { index in
                let (scope, by) = DomainBlocks.all[index]
                return Self.gather(samples, order: order, scope: scope, by: by, psuCount: psuCount)
            }
            for (index, block) in blocks.enumerated() {
                let (scope, by) = DomainBlocks.all[index]
                for (value, cells) in block.enumerated() where !cells.psus.isEmpty {
                    domains[YearDomain(year: year, domain: Domain(scope: scope, by: by, value: value))] = cells
                    cellCount += cells.psus.count
                }
            }
        }
    }

    /// The cells of `domain` in `year` (empty when the domain has no workers).
    public subscript(year: Int, domain: Domain) -> Cells {
        domains[YearDomain(year: year, domain: domain)] ?? Cells()
    }

    /// The cells of every value of `by` within `scope`, indexed by value code.
    ///
    /// - Complexity: O(rows + PSUs touched × log) per value; one dense array of PSU sums, reused.
    static func gather(
        _ samples: WageSamples, order: [Int32], scope: Scope, by: ByVariable, psuCount: Int
    ) -> [Cells] {
        let buckets = DomainMembers.buckets(samples, order: order, scope: scope, by: by)
        var sums = [DesignCellSum](repeating: DesignCellSum(), count: psuCount)
        var result: [Cells] = []
        result.reserveCapacity(buckets.count)
        for members in buckets {
            var touched: [Int32] = []
            for index in members {
                let row = Int(index)
                let psu = Int(samples.psus[row])
                if sums[psu].count == 0 { touched.append(Int32(psu)) }
                sums[psu].add(weight: samples.weights[row], wage: samples.wages[row])
            }
            touched.sort()
            var cells = Cells()
            cells.psus = touched
            cells.cells.reserveCapacity(touched.count)
            var total = DesignCellSum()
            for psu in touched {
                cells.cells.append(sums[Int(psu)].cell)
                total.merge(sums[Int(psu)])
                sums[Int(psu)] = DesignCellSum()
            }
            cells.total = total.cell
            result.append(cells)
        }
        return result
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
