import Foundation

/// What a run estimates and with which thresholds, as the analysts' plan file says (docs/plan.md).
///
/// The built-in default plan gives today's reports; a plan file (`Inputs/plan.toml` or
/// `--plan FILE`) changes what it names, and options on the command line override both.
public struct SurveyPlan: Sendable, Equatable {
    /// Industry codes of the "industrial" scope, estimated beside all workers for every breakdown.
    public var industrialScope: Set<UInt8> = Industry.defaultIndustrialScope
    /// Estimates on fewer sampled workers than this are blanked and flagged `suppressed`.
    public var suppressBelow = DisclosurePolicy().suppressBelow
    /// Estimates on fewer sampled workers than this are flagged `low_n`.
    public var lowNBelow = DisclosurePolicy().lowNBelow
    /// Level of the confidence intervals.
    public var confidenceLevel = 0.95
    /// Treatment of strata with a single PSU.
    public var lonelyPSU: LonelyPSUPolicy = .adjust
    /// How far real wage growth may fall below real GDP growth and still be "in step".
    public var inStepTolerance = 0.005
    /// Wages below this share of the median are low pay.
    public var lowPayFraction = LowPayFraction.twoThirds
    /// The indicator reports the run publishes.
    public var reports = ReportChoice.all
    /// The wage quantiles the wages report publishes.
    public var wageQuantiles = WageQuantiles.standard
    /// The wave every later wave's changes are measured from (`[changes] base`); nil: the previous wave.
    public var changesBase: Int?
    /// How each wave's weights are calibrated to population.csv (`[calibration]`); nil: not calibrated.
    public var calibration: CalibrationSettings?
    /// Share of dispatched workers in an enterprise's workforce above which it is over the cap.
    public var dispatchCap = PipelineOptions.defaultDispatchCap
    /// The plan's own names for indicators, by code.
    public var indicatorLabels: [String: IndicatorLabel] = [:]
    /// The rates the plan defines (rates.csv), in the file's order.
    public var rateIndicators: [RateIndicator] = []
    /// The breakdowns the plan adds to the contract's: crosses of one to three columns.
    public var addedBreakdowns: [ByVariable] = []
    /// Columns of workers.csv the plan declares, and the contract numbers its bands, rates and means read.
    public var extraColumns = ExtraColumns()
    /// Bands of numeric columns the plan defines, which its breakdowns may name.
    public var bands: [NumericBand] = []
    /// The scopes the plan adds to all workers and the industrial ones, in the file's order.
    public var scopes: [Scope] = []
    /// The means the plan defines (means.csv), in the file's order.
    public var meanIndicators: [MeanIndicator] = []
    /// The quantile lists the plan defines (quantiles.csv), in the file's order.
    public var quantileIndicators: [QuantileIndicator] = []
    /// The plan's statistics of the other kinds (`PlanStatisticKind`: ratios, totals), in the file's order.
    public var statistics: [PlanStatistic] = []
    /// Header spellings a bureau's files use for contract columns, by table then column name.
    public var columnAliases: [TableKind: [String: [String]]] = [:]
    /// The plan's own names for domains, by breakdown then domain code (as the `domain` column shows it).
    public var domainLabels: [String: [String: IndicatorLabel]] = [:]
    /// SHA-256 of the plan file's bytes; nil for the built-in default plan.
    public var sha256: String?

    public init() {}

