import ArgumentParser
import WorkforceKit

/// `workforce run`: the whole pipeline, inputs to published reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate the inputs, compute the indicators and publish the reports.",
        discussion: """
            Memory: 38 bytes per accepted worker (the columns quantiles and rates need), \
            22-43 bytes per key while duplicate keys are checked, and per thread one \
            breakdown's sums per (domain, PSU); see docs/operations.md.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup(title: "Estimates") var estimation: EstimationOptions

    @Option(
        help: ArgumentHelp(
            "Drop runs older than this many days from OUTPUTS/history.sqlite (default: keep every run).",
            valueName: "days"))
    var keepHistoryDays: Int?

    func run() throws {
        let log = common.makeLog()
        // The built-in defaults, then the plan, then what the command line gives.
        let planned = try common.plannedOptions(validateOnly: false, log: log)
        var options = estimation.applied(to: planned)
        options.keepHistoryDays = keepHistoryDays
        try checked(options)
        let summary = try runPipeline(options, log: log)
        log.summary(summary, verbose: common.verbose)
    }
}

/// `workforce validate`: checks only; exit status 0 when every row is accepted, 1 otherwise.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inputs without computing indicators.",
        discussion: """
            Reads and validates every input file as `run` does and publishes, under OUTPUTS/validation/ \
            (never over the reports): data_quality.csv (rows read, accepted and quarantined per file and \
            reason), quarantine/<table>.csv (every rejected row with its line, column and reason), \
            workforce.xlsx (the same, as a workbook) and manifest.json (inputs with SHA-256).

            Exit status 0 when every row is accepted, 1 when rows were quarantined, 65/66 when an input \
            cannot be used, 64 for a bad option.
            """
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        let log = common.makeLog()
        let summary = try runPipeline(common.plannedOptions(validateOnly: true, log: log), log: log)
        log.summary(summary, verbose: common.verbose)
        if !summary.isClean { throw ExitCode(ExitStatus.rowsQuarantined.rawValue) }
    }
}

/// Runs the pipeline, turning its errors into one line on stderr (`log`) and a sysexits status.
func runPipeline(_ options: PipelineOptions, log: RunLog) throws -> RunSummary {
    do {
        return try Pipeline(options: options).run()
    } catch let error as WorkforceError {
        log.error("\(error)")
        throw ExitCode(error.exitStatus.rawValue)
    } catch {
        log.error("internal error: \(error); please report it with the inputs that caused it")
        throw ExitCode(ExitStatus.software.rawValue)
    }
}
