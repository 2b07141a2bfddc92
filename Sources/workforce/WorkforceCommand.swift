import ArgumentParser
import Foundation
import WorkforceKit

/// `workforce`: turns workforce-survey CSVs into the indicators of Shanghai's industrial-workforce policy.
@main
struct WorkforceCommand: ParsableCommand {
    /// Ignores SIGXFSZ, so that a file-size limit (ulimit -f) makes writes fail with EFBIG, which
    /// the pipeline reports (exit 74), instead of killing the process; adds 022 to the umask, so
    /// that nothing the product writes is writable by group or others (a stricter umask stays);
    /// stops when the arguments cannot be known (`ProcessArguments`); and shows usage errors as
    /// a JSON line under `--log-format json`.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        umask(umask(0) | 0o022)
        guard let arguments = ProcessArguments.read() else {
            RunLog(format: .text, quiet: false).error(ProcessArguments.unknown)
            Foundation.exit(ExitStatus.software.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            if !(error is ExitCode), status != .success, RunLog.Format.requested(in: arguments) == .json {
                RunLog(format: .json, quiet: false).error(message(for: error))
                Foundation.exit(status.rawValue)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "workforce",
        abstract: "Turn workforce-survey CSVs into policy indicators with their uncertainty.",
        discussion: """
            Reads the survey tables (workers, enterprises, economy, skill_demand, programs, \
            targets) from an input folder, quarantines rows that break the input contract \
            (docs/inputs.md), and writes reports to an output folder (docs/reports.md).

            Reports are published atomically under OUTPUTS/runs/<id>/; OUTPUTS/latest and \
            OUTPUTS/<report>.csv always point at the latest complete run (docs/operations.md). \
            `validate` publishes under OUTPUTS/validation/ and never moves them.

            Exit status: 0 success (or nothing to do with --if-changed); 1 `validate` found \
            quarantined rows; 64 usage error; 65 an input cannot be used (or changed while read), \
            no worker row was accepted, or too many rows quarantined (--max-reject-rate); 66 an \
            input is missing, unreadable or not a plain file; 70 an internal error, or the command \
            line cannot be read; 73/74 an output cannot be created or written (73 also when a \
            real file or folder stands where a link is published; 74 when the disk is full); \
            75 another run holds the lock (retry later).
            """,
        version: WorkforceVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, PlanCommand.self, GenerateCommand.self, SchemaCommand.self,
            DiffCommand.self,
            HistoryCommand.self,
        ],
        defaultSubcommand: RunCommand.self)
}
