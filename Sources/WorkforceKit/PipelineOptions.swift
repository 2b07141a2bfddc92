import Foundation

/// Everything a run can be told, with the defaults `workforce run` uses.
public struct PipelineOptions: Sendable {
    /// Folder holding the input CSVs.
    public var inputs: String
    /// Folder the reports are published into.
    public var outputs: String
    /// Threads used to parse and aggregate; results do not depend on it.
    public var jobs: Int
    /// Nominal chunk size in bytes for parallel parsing; results do not depend on `jobs`, only on this.
    public var chunkBytes: Int = 8 << 20
    /// Largest accepted field in bytes; a longer one quarantines its record.
    public var maxFieldBytes: Int = 1 << 20
    /// Most (stratum, PSU) pairs accepted: memory for design cells grows with them (about 2.5 KB each).
    public var maxPSUs = 2_000_000
    /// Write raw records (and the keys in duplicate messages) into the quarantine files.
    public var rawQuarantine = true
    /// Small-cell flagging and suppression thresholds.
    public var disclosure = DisclosurePolicy()
    /// Industry codes of the industrial-worker scope.
    public var industrialScope: Set<UInt8> = Industry.defaultIndustrialScope
    /// Write a UTF-8 BOM at the start of CSV reports (Excel needs it for Chinese text).
    public var csvByteOrderMark = true
    /// Treatment of strata with a single PSU.
    public var lonelyPSU: LonelyPSUPolicy = .adjust
    /// Real wage growth may fall this far (as a fraction, 0.005 = 0.5 pp a year) below real GDP growth and still be "in step".
    public var inStepTolerance = 0.005
    /// Level of the confidence intervals.
    public var confidenceLevel = 0.95
    /// Wages below this share of the median are low pay.
    public var lowPayFraction = LowPayFraction.twoThirds
    /// The wage quantiles the wages report publishes.
    public var wageQuantiles = WageQuantiles.standard
    /// The wave changes.csv measures every later wave from (the plan's `[changes] base`); nil: each wave's previous one.
    public var changesBase: Int?
    /// How each wave's weights are calibrated to population.csv; nil: the design weights as given.
    public var calibration: CalibrationSettings?
    /// Enterprises whose dispatched workers exceed this share of their workforce are over the cap.
    public var dispatchCap = PipelineOptions.defaultDispatchCap
    /// The regulation's cap on dispatched workers: 10 % of the workforce.
    public static let defaultDispatchCap = 0.10
    /// Names of indicators that replace the catalog's (`IndicatorCatalog`), by code.
    public var indicatorLabels: [String: IndicatorLabel] = [:]
    /// Rates the survey plan defines, published in rates.csv.
    public var rateIndicators: [RateIndicator] = []
    /// The scopes every breakdown is estimated in: all workers, the industrial ones, then the survey plan's.
    public var scopes: [Scope] = Scope.builtIns
    /// The breakdowns estimated: the contract's, then the survey plan's crosses (`ByVariable`).
    public var breakdowns: [ByVariable] = ByVariable.builtIns
    /// The indicator reports published (the survey plan's `[reports] publish`).
    public var reports = ReportChoice.all
    /// Quantiles of numeric columns the survey plan defines, published in quantiles.csv.
    public var quantileIndicators: [QuantileIndicator] = []
    /// The plan's statistics of the other kinds (ratios.csv, totals.csv …).
    public var planStatistics: [PlanStatistic] = []
    /// Means of numeric columns the survey plan defines, published in means.csv.
    public var meanIndicators: [MeanIndicator] = []
    /// Columns of workers.csv the survey plan declares, and contract numbers its bands, rates
    /// and means read that the waves do not otherwise keep.
    public var extraColumns = ExtraColumns()
    /// Header spellings accepted for contract columns besides their own, by table then column name.
    public var columnAliases: [TableKind: [String: [String]]] = [:]
    /// Names of domains that replace the built-in ones, by breakdown (`ByVariable.name`) then domain code.
    public var domainLabels: [String: [String: IndicatorLabel]] = [:]
    /// SHA-256 of the plan file the settings came from (`SurveyPlan`); nil for the built-in plan.
    public var planSHA256: String?
    /// End CSV lines with CRLF.
    public var csvCRLF = false
    /// Check inputs and write only the data-quality report and quarantine.
    public var validateOnly = false

