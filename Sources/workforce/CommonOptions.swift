import ArgumentParser
import Foundation
import WorkforceKit

/// Options shared by `run` and `validate`: where inputs and outputs are, how they are read and published.
struct CommonOptions: ParsableArguments {
    @Option(help: "Folder holding the input CSV files.")
    var inputs = "Inputs"

    @Option(help: "Folder the reports are written to (created if missing).")
    var outputs = "Outputs"

    @Option(
        help: ArgumentHelp(
            "The survey plan (docs/plan.md). Default: INPUTS/plan.toml when it exists, else the built-in plan.",
            valueName: "file"))
    var plan: String?

    @Option(help: "Threads for parsing and aggregation (default: all cores). Results never depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Nominal chunk size in bytes for parallel parsing.", visibility: .hidden))
    var chunkBytes: Int = 8 << 20

    @Option(
        help:
            "Text encoding of the inputs: utf-8, gb18030 (also GBK), utf-16le or utf-16be. Default: detected per file (BOM, then strict UTF-8, then GB18030)."
    )
    var encoding: TextEncoding?

    @Option(
        help:
            "The language of the workbook's headers, sheet names and README sheet, and of summary.html: en or zh. CSV headers, codes and file names stay English."
    )
    var lang: Language = .en

    @Option(
        help: "Fail with status 65 and publish nothing when more than this share (0–1) of the rows read is quarantined."
    )
    var maxRejectRate: Double?

    @Flag(help: "Wait for another run that holds the output folder's lock instead of exiting with status 75.")
    var wait = false

    @Flag(help: "Do nothing (exit 0) when the inputs, the program and the settings are those of the published run.")
    var ifChanged = false

    @Option(help: "Published runs kept under OUTPUTS/runs/.")
    var keepRuns = 5

    @Option(
        help: ArgumentHelp(
            "Most distinct (stratum, psu) pairs before the run stops: memory grows with them (about 2.5 KB each).",
            valueName: "n"))
    var maxPsus = 2_000_000

    @Flag(help: "Leave raw records out of the quarantine files (file, line, column and reason stay).")
    var noRawQuarantine = false

    @Flag(help: "End CSV report lines with CRLF instead of LF.")
    var csvCrlf = false

    @Flag(help: "Print only errors.")
    var quiet = false

    @Flag(help: "Also print what happened to each input file.")
    var verbose = false

    @Option(
        help: ArgumentHelp(
            "Log lines on stderr: text (timestamped; a progress line on a terminal) or json (one object per line, for log collectors).",
            valueName: "format"))
    var logFormat: RunLog.Format = .text

    @Option(
        help: "Write a UTF-8 byte-order mark at the start of CSV reports (on|off). Excel needs it for Chinese text.")
    var csvBom: Switch = .on

    func validate() throws {
        guard !(quiet && verbose) else { throw ValidationError("--quiet and --verbose cannot be used together") }
        // The library's own checks, so that the CLI and a caller refuse the same values.
        try checked(pipelineOptions(validateOnly: false))
    }

    /// The plan a run follows: --plan, else INPUTS/plan.toml when it exists, else the built-in plan.
    func surveyPlan() throws(PlanError) -> SurveyPlan {
        if let plan { return try SurveyPlan.load(path: plan) }
        return try SurveyPlan.inInputs(inputs)
    }

    /// The library's options under the survey plan (`surveyPlan`); a plan that cannot be used
    /// ends the command with its message and status 65.
    func plannedOptions(validateOnly: Bool, log: RunLog) throws -> PipelineOptions {
        do {
            return try surveyPlan().applied(to: pipelineOptions(validateOnly: validateOnly, log: log))
        } catch {
            log.error("\(error)")
            throw ExitCode(error.exitStatus.rawValue)
        }
    }

    /// Where a run's events, warnings and errors are shown.
    func makeLog() -> RunLog { RunLog(format: logFormat, quiet: quiet) }

    /// The library's options; the run's events and warnings go to `log`.
    func pipelineOptions(validateOnly: Bool, log: RunLog? = nil) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs, outputs: outputs, jobs: jobs)
        options.chunkBytes = chunkBytes
        options.csvByteOrderMark = csvBom == .on
        options.csvCRLF = csvCrlf
        options.validateOnly = validateOnly
        options.maxRejectRate = maxRejectRate
        options.encoding = encoding
        options.maxPSUs = maxPsus
        options.rawQuarantine = !noRawQuarantine
        options.waitForLock = wait
        options.onlyIfChanged = ifChanged
        options.keepRuns = keepRuns
        options.chineseHeaders = lang == .zh
        if let log {
            options.events = { log.show($0) }
            options.warn = { log.warning($0) }
        }
        return options
    }
}

/// Options of the estimates, which only `run` computes: each overrides the survey plan's value.
struct EstimationOptions: ParsableArguments {
    @Option(help: "Estimates on fewer rows than this are blanked and flagged `suppressed` (plan default: 10).")
    var suppressBelow: Int?

    @Option(help: "Estimates on fewer rows than this are flagged `low_n` (plan default: 30).")
    var lowNBelow: Int?

    @Option(help: "Strata with a single PSU: adjust (plan default, as R), remove, certainty, average or fail.")
    var lonelyPsu: LonelyPSUPolicy?

    @Option(help: "Level of the confidence intervals, between 0 and 1 (plan default: 0.95).")
    var confidenceLevel: Double?

    /// Checks each value alone; suppress-below ≤ low-n-below is checked once the plan is applied.
    func validate() throws {
        var options = PipelineOptions(inputs: "Inputs", outputs: "Outputs", jobs: 1)
        options.confidenceLevel = confidenceLevel ?? options.confidenceLevel
        try checked(options)
        if let suppressBelow, suppressBelow < 0 { throw ValidationError("--suppress-below must be 0 or more") }
        if let lowNBelow, lowNBelow < 0 { throw ValidationError("--low-n-below must be 0 or more") }
    }

    /// `options` with the settings given on the command line (the others are left as they are).
    func applied(to options: PipelineOptions) -> PipelineOptions {
        var options = options
        options.disclosure = DisclosurePolicy(
            suppressBelow: suppressBelow ?? options.disclosure.suppressBelow,
            lowNBelow: lowNBelow ?? options.disclosure.lowNBelow)
        options.lonelyPSU = lonelyPsu ?? options.lonelyPSU
        options.confidenceLevel = confidenceLevel ?? options.confidenceLevel
        return options
    }
}

/// Refuses what the library would refuse, as a usage error (exit 64).
func checked(_ options: PipelineOptions) throws {
    do {
        try options.validate()
    } catch {
        throw ValidationError(error.message)
    }
}

/// An on/off option value.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

extension LonelyPSUPolicy: ExpressibleByArgument {}

/// Header language of the workbook.
enum Language: String, ExpressibleByArgument, CaseIterable {
    case en, zh
}

extension TextEncoding: ExpressibleByArgument {}