    /// The plan's settings in `options`, which keep their other fields.
    public func applied(to options: PipelineOptions) -> PipelineOptions {
        var options = options
        options.industrialScope = industrialScope
        options.disclosure = DisclosurePolicy(suppressBelow: suppressBelow, lowNBelow: lowNBelow)
        options.confidenceLevel = confidenceLevel
        options.lonelyPSU = lonelyPSU
        options.inStepTolerance = inStepTolerance
        options.lowPayFraction = lowPayFraction
        options.wageQuantiles = wageQuantiles
        options.changesBase = changesBase
        options.calibration = calibration
        options.dispatchCap = dispatchCap
        options.indicatorLabels = indicatorLabels
        options.domainLabels = domainLabels
        options.columnAliases = columnAliases
        options.breakdowns = ByVariable.builtIns + addedBreakdowns
        options.rateIndicators = rateIndicators
        options.meanIndicators = meanIndicators
        options.quantileIndicators = quantileIndicators
        options.planStatistics = statistics
        options.reports = reports
        options.scopes = Scope.builtIns + scopes
        options.extraColumns = extraColumns
        options.planSHA256 = sha256
        return options
    }

    /// What a breakdown can name: the contract's worker columns, declared categories, bands.
    var crossFields: [CrossField] {
        let categories = extraColumns.sources.indices.compactMap { slot -> CrossField? in
            guard case .declared(let column) = extraColumns.sources[slot], case .category(let codes) = column.kind
            else { return nil }
            return .category(slot: slot, name: column.name, codes)
        }
        return WorkerField.allCases.map(CrossField.worker) + categories + bands.map(CrossField.band)
    }

    /// Largest plan file read: a plan is a page of settings, not data.
    static let maxBytes = 1 << 20

    /// The plan of a run on the folder `inputs`: `inputs/plan.toml` when anything stands at that
    /// name, else the built-in plan. A link to nothing stands there too: it cannot be read (66),
    /// as `plan check` says, rather than being passed over for the built-in plan.
    public static func inInputs(_ inputs: String) throws(PlanError) -> SurveyPlan {
        let path = URL(fileURLWithPath: inputs).appendingPathComponent("plan.toml").path
        var status = stat()
        guard lstat(path, &status) == 0 else {
            let code = errno
            // Nothing there (or `inputs` is no folder, which the run itself reports).
            if code == ENOENT || code == ENOTDIR { return SurveyPlan() }
            throw PlanError(
                file: path, line: nil, message: "cannot be read (\(String(cString: strerror(code))))",
                fix: "check the path and its permissions", exitStatus: .noInput)
        }
        if (status.st_mode & S_IFMT) == S_IFLNK, stat(path, &status) != 0, errno == ENOENT {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw PlanError(
                file: path, line: nil,
                message: "is a link to \(PlanError.quoted(target, limit: Int(PATH_MAX))), which does not exist",
                fix: "point the link at the plan, or remove it to run with the built-in plan", exitStatus: .noInput)
        }
        return try load(path: path)
    }

