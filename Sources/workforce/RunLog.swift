import ArgumentParser
import Foundation
import WorkforceKit

/// How the command line shows a run on stderr: a progress line on a terminal, timestamped lines, or JSON lines.
///
/// Text (the default): on a terminal, a progress line redrawn in place — input bytes read
/// of the total, percent, rows, rate and time left while reading, then the stage under
/// way — and one timestamped line per finished stage; not on a terminal, only the
/// timestamped lines. JSON (`--log-format json`, for log collectors): one object per line
/// with `time`, `level`, `event` and the event's fields, never a progress line. Errors
/// stay one line with the fix, in either format.
final class RunLog: @unchecked Sendable {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json

        /// The format `arguments` ask for (`--log-format json` or `--log-format=json`), if any.
        static func requested(in arguments: [String]) -> Format? {
            for (index, argument) in arguments.enumerated() {
                if argument == "--" { break }
                if argument.hasPrefix("--log-format=") { return Format(rawValue: String(argument.dropFirst(13))) }
                if argument == "--log-format", index + 1 < arguments.count {
                    return Format(rawValue: arguments[index + 1])
                }
            }
            return nil
        }
    }

    let format: Format
    let quiet: Bool
    /// Whether stderr is a terminal a person watches (a progress line is drawn only then).
    let terminal: Bool
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private var readingSince: ContinuousClock.Instant?
    private var drawn: ContinuousClock.Instant?
    private var lineShown = false
    /// The attempt's id (`RunEvent.runStarted`), on every line after it.
    private var runID: String?

    init(format: Format, quiet: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.format = format
        self.quiet = quiet
        self.terminal = terminal && format == .text
    }

    /// Shows one event of the run.
    func show(_ event: RunEvent) {
        lock.withLock {
            switch event {
            case .runStarted(let id):
                runID = id
            case .waitingForLock(let path):
                line(
                    level: "info", event: "waiting", text: "waiting for another run to finish (it holds \(path))",
                    fields: ["lock": path])
            case .stageStarted(let name):
                if name.hasPrefix("ingest") { readingSince = clock.now }
                progress("\(name)…")
            case .ingesting(let read, let total, let rows):
                progress(Self.ingestion(read: read, total: total, rows: rows, since: readingSince, now: clock.now))
            case .stageFinished(let name, let seconds, let rows):
                var fields: [String: Any] = ["stage": name, "seconds": seconds]
                var text = "\(name): \(seconds) s"
                if let rows {
                    fields["rows"] = rows
                    text += " (\(rows) rows)"
                }
                line(level: "info", event: "stage", text: text, fields: fields)
            case .note(let text):
                line(level: "info", event: "note", text: text, fields: [:])
            }
        }
    }

    /// A warning: the run goes on, but a person should look.
    func warning(_ text: String) {
        lock.withLock { line(level: "warning", event: "warning", text: "warning: " + text, fields: ["message": text]) }
    }

    /// An error that ends the run, shown even with `--quiet`.
    func error(_ text: String) {
        lock.withLock {
            line(level: "error", event: "error", text: "error: " + text, fields: ["message": text], always: true)
        }
    }

    /// The run's last line: rows, seconds, rate and rows quarantined (or that there was nothing to do).
    func summary(_ summary: RunSummary, verbose: Bool) {
        lock.withLock {
            if summary.skipped {
                line(
                    level: "info", event: "skipped",
                    text: "inputs, program and settings unchanged since the published run; nothing to do", fields: [:],
                    plain: true)
                return
            }
            if verbose {
                for account in summary.accounts {
                    line(
                        level: "info", event: "file",
                        text:
                            "\(account.file): \(account.rowsRead) read, \(account.rowsAccepted) accepted, \(account.rowsQuarantined) quarantined, \(account.encoding)",
                        fields: [
                            "file": account.file, "rows_read": account.rowsRead, "rows_accepted": account.rowsAccepted,
                            "rows_quarantined": account.rowsQuarantined, "encoding": account.encoding,
                        ], plain: true)
                }
            }
            let rate = summary.seconds > 0 ? Double(summary.rowsRead) / summary.seconds : 0
            let seconds = (summary.seconds * 1000).rounded() / 1000
            line(
                level: "info", event: "summary",
                text:
                    "\(summary.rowsRead) rows in \(seconds) s (\(Int(rate)) rows/s); \(summary.rowsQuarantined) quarantined",
                fields: ["rows": summary.rowsRead, "seconds": seconds, "rows_quarantined": summary.rowsQuarantined],
                plain: true)
        }
    }

    /// The progress text while reading: "ingest 45.2 of 130.7 MB (34 %), 812,345 rows, 95.1 MB/s, 1 s left".
    static func ingestion(
        read: Int, total: Int, rows: Int, since: ContinuousClock.Instant?, now: ContinuousClock.Instant
    ) -> String {
        func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
        var text = "reading \(megabytes(read)) of \(megabytes(total)) MB"
        if total > 0 { text += " (\(Int(Double(read) / Double(total) * 100)) %)" }
        text += ", \(rows) worker rows"
        if let since {
            let elapsed = (now - since).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            if seconds > 0.2, read > 0 {
                let rate = Double(read) / seconds
                text += String(format: ", %.1f MB/s, %.0f s left", rate / 1e6, Double(max(0, total - read)) / rate)
            }
        }
        return text
    }

    /// Redraws the progress line (terminal and text only), at most ten times a second.
    private func progress(_ text: String) {
        guard terminal, !quiet else { return }
        let now = clock.now
        if let drawn, now - drawn < .milliseconds(100), !text.hasSuffix("…") { return }
        drawn = now
        FileHandle.standardError.write(Data("\r\u{1B}[Kworkforce: \(PrintableText.escaped(text))".utf8))
        lineShown = true
    }

    /// Writes one log line: text (`workforce: <time> run <id>: <text>`), or a JSON object with
    /// `time` and `run_id`. Every line carries both, errors and the summary included (`plain`
    /// is kept for the callers' sake and no longer drops them).
    private func line(
        level: String, event: String, text: String, fields: [String: Any], always: Bool = false, plain: Bool = false
    ) {
        guard always || !quiet else { return }
        let time = ISO8601DateFormatter().string(from: Date())
        var output: String
        switch format {
        case .text:
            // File names and messages may carry control characters (a newline, a screen clear):
            // escaped, they can neither forge a log line nor drive the terminal.
            let text = PrintableText.escaped(text)
            output = "workforce: \(time)\(runID.map { " run \($0)" } ?? ""): \(text)"
        case .json:
            var object = fields
            object["time"] = time
            if let runID { object["run_id"] = runID }
            object["level"] = level
            object["event"] = event
            let data =
                (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data()
            output = String(decoding: data, as: UTF8.self)
        }
        if lineShown {
            output = "\r\u{1B}[K" + output
            lineShown = false
        }
        FileHandle.standardError.write(Data((output + "\n").utf8))
    }
}
