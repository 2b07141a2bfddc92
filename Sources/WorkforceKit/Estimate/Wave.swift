import Foundation

/// One year's accepted workers as columns (the contract's and the plan's declared ones), with
/// the year's design: what aggregation hands to estimation.
struct Wave: Sendable {
    let year: Int
    /// The workers in file order.
    let samples: WageSamples
    let estimator: DesignEstimator
    /// The rows of a column sorted by value, made once for every request of the run that reads them.
    let sorted = SortedCores()

    init(year: Int, samples: WageSamples, estimator: DesignEstimator) {
        self.year = year
        self.samples = samples
        self.estimator = estimator
    }

    /// Two waves as one (`WageSamples.paired`) under the design of both: each stratum's PSUs are
    /// those of either wave, so a PSU observed in both is one cluster. Its year is the later's.
    static func paired(_ earlier: Wave, _ later: Wave, table: PSUTable) -> Wave {
        let samples = WageSamples.paired(earlier.samples, later.samples)
        var design = SurveyDesign(
            year: later.year, psuNumbers: samples.distinctPSUs(psuCount: table.count), table: table)
        design.calibration = CalibrationDesign(samples, design: design)
        let estimator = later.estimator
        return Wave(
            year: later.year, samples: samples,
            estimator: DesignEstimator(design: design, lonely: estimator.lonely, level: estimator.level))
    }

    /// The rows that give `column` and meet `known`, in file order (`WageSamples.valued`), made
    /// once a wave: what the listed walk's quantile passes read, block after block.
    func valued(_ column: WaveColumn, where known: RowCondition) -> WageSamples {
        sorted.valued(column, known) { samples.valued(by: column, where: known) }
    }

    /// The rows that give `column` and meet `known`, sorted by value (ties in file order), as
    /// `WageSamples.wageOrderedCore` copies them: what quantiles read.
    func core(_ column: WaveColumn, where known: RowCondition, jobs: Int) -> WageSamples {
        sorted.core(column, known) {
            column == .wage && known == .always
                ? samples.wageOrderedCore(jobs: jobs)
                : samples.valued(by: column, where: known).wageOrderedCore(jobs: jobs)
        }
    }
}

/// A wave's sorted copies of columns (and its rows that give a column, in file order), each made
/// on first use (under a lock) and kept with the wave.
final class SortedCores: @unchecked Sendable {
    private let lock = NSLock()
    private var cores: [(column: WaveColumn, known: RowCondition, core: WageSamples)] = []
    private var valued: [(column: WaveColumn, known: RowCondition, rows: WageSamples)] = []

    /// The rows of (`column`, `known`) in file order, made by `make` the first time.
    func valued(_ column: WaveColumn, _ known: RowCondition, make: () -> WageSamples) -> WageSamples {
        lock.lock()
        defer { lock.unlock() }
        if let kept = valued.first(where: { $0.column == column && $0.known == known }) { return kept.rows }
        let rows = make()
        valued.append((column, known, rows))
        return rows
    }

    /// The copy of (`column`, `known`), made by `make` the first time.
    func core(_ column: WaveColumn, _ known: RowCondition, make: () -> WageSamples) -> WageSamples {
        lock.lock()
        defer { lock.unlock() }
        if let kept = cores.first(where: { $0.column == column && $0.known == known }) { return kept.core }
        let core = make()
        cores.append((column, known, core))
        return core
    }
}
