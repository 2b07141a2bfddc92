/// The estimates every report takes from design cells — headcount, share of the scope, mean
/// wage — for each (year, domain), gathered one (scope, by-variable) block at a time.
///
/// A domain's cells are the per-PSU sums of its rows (`Cells`). They are gathered
/// in one streaming pass per block on up to `jobs` threads, turned into the
/// domain's estimates at once and dropped, so only one block's cells per thread
/// are ever held. The sums are exact (`DesignCellSum`), so the cells, and the
/// estimates, are the same for any number of threads or chunk size.
public struct DomainCells: Sendable {
    /// Cells of one domain: PSU numbers ascending, each PSU's Σ w and Σ w·wage, and the domain's
    /// sums over them.
    public struct Cells: Sendable {
        public var psus: [Int32] = []
        public var cells: [PSUSums] = []
        public var total = DesignCell()
    }

    /// One domain's estimates from its cells.
    public struct Summary: Sendable {
        public var total = DesignCell()
        /// Σ w (R `svytotal`).
        public var headcount = Estimate.point(n: 0, nil)
        /// Σ w / Σ w of the scope (R `svymean(~factor(by))` within the scope); also for a value without rows.
        public var share = Estimate.point(n: 0, nil)
        /// Weighted mean wage (R `svymean`).
        public var meanWage = Estimate.point(n: 0, nil)
        /// For industry × skill level: the share of the industry's weight (nil for other by-variables).
        public var shareOfIndustry: Estimate?
        /// PSUs with rows of the domain: the length of its per-PSU lists in every streaming pass.
        public var psuCount = 0
    }

    private var summaries: [YearDomain: Summary] = [:]
    /// Years with at least one worker, ascending.
    public let years: [Int]
    /// Number of (year, domain, PSU) cells gathered.
    public private(set) var cellCount = 0

    /// Gathers every block's cells and estimates; the first design error in (year, block) order is thrown.
    public init(
        _ accumulator: WorkerAccumulator, estimators: [Int: DesignEstimator], jobs: Int = 1
    ) throws(DesignError) {
        years = accumulator.samples.keys.sorted()
        for year in years {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let blocks = try DomainBlocks.map(jobs: jobs) { scope, by throws(DesignError) in
                try Self.summarise(samples, scope: scope, by: by, estimator: estimator)
            }
            for (index, block) in blocks.enumerated() {
                let (scope, by) = DomainBlocks.all[index]
                cellCount += block.cells
                for (value, summary) in block.summaries.enumerated() where summary.share.value != nil {
                    summaries[YearDomain(year: year, domain: Domain(scope: scope, by: by, value: value))] = summary
                }
            }
        }
    }

    /// The estimates of `domain` in `year` (no values, n = 0, when its scope has no workers).
    public subscript(year: Int, domain: Domain) -> Summary {
        summaries[YearDomain(year: year, domain: domain)] ?? Summary()
    }

    /// The number of PSUs of each value of `by` within `scope`, so that a later pass over the
    /// block can size its per-PSU lists once instead of growing them.
    public func psuCounts(year: Int, scope: Scope, by: ByVariable) -> [Int] {
        (0..<by.cardinality).map { self[year, Domain(scope: scope, by: by, value: $0)].psuCount }
    }

    /// The summaries of every value of `by` within `scope`, and the number of cells behind them.
    static func summarise(
        _ samples: WageSamples, scope: Scope, by: ByVariable, estimator: DesignEstimator
    ) throws(DesignError) -> (summaries: [Summary], cells: Int) {
        let gathered = gather(samples, scope: scope, by: by)
        guard gathered.scope.total.weight > 0 else { return (Array(repeating: Summary(), count: by.cardinality), 0) }
        var summaries: [Summary] = []
        for (value, cells) in gathered.values.enumerated() {
            var summary = Summary(total: cells.total)
            summary.psuCount = cells.psus.count
            if cells.total.n > 0 {
                summary.headcount = try estimator.totalWeight(cells)
            }
            summary.share = try estimator.share(cells, of: gathered.scope)
            summary.meanWage = try estimator.meanWage(cells)
            if by == .industryBySkill {
                let industry = gathered.industries[IndustrySkill.industry(of: value)]
                summary.shareOfIndustry = try estimator.share(cells, of: industry)
            }
            summaries.append(summary)
        }
        return (summaries, gathered.values.reduce(0) { $0 + $1.psus.count })
    }