    /// The plan of the file at `path`, checked (`PlanFile`). Only a plain file is read (a FIFO
    /// or a device would block or never end), and at most `maxBytes` of it.
    public static func load(path: String) throws(PlanError) -> SurveyPlan {
        let name = path
        let descriptor: Int32
        do {
            descriptor = try RegularFile.open(path, displayName: name)
        } catch .notRegularFile(_, let kind) {
            throw PlanError(file: name, line: nil, message: "is \(kind), not a plain file", fix: "give the plan's file")
        } catch .unreadable(_, let reason) {
            throw PlanError(
                file: name, line: nil, message: "cannot be read (\(reason))", fix: "check the path and its permissions",
                exitStatus: .noInput)
        } catch {
            throw PlanError(
                file: name, line: nil, message: "cannot be read (\(error))", fix: "check the path and its permissions",
                exitStatus: .noInput)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let data = try? handle.read(upToCount: maxBytes + 1) ?? Data() else {
            throw PlanError(file: name, line: nil, message: "cannot be read", fix: "check the path and its permissions")
        }
        return try read(data, name: name)
    }

    /// The plan in a file's bytes `data` (at most `maxBytes`, UTF-8, a byte-order mark allowed),
    /// checked (`PlanFile`); `name` names the file in messages.
    public static func read(_ data: Data, name: String) throws(PlanError) -> SurveyPlan {
        guard data.count <= maxBytes else {
            throw PlanError(
                file: name, line: nil, message: "is larger than \(maxBytes / 1024) KiB",
                fix: "a plan holds settings only; is this the right file?")
        }
        // A byte-order mark (as Windows editors write) is not part of the text.
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard let text = String(data: body, encoding: .utf8) else {
            throw PlanError(file: name, line: nil, message: "is not UTF-8 text", fix: "save the plan as UTF-8")
        }
        var plan = try PlanFile(text: text, name: name).plan()
        plan.sha256 = Checksum.sha256(data)
        return plan
    }
}

extension SurveyPlan {
    /// The settings that differ from the built-in plan, as `key = value` in the file's terms.
    public var changesFromBuiltIn: [String] {
        let builtIn = SurveyPlan()
        var changes: [String] = []
        if industrialScope != builtIn.industrialScope {
            changes.append(
                "scope.industrial = [\(industrialScope.sorted().map { "\"\(Industry.letters[Int($0)])\"" }.joined(separator: ", "))]"
            )
        }
        if suppressBelow != builtIn.suppressBelow { changes.append("thresholds.suppress_below = \(suppressBelow)") }
        if lowNBelow != builtIn.lowNBelow { changes.append("thresholds.low_n_below = \(lowNBelow)") }
        if confidenceLevel != builtIn.confidenceLevel {
            changes.append("thresholds.confidence_level = \(confidenceLevel)")
        }
        if lonelyPSU != builtIn.lonelyPSU { changes.append("thresholds.lonely_psu = \"\(lonelyPSU.rawValue)\"") }
        if inStepTolerance != builtIn.inStepTolerance {
            changes.append("thresholds.in_step_tolerance = \(inStepTolerance)")
        }
        if lowPayFraction != builtIn.lowPayFraction {
            changes.append("thresholds.low_pay_fraction = \"\(lowPayFraction.text)\"")
        }
        if wageQuantiles != builtIn.wageQuantiles {
            changes.append("wages.quantiles = [\(wageQuantiles.probabilities.map { "\($0)" }.joined(separator: ", "))]")
        }
        if let changesBase { changes.append("changes.base = \(changesBase)") }
        if let calibration {
            changes.append(
                "calibration: \(calibration.method.rawValue) to \((calibration.margins.map(\.name) + calibration.totals.map(\.name)).joined(separator: ", "))"
            )
        }
        if let names = reports.names {
            let listed = ReportChoice.reports.filter(names.contains).map { "\"\($0)\"" }
            changes.append("reports.publish = [\(listed.joined(separator: ", "))]")
        }
        if dispatchCap != builtIn.dispatchCap { changes.append("thresholds.dispatch_cap = \(dispatchCap)") }
        for code in indicatorLabels.keys.sorted() { changes.append("indicator_labels.\(code)") }
        for column in extraColumns.declared { changes.append("columns.\(column.name)") }
        for band in bands { changes.append("bands.\(band.name)") }
        for scope in scopes { changes.append("scopes.\(scope.name)") }
        for rate in rateIndicators { changes.append("rates.\(rate.code)") }
        for mean in meanIndicators { changes.append("means.\(mean.code)") }
        for list in quantileIndicators { changes.append("quantiles.\(list.code)") }
        for statistic in statistics { changes.append("\(statistic.kind).\(statistic.code)") }
        if !addedBreakdowns.isEmpty {
            changes.append("breakdowns.add = [\(addedBreakdowns.map { "\"\($0.name)\"" }.joined(separator: ", "))]")
        }
        for table in columnAliases.keys.sorted() {
            for column in (columnAliases[table] ?? [:]).keys.sorted() {
                changes.append("column_aliases.\(table.rawValue).\(column)")
            }
        }
        for by in domainLabels.keys.sorted() {
            for code in (domainLabels[by] ?? [:]).keys.sorted() { changes.append("domain_labels.\(by).\(code)") }
        }
        return changes
    }
}