    /// Text encoding of every input, overriding detection (BOM, then strict UTF-8, then GB18030).
    public var encoding: TextEncoding?
    /// Fail (exit 65, nothing published) when more than this share of the rows read is quarantined.
    public var maxRejectRate: Double?
    /// Wait for another run's lock instead of failing at once (exit 75).
    public var waitForLock = false
    /// Do nothing when the inputs, the program and the settings are those of the published run.
    public var onlyIfChanged = false
    /// Published runs kept under `runs/`.
    public var keepRuns = 5
    /// Runs older than this many days are dropped from history.sqlite; nil keeps them all.
    public var keepHistoryDays: Int?
    /// Chinese column headers in the workbook.
    public var chineseHeaders = false
    /// Receives the run's events: waiting, stages, ingestion progress, notes (`RunEvent`).
    public var events: @Sendable (RunEvent) -> Void = { _ in }
    /// Receives warnings: the run goes on, but a person should look (the CLI prints them unless --quiet).
    public var warn: @Sendable (String) -> Void = { _ in }
    /// Share of a file's accepted rows mapped to "other" in one column above which the run warns.
    public static let otherShareWarning = 0.05

    public init(inputs: String, outputs: String, jobs: Int) {
        self.inputs = inputs
        self.outputs = outputs
        self.jobs = jobs  // checked by `validate`: 0 is refused, not taken for 1
    }

    /// Where the run publishes: the output folder, or its `validation/` sub-folder for a check only,
    /// so that `validate` never changes what `latest` and the stable report names lead to.
    public var publishedFolder: String {
        validateOnly ? URL(fileURLWithPath: outputs).appendingPathComponent("validation").path : outputs
    }

    /// Most threads a run accepts: more than any machine it runs on has cores, and far below overflow.
    public static let maxJobs = 1024
    /// Largest nominal chunk: far more than a chunk needs (8 MiB by default), far below overflow.
    public static let maxChunkBytes = 1 << 30
    /// Confidence levels a run accepts: beyond 0.999999 the normal quantile is no longer
    /// representable apart from 1 in a Double, and below 0.01 an interval says nothing.
    public static let confidenceLevels: ClosedRange<Double> = 0.01...0.999_999

    /// Checks the settings a caller can get wrong; the CLI refuses the same values with status 64.
    public func validate() throws(OptionError) {
        guard (1...Self.maxJobs).contains(jobs) else {
            throw OptionError("--jobs must be between 1 and \(Self.maxJobs), e.g. the number of cores")
        }
        guard (1...Self.maxChunkBytes).contains(chunkBytes) else {
            throw OptionError("--chunk-bytes must be between 1 and \(Self.maxChunkBytes) (1 GiB)")
        }
        guard Self.confidenceLevels.contains(confidenceLevel) else {
            throw OptionError(
                "--confidence-level must be between \(Self.confidenceLevels.lowerBound) and \(Self.confidenceLevels.upperBound), e.g. 0.95"
            )
        }
        if let maxRejectRate, !(0...1).contains(maxRejectRate) {
            throw OptionError("--max-reject-rate must be between 0 and 1, e.g. 0.05")
        }
        guard keepRuns >= 1 else { throw OptionError("--keep-runs must be 1 or more") }
        if let keepHistoryDays, keepHistoryDays < 1 {
            throw OptionError("--keep-history-days must be 1 or more (leave it out to keep every run)")
        }
        guard disclosure.suppressBelow >= 0, disclosure.lowNBelow >= disclosure.suppressBelow else {
            throw OptionError("need 0 ≤ --suppress-below ≤ --low-n-below")
        }
        guard maxPSUs >= 1 else { throw OptionError("--max-psus must be 1 or more") }
    }
}