    /// The cells of every value of `by` within `scope` (indexed by value code), of the whole
    /// scope, and for industry × skill level of each industry.
    ///
    /// One pass over the rows in file order, keeping only the current PSU's sums per value
    /// (survey files list a PSU's rows together); should a PSU come back later, each list's
    /// entries are sorted by PSU and merged — exactly, as `ExactSum`s are, so the scope's and
    /// industries' cells equal those gathered directly.
    /// - Complexity: O(rows + cells × log cells when PSUs come back).
    static func gather(_ samples: WageSamples, scope: Scope, by: ByVariable) -> (
        values: [Cells], scope: Cells, industries: [Cells]
    ) {
        let pass = CellPass(values: by.cardinality, industries: by == .industryBySkill, grid: DesignCellGrid(samples))
        pass.run(samples, scope: scope, by: by)
        var gathered = pass.cells()
        // Second pass: Σ w·(wage − mean)² of each value about its own mean, for the design effect.
        let means = gathered.values.map { $0.total.weight > 0 ? $0.total.wage / $0.total.weight : 0 }
        var deviations = [Double](repeating: 0, count: means.count)
        _ = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            let deviation = samples.wages[row] - means[value]
            deviations[value] += samples.weights[row] * deviation * deviation
        } flush: { _ in
        }
        for value in gathered.values.indices {
            gathered.values[value].total = gathered.values[value].total.with(wageDeviations: deviations[value])
        }
        return gathered
    }
}

/// The state of one streaming pass gathering a block's cells.
private final class CellPass {
    let current: UnsafeMutableBufferPointer<DesignCellSum>
    let industries: Bool
    /// Per list (values, then the scope, then industries): PSUs and their sums.
    @exclusivity(unchecked) var psus: [[Int32]]
    @exclusivity(unchecked) var sums: [[DesignCellSum]]
    @exclusivity(unchecked) var touched: [Int] = []
    @exclusivity(unchecked) var cameBack = false
    let values: Int
    let grid: DesignCellGrid

    init(values: Int, industries: Bool, grid: DesignCellGrid) {
        self.values = values
        self.industries = industries
        self.grid = grid
        current = .allocate(capacity: values)
        current.initialize(repeating: DesignCellSum())
        let lists = values + 1 + (industries ? values / IndustrySkill.levels : 0)
        psus = Array(repeating: [], count: lists)
        sums = Array(repeating: [], count: lists)
    }

    deinit { current.deallocate() }

    func run(_ samples: WageSamples, scope: Scope, by: ByVariable) {
        let current = current
        let grid = grid
        cameBack = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            if current[value].count == 0 { touched.append(value) }
            current[value].add(weight: samples.weights[row], wage: samples.wages[row], on: grid)
        } flush: { psu in
            flush(psu)
        }
    }

    /// Appends the PSU's sums to each value that had rows in it, to the scope, and to the industries.
    private func flush(_ psu: Int32) {
        var scope = DesignCellSum()
        var industry = DesignCellSum()
        var industryIndex = -1
        // Values are touched in row order; the industries' sums need them grouped by industry.
        if industries { touched.sort() }
        for value in touched {
            psus[value].append(psu)
            sums[value].append(current[value])
            scope.merge(current[value])
            if industries {
                if IndustrySkill.industry(of: value) != industryIndex {
                    if industryIndex >= 0 { append(industry, to: values + 1 + industryIndex, psu: psu) }
                    industryIndex = IndustrySkill.industry(of: value)
                    industry = DesignCellSum()
                }
                industry.merge(current[value])
            }
            current[value] = DesignCellSum()
        }
        if industryIndex >= 0 { append(industry, to: values + 1 + industryIndex, psu: psu) }
        if !touched.isEmpty { append(scope, to: values, psu: psu) }
        touched.removeAll(keepingCapacity: true)
    }

    private func append(_ sum: DesignCellSum, to list: Int, psu: Int32) {
        psus[list].append(psu)
        sums[list].append(sum)
    }

    func cells() -> (values: [DomainCells.Cells], scope: DomainCells.Cells, industries: [DomainCells.Cells]) {
        let lists = psus.indices.map { list in
            var psuList = psus[list]
            var sumList = sums[list]
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
            cells.cells = sumList.map { $0.psuSums(on: grid) }
            var total = DesignCellSum()
            for sum in sumList { total.merge(sum) }
            cells.total = total.cell(on: grid)
            return cells
        }
        return (Array(lists[0..<values]), lists[values], Array(lists[(values + 1)...]))
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
