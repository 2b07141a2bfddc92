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

    func run() throws {
        let summary = try runPipeline(estimation.applied(to: common.pipelineOptions(validateOnly: false)))
        printSummary(summary, common: common)
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
        let summary = try runPipeline(common.pipelineOptions(validateOnly: true))
        printSummary(summary, common: common)
        if !summary.isClean { throw ExitCode(ExitStatus.rowsQuarantined.rawValue) }
    }
}

/// Runs the pipeline, turning its errors into a message on stderr and a sysexits status.
func runPipeline(_ options: PipelineOptions) throws -> RunSummary {
    do {
        return try Pipeline(options: options).run()
    } catch let error as WorkforceError {
        printError("workforce: error: \(error)")
        throw ExitCode(error.exitStatus.rawValue)
    } catch {
        printError("workforce: internal error: \(error); please report it with the inputs that caused it")
        throw ExitCode(ExitStatus.software.rawValue)
    }
}

/// The one-line summary on stderr: rows, seconds, rows per second, quarantined rows.
func printSummary(_ summary: RunSummary, common: CommonOptions) {
    if summary.skipped {
        if !common.quiet {
            printError("workforce: inputs, program and settings unchanged since the published run; nothing to do")
        }
        return
    }
    if common.verbose {
        for account in summary.accounts {
            printError(
                "workforce: \(account.file): \(account.rowsRead) read, \(account.rowsAccepted) accepted, \(account.rowsQuarantined) quarantined, \(account.encoding)"
            )
        }
    }
    if common.quiet { return }
    let rate = summary.seconds > 0 ? Double(summary.rowsRead) / summary.seconds : 0
    let seconds = (summary.seconds * 1000).rounded() / 1000
    printError(
        "workforce: \(summary.rowsRead) rows in \(seconds) s (\(Int(rate)) rows/s); "
            + "\(summary.rowsQuarantined) quarantined")
}
