import ArgumentParser
import Foundation
import WorkforceKit

/// `workforce diff`: what moved between two published runs, read from OUTPUTS/history.sqlite.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List what changed between two published runs (default: the last two).",
        discussion: """
            Reads OUTPUTS/history.sqlite only. Lists every estimate whose value moved, with the old and \
            new values, the difference, and whether it moved by more than its combined uncertainty \
            (|Δ| > z·√(se_a² + se_b²), a screening rule, not a test: two runs share most of their data); \
            rows that appeared or disappeared; and inputs that changed (by SHA-256). --out writes every \
            row as CSV. Exit status 0, or 66 when the history is missing or holds fewer than two runs.
            """)

    @Argument(help: "The earlier run's id (default: the run published before RUN_B).") var runA: String?
    @Argument(help: "The later run's id (default: the last published run).") var runB: String?
    @Option(help: "The output folder that holds history.sqlite.") var outputs = "Outputs"
    @Option(help: ArgumentHelp("Write every changed row to this CSV file.", valueName: "file")) var out: String?
    @Option(help: "The multiple of the combined SE beyond which a move is flagged.") var z = 1.96
    @Option(help: "Rows shown on the terminal.") var show = 40

    func run() throws {
        let diff: HistoryDiff
        do {
            let history = try RunHistory(
                readingFrom: URL(fileURLWithPath: outputs).appendingPathComponent(RunHistory.fileName).path)
            diff = try history.diff(runA, runB, z: z)
        } catch {
            printError("workforce: error: \(error)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        if let out {
            do {
                try Data(diff.csv.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                printError("workforce: error: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotCreate.rawValue)
            }
        }
        let moved = diff.changes.filter { $0.status == "changed" }
        let beyond = moved.filter { $0.beyondUncertainty == true }
        var lines = [
            "\(diff.runA) → \(diff.runB): \(moved.count) estimates changed, \(beyond.count) beyond z = \(diff.z) "
                + "combined SEs; \(diff.changes.count - moved.count) rows appeared or disappeared"
        ]
        for (file, status) in diff.inputs { lines.append("input \(status): \(file)") }
        func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "—" }
        let shown =
            (beyond + moved.filter { $0.beyondUncertainty != true } + diff.changes.filter { $0.status != "changed" })
            .prefix(show)
        for change in shown {
            let k = change.key
            let place = [k.report, k.year, k.scope, k.by, k.domain, k.indicator, k.detail].filter { !$0.isEmpty }
                .joined(separator: " / ")
            let mark = change.beyondUncertainty == true ? " *" : ""
            lines.append(
                "\(change.status == "changed" ? "" : change.status + ": ")\(place): \(number(change.before?.estimate)) → "
                    + "\(number(change.after?.estimate)) (Δ \(number(change.difference)))\(mark)")
        }
        if diff.changes.count > shown.count {
            lines.append("… \(diff.changes.count - shown.count) more (--out FILE lists all)")
        }
        print(lines.joined(separator: "\n"))
    }
}

/// `workforce history INDICATOR`: one indicator across the published runs.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print one indicator across the published runs, from OUTPUTS/history.sqlite.")

    @Argument(help: "The indicator code, e.g. mean_wage.") var indicator: String
    @Option(help: "Only this domain (as the domain column shows it).") var domain: String?
    @Option(help: "Only this scope (all, industrial, or a plan's).") var scope: String?
    @Option(help: "Only this breakdown (the by column).") var by: String?
    @Option(help: "The output folder that holds history.sqlite.") var outputs = "Outputs"

    func run() throws {
        let rows: [[String]]
        do {
            let history = try RunHistory(
                readingFrom: URL(fileURLWithPath: outputs).appendingPathComponent(RunHistory.fileName).path)
            rows = try history.series(indicator: indicator, domain: domain, scope: scope, by: by)
        } catch {
            printError("workforce: error: \(error)")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        guard !rows.isEmpty else {
            printError("workforce: error: no published row of \(indicator) with these filters in the history")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        print(["run_id", "started", "year", "scope", "by", "domain", "estimate", "se"].joined(separator: "\t"))
        for row in rows { print(row.joined(separator: "\t")) }
    }
}
