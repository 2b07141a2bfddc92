/// The PSU cells of each (year, domain), gathered from the wage samples for estimation.
///
/// Every accepted worker is a row of its wave's `WageSamples`; a domain's cells
/// are the per-PSU sums of its rows, gathered one (scope, by-variable) block at
/// a time on up to `jobs` threads. The sums are exact (`DesignCellSum`), so the
/// cells are the same for any number of threads or chunk size.
public struct DomainCells: Sendable {
    /// Cells of one domain: PSU numbers ascending, each PSU's Σ w and Σ w·wage, and the domain's
    /// sums over them (20 bytes per PSU: the design cells of every domain are held at once).
    public struct Cells: Sendable {
        public var psus: [Int32] = []
        public var cells: [PSUSums] = []
        public var total = DesignCell()
    }

    private var domains: [YearDomain: Cells] = [:]
    /// Years with at least one worker, ascending.
    public let years: [Int]
    /// Number of (year, domain, PSU) cells.
    public private(set) var cellCount = 0

    public init(_ accumulator: WorkerAccumulator, jobs: Int = 1) {
        years = accumulator.samples.keys.sorted()
        for year in years {
            guard let samples = accumulator.samples[year] else { continue }
            let blocks = concurrentMap(DomainBlocks.all.count, jobs: jobs) { index in
                let (scope, by) = DomainBlocks.all[index]
                return Self.gather(samples, scope: scope, by: by)
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
    /// One pass over the rows in file order, keeping only the current PSU's sums per value
    /// (survey files list a PSU's rows together); should a PSU come back later, each value's
    /// entries are sorted by PSU and merged — exactly, as `ExactSum`s are.
    /// - Complexity: O(rows + cells × log cells when PSUs come back).
    static func gather(_ samples: WageSamples, scope: Scope, by: ByVariable) -> [Cells] {
        let pass = CellPass(values: by.cardinality)
        pass.run(samples, scope: scope, by: by)
        return pass.cells()
    }
}

/// The state of one streaming pass gathering a block's cells.
private final class CellPass {
    let current: UnsafeMutableBufferPointer<DesignCellSum>
    @exclusivity(unchecked) var psus: [[Int32]]
    @exclusivity(unchecked) var sums: [[DesignCellSum]]
    @exclusivity(unchecked) var touched: [Int] = []
    @exclusivity(unchecked) var cameBack = false

    init(values: Int) {
        current = .allocate(capacity: values)
        current.initialize(repeating: DesignCellSum())
        psus = Array(repeating: [], count: values)
        sums = Array(repeating: [], count: values)
    }

    deinit { current.deallocate() }

    func run(_ samples: WageSamples, scope: Scope, by: ByVariable) {
        let current = current
        cameBack = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            if current[value].count == 0 { touched.append(value) }
            current[value].add(weight: samples.weights[row], wage: samples.wages[row])
        } flush: { psu in
            for value in touched {
                psus[value].append(psu)
                sums[value].append(current[value])
                current[value] = DesignCellSum()
            }
            touched.removeAll(keepingCapacity: true)
        }
    }

    func cells() -> [DomainCells.Cells] {
        psus.indices.map { value in
            var psuList = psus[value]
            var sumList = sums[value]
            if cameBack {
                var mergedPSUs: [Int32] = []
                var mergedSums: [DesignCellSum] = []
                PSURuns.inPSUOrder(psuList) { index, startsPSU in
                    if startsPSU {
                        mergedPSUs.append(psuList[index])
                        mergedSums.append(sumList[index])
                    } else {
                        mergedSums[mergedSums.count - 1].merge(sumList[index])
                    }
                }
                psuList = mergedPSUs
                sumList = mergedSums
            }
            var cells = DomainCells.Cells()
            cells.psus = psuList
            cells.cells = sumList.map(\.psuSums)
            var total = DesignCellSum()
            for sum in sumList { total.merge(sum) }
            cells.total = total.cell
            return cells
        }
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
