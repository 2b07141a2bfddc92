/// The estimates every report takes from the design cells — headcount, share of the scope, mean
/// wage — for each (year, domain), gathered one (scope, by-variable) block at a time.
///
/// A domain's cells are the per-PSU Σ w and Σ w·wage of its rows, gathered by the
/// one `PSUPass` on up to `jobs` threads (one block per thread), turned into the
/// domain's estimates at once and dropped. The sums are exact, so the cells, and the
/// estimates, are the same for any number of threads.
public struct DomainCells: Sendable {
    /// One domain's estimates from its cells.
    public struct Summary: Sendable {
        /// Rows of the domain.
        public var rows = 0
        /// Σ w.
        public var weight = 0.0
        /// Σ w (R `svytotal`).
        public var headcount = Estimate.point(n: 0, nil)
        /// Σ w / Σ w of the scope (R `svymean(~factor(by))` within the scope); also for a value without rows.
        public var share = Estimate.point(n: 0, nil)
        /// Weighted mean wage (R `svymean`), with its design effect.
        public var meanWage = Estimate.point(n: 0, nil)
        /// For industry × skill level: the share of the industry's weight (nil for other by-variables).
        public var shareOfIndustry: Estimate?
        /// PSUs with rows of the domain: the length of its per-PSU lists in every pass.
        public var psuCount = 0
    }

    /// The terms of the cells.
    private enum Term {
        static let weight = 0, wage = 1
        static let all: [LinearTerm] = [.weight(), LinearTerm(.column(.wage))]
    }

    private var summaries: [YearDomain: Summary] = [:]
    /// Years with at least one worker, ascending.
    public let years: [Int]
    /// The breakdowns estimated (`ByVariable.builtIns`, then the plan's), in report order.
    public let breakdowns: [ByVariable]
    /// The scopes every breakdown is estimated in (`Scope.builtIns`, then the plan's), in report order.
    public let scopes: [Scope]
    /// Number of (year, domain, PSU) cells gathered.
    public private(set) var cellCount = 0

    /// Gathers every block's cells and estimates; the first design error in (year, block) order is thrown.
    public init(
        _ accumulator: WorkerAccumulator, estimators: [Int: DesignEstimator],
        breakdowns: [ByVariable] = ByVariable.builtIns, scopes: [Scope] = Scope.builtIns, jobs: Int = 1
    ) throws(DesignError) {
        years = accumulator.samples.keys.sorted()
        self.breakdowns = breakdowns
        self.scopes = scopes
        for year in years {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let blocks = try DomainBlocks.map(jobs: jobs, scopes: scopes, breakdowns: breakdowns) {
                scope, by throws(DesignError) in
                try Self.summarise(samples, scope: scope, by: by, estimator: estimator)
            }
            for (index, block) in blocks.enumerated() {
                let (scope, by) = DomainBlocks.all(scopes: scopes, breakdowns: breakdowns)[index]
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
        let rollup =
            by == .industryBySkill
            ? PSUPass.Rollup(groups: ByVariable.industry.cardinality, group: IndustrySkill.industry(of:)) : nil
        let pass = PSUPass(samples, values: by.cardinality, terms: Term.all, rollup: rollup, whole: true)
        pass.run(samples, scope: scope, by: by)
        let whole = pass.takeWhole()
        guard whole.totals[Term.weight] > 0 else { return (Array(repeating: Summary(), count: by.cardinality), 0) }
        let industries = rollup.map { (0..<$0.groups).map { pass.take(group: $0) } } ?? []
        let means = (0..<by.cardinality).map { value in
            let totals = pass.totals(of: value)
            return totals[Term.weight] > 0 ? totals[Term.wage] / totals[Term.weight] : 0
        }
        let deviations = ElementDeviations.sums(
            samples, scope: scope, by: by,
            measures: [ElementDeviations.Measure(column: .wage, known: .always)],
            means: means.map { [$0] })
        var summaries: [Summary] = []
        var cellCount = 0
        for value in 0..<by.cardinality {
            let cells = pass.take(value)
            cellCount += cells.psus.count
            var summary = Summary(rows: cells.rows, weight: cells.totals[Term.weight])
            summary.psuCount = cells.psus.count
            if cells.rows > 0 {
                summary.headcount = try estimator.total(cells, term: Term.weight)
            }
            summary.share = try share(cells, of: whole, estimator)
            if let mean = Linearized.ratio(cells, y: Term.wage, x: Term.weight, n: cells.rows) {
                summary.meanWage = try estimator.estimate(mean, deviations: deviations[value][0])
            } else {
                summary.meanWage = .point(n: cells.rows, nil)
            }
            if rollup != nil {
                summary.shareOfIndustry = try share(cells, of: industries[IndustrySkill.industry(of: value)], estimator)
            }
            summaries.append(summary)
        }
        return (summaries, cellCount)
    }

    /// The domain's share of a larger domain's weight.
    private static func share(
        _ cells: DomainSums, of scope: DomainSums, _ estimator: DesignEstimator
    ) throws(DesignError) -> Estimate {
        guard let part = Linearized.share(cells, y: Term.weight, of: scope, x: Term.weight, n: cells.rows) else {
            return .point(n: cells.rows, nil)
        }
        return try estimator.proportion(part, scopeRows: scope.rows)
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
