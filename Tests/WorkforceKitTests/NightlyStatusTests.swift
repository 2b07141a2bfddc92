import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit

/// What the bureau sees night after night: status.json after every attempt and the history of
/// every published run in history.sqlite.
@Suite struct NightlyStatusTests {
    var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures"))
        }
    }

    func options(_ inputs: URL, _ outputs: URL) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: 1)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        return options
    }

    func status(_ outputs: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: outputs.appendingPathComponent("status.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func latest(_ outputs: URL) throws -> String {
        URL(
            fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(
                atPath: outputs.appendingPathComponent("latest").path)
        ).lastPathComponent
    }

    /// status.json after a published run, a run with nothing to do (`--if-changed`) and a failed
    /// one (65): each names its own run id, outcome, exit status and rows, and the published run
    /// it left in place; the failed one its error message.
    @Test func statusAfterEveryKindOfAttempt() throws {
        let outputs = temporaryFolder()
        var settings = options(try fixture, outputs)
        settings.onlyIfChanged = true
        _ = try Pipeline(options: settings).run()
        let published = try status(outputs)
        let run = try latest(outputs)
        #expect(published["outcome"] as? String == "published")
        #expect(published["exit_status"] as? Int == 0)
        #expect(published["run_id"] as? String == run)
        #expect(published["published_run"] as? String == run)
        #expect(published["history"] as? String == "appended")
        #expect((published["rows_read"] as? Int ?? 0) > 0)
        _ = try Pipeline(options: settings).run()
        let skipped = try status(outputs)
        #expect(skipped["outcome"] as? String == "nothing to do")
        #expect(skipped["run_id"] as? String != run)
        #expect(skipped["published_run"] as? String == run)
        let bad = try makeInputs([
            "workers.csv": ValidationRuleTests.header + "\n" + ValidationRuleTests.row(["age": "5"], id: 1) + "\n"
        ])
        #expect(throws: InputError.self) { try Pipeline(options: options(bad, outputs)).run() }
        let failed = try status(outputs)
        #expect(failed["outcome"] as? String == "failed")
        #expect(failed["exit_status"] as? Int == 65)
        #expect((failed["message"] as? String)?.contains("no row was accepted") == true, "\(failed)")
        #expect(failed["published_run"] as? String == run)
        #expect(failed["finished"] as? String != nil)
        // Every attempt is in the history's attempts too, the failed one with its message.
        let history = try RunHistory(readingFrom: outputs.appendingPathComponent(RunHistory.fileName).path)
        let attempts = try history.database.prepare(
            "SELECT outcome, exit_status, published_run, message FROM attempts ORDER BY started"
        ).rows()
        #expect(attempts.map { $0[0] } == ["published", "nothing to do", "failed"])
        #expect(
            attempts[2][1] == "65" && attempts[2][2] == run && attempts[2][3]?.contains("no row was accepted") == true)
    }

    /// An attempt writes status.json as "running" when it starts: one killed while it waits for
    /// the lock (SIGKILL) leaves that, with its own run id, beside the published run.
    @Test func aKilledAttemptLeavesRunning() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let run = try latest(outputs)
        var held: RunLock? = try RunLock(folder: outputs, wait: false)
        let process = Process()
        process.executableURL = FaultAndPrivacyTests.binary
        process.arguments = ["run", "--inputs", try fixture.path, "--outputs", outputs.path, "--wait", "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while (try? status(outputs))?["outcome"] as? String != "running", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        held = nil
        let killed = try status(outputs)
        #expect(killed["outcome"] as? String == "running")
        #expect(killed["run_id"] as? String != run && killed["published_run"] as? String == run)
        #expect(killed["finished"] == nil)
        withExtendedLifetime(held) {}
    }

    /// Every log line carries its time and the run id, the error line too.
    @Test func everyLogLineNamesItsTimeAndRun() throws {
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", "/nonexistent-inputs", "--outputs", outputs.path])
        #expect(result.status == 66)
        let line = try #require(result.errors.split(separator: "\n").first { $0.contains("error:") })
        #expect(
            line.wholeMatch(of: /workforce: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ run \d{8}T\d{6}\.\d{3}Z-\d+: error: .*/)
                != nil, "\(line)")
        let json = try runWorkforce([
            "run", "--inputs", try fixture.path, "--outputs", outputs.path, "--log-format", "json",
        ])
        #expect(json.status == 0)
        for line in json.errors.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["time"] != nil && object["run_id"] as? String != nil, "\(line)")
        }
    }

    /// Every row of every long-form report of a published run is in history.sqlite, cell for cell
    /// as the CSV has it, with the run marked published and its inputs' checksums.
    @Test func historyHoldsEveryPublishedRowCellForCell() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let run = try latest(outputs)
        let history = try RunHistory(readingFrom: outputs.appendingPathComponent(RunHistory.fileName).path)
        let runs = try history.database.prepare("SELECT run_id, published FROM runs").rows()
        #expect(runs.count == 1 && runs[0][0] == run && runs[0][1] == "1")
        var compared = 0
        for report in ["composition", "wages", "training", "coverage", "equal_pay", "wage_vs_economy", "skill_fit"] {
            let csv = try readCSV(outputs.appendingPathComponent("latest/\(report).csv"))
            let stored = try history.database.prepare(
                "SELECT cells FROM indicators WHERE run_id = ? AND report = ? ORDER BY row_number"
            ).rows([.text(run), .text(report)])
            #expect(stored.count == csv.count, "\(report)")
            for (row, cells) in zip(csv, stored) {
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data((cells[0] ?? "").utf8)) as? [String: String])
                #expect(object == row, "\(report)")
                compared += 1
            }
        }
        #expect(compared > 100)
        let inputs = try history.database.prepare("SELECT file, sha256 FROM inputs WHERE run_id = ?").rows([.text(run)])
        #expect(inputs.count == 1 && inputs[0][0] == "workers.csv")
        #expect(inputs[0][1] == (try Checksum.sha256(path: try fixture.appendingPathComponent("workers.csv").path)))
    }

    /// A reader holding a read transaction in WAL mode does not stop a run from appending to the
    /// history; a history that is not a database costs that run its history entry, never its
    /// reports, and status.json and stderr say why.
    @Test func readersAndBrokenHistoriesNeverStopTheReports() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let path = outputs.appendingPathComponent(RunHistory.fileName).path
        let reader = try SQLiteDatabase(path: path, writable: false)
        try reader.execute("BEGIN;")
        #expect(try reader.prepare("SELECT count(*) FROM runs").rows()[0][0] == "1")
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        #expect(try status(outputs)["history"] as? String == "appended")
        // The reader's snapshot still sees one run; after it ends, two.
        #expect(try reader.prepare("SELECT count(*) FROM runs").rows()[0][0] == "1")
        try reader.execute("COMMIT;")
        #expect(try reader.prepare("SELECT count(*) FROM runs WHERE published = 1").rows()[0][0] == "2")

        let broken = temporaryFolder()
        try Data(repeating: 0x41, count: 4096).write(to: broken.appendingPathComponent(RunHistory.fileName))
        let result = try runWorkforce(["run", "--inputs", try fixture.path, "--outputs", broken.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("history database"), "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: broken.appendingPathComponent("latest/wages.csv").path))
        let written = try status(broken)
        #expect((written["history"] as? String)?.hasPrefix("not written:") == true, "\(written)")
        #expect(written["outcome"] as? String == "published")
    }

    /// A history another program holds locked (an exclusive transaction) for longer than the run
    /// waits (5 s) costs the run its history entry, not its reports; status.json says it was locked.
    @Test func aLockedHistoryCostsOnlyTheHistory() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let other = try SQLiteDatabase(path: outputs.appendingPathComponent(RunHistory.fileName).path)
        try other.execute("BEGIN EXCLUSIVE;")
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let written = try status(outputs)
        #expect(written["outcome"] as? String == "published")
        #expect((written["history"] as? String)?.contains("locked") == true, "\(written)")
        #expect(written["published_run"] as? String == written["run_id"] as? String)
        try other.execute("ROLLBACK;")
        let runs = try other.prepare("SELECT count(*) FROM runs").rows()[0][0]
        #expect(runs == "1")
    }

    /// A history the run's user may not write (read-only to it) costs the run its history entry,
    /// not its reports: tried as an unprivileged user on a history owned by root, mode 0644.
    @Test(
        .enabled(
            if: HostileUseTests.canDropPrivileges, "runs as root without /usr/bin/setpriv: permissions cannot be tested"
        ))
    func aReadOnlyHistoryCostsOnlyTheHistory() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        // The outputs are the unprivileged user's, the history stays root's and read-only to others.
        let (chowned, reason) = try HostileUseTests().runShell(
            "chown -R 65534:65534 '\(outputs.path)' && chown 0:0 '\(outputs.path)/history.sqlite' && "
                + "chmod 0644 '\(outputs.path)/history.sqlite' && chmod 0755 '\(outputs.deletingLastPathComponent().path)'"
        )
        try #require(chowned == 0, "\(reason)")
        let (status, message) = try HostileUseTests().runShell(
            "\(HostileUseTests.unprivilegedPrefix) '\(FaultAndPrivacyTests.binary.path)' run --inputs '\(try fixture.path)' "
                + "--outputs '\(outputs.path)'")
        #expect(status == 0, "\(message)")
        #expect(message.contains("history database"), "\(message)")
        let written = try self.status(outputs)
        #expect(written["outcome"] as? String == "published")
        #expect((written["history"] as? String)?.hasPrefix("not written:") == true, "\(written)")
    }

    /// `--keep-history-days N` drops the runs that started more than N days before the new one,
    /// their rows with them; the default keeps every run.
    @Test func retentionDropsOldRunsWithTheirRows() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let database = try SQLiteDatabase(path: outputs.appendingPathComponent(RunHistory.fileName).path)
        // The first run made ten years old.
        let first = try #require(try database.prepare("SELECT min(run_id) FROM runs").rows()[0][0])
        try database.prepare("UPDATE runs SET started = '2016-12-01T00:00:00.000Z' WHERE run_id = ?").run([.text(first)]
        )
        var settings = options(try fixture, outputs)
        settings.keepHistoryDays = 30
        _ = try Pipeline(options: settings).run()
        let runs = try database.prepare("SELECT run_id FROM runs").rows().compactMap { $0[0] }
        #expect(runs.count == 2 && !runs.contains(first))
        let orphans = try database.prepare(
            "SELECT count(*) FROM indicators WHERE run_id NOT IN (SELECT run_id FROM runs)"
        ).rows()[0][0]
        #expect(orphans == "0")
    }

    /// Runs killed (SIGKILL) at spread moments leave the history consistent (`PRAGMA
    /// integrity_check` = ok) and every run in it whole: as many rows as a complete run's.
    @Test func aKilledRunLeavesTheWholeRunOrNone() throws {
        let outputs = temporaryFolder()
        let inputs = try fixture.path
        #expect(try runWorkforce(["run", "--inputs", inputs, "--outputs", outputs.path, "--quiet"]).status == 0)
        let path = outputs.appendingPathComponent(RunHistory.fileName).path
        let complete = try RunHistory(readingFrom: path).database.prepare("SELECT count(*) FROM indicators").rows()[0][
            0]
        for delay in [0.05, 0.15, 0.25, 0.35, 0.5, 0.7, 0.9] {
            let process = Process()
            process.executableURL = FaultAndPrivacyTests.binary
            process.arguments = ["run", "--inputs", inputs, "--outputs", outputs.path, "--quiet", "--wait"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let history = try RunHistory(readingFrom: path)
        #expect(try history.database.prepare("PRAGMA integrity_check").rows()[0][0] == "ok")
        let counts = try history.database.prepare(
            "SELECT runs.run_id, count(indicators.run_id) FROM runs LEFT JOIN indicators USING (run_id) GROUP BY runs.run_id"
        ).rows()
        #expect(counts.count >= 1)
        for row in counts { #expect(row[1] == complete, "\(row)") }
    }

    /// Two runs where the plan moved the low-pay line: `diff` lists exactly the rows whose
    /// estimate or SE differs between the two runs' CSVs (compared here cell by cell), flags
    /// those beyond z·√(se_a² + se_b²) as its screening rule says, and `history` prints the
    /// mean wage of both runs.
    @Test func diffListsExactlyTheRowsThatMoved() throws {
        let school = try #require(
            Bundle.module.url(forResource: "apistrat-changes", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let inputs = temporaryFolder()
        try FileManager.default.copyItem(
            at: school.appendingPathComponent("workers_2000.csv"), to: inputs.appendingPathComponent("workers_2000.csv")
        )
        let plan = inputs.appendingPathComponent("plan.toml")
        let outputs = temporaryFolder()
        var snapshots: [[String: [[String: String]]]] = []
        for fraction in ["2/3", "3/5"] {
            try "[thresholds]\nsuppress_below = 0\nlow_n_below = 0\nlow_pay_fraction = \"\(fraction)\"\n".write(
                to: plan, atomically: true, encoding: .utf8)
            #expect(
                try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"]).status == 0)
            var reports: [String: [[String: String]]] = [:]
            for report in ["composition", "wages", "training", "coverage"] {
                reports[report] = try readCSV(outputs.appendingPathComponent("latest/\(report).csv"))
            }
            snapshots.append(reports)
        }
        // The rows that moved, from the CSVs alone.
        var expected = Set<String>()
        for (report, rows) in snapshots[0] {
            let later = snapshots[1][report] ?? []
            for (a, b) in zip(rows, later) where a["estimate"] != b["estimate"] || a["se"] != b["se"] {
                expected.insert(
                    [report, a["year"]!, a["scope"]!, a["by"]!, a["domain"]!, a["indicator"]!].joined(separator: "|"))
            }
        }
        #expect(!expected.isEmpty)
        let out = outputs.appendingPathComponent("diff.csv")
        let result = try runWorkforce(["diff", "--outputs", outputs.path, "--out", out.path])
        #expect(result.status == 0, "\(result.errors)")
        let listed = try readCSV(out).filter {
            ["composition", "wages", "training", "coverage"].contains($0["report"]!)
        }
        #expect(listed.allSatisfy { $0["status"] == "changed" })
        let found = Set(
            listed.map {
                [$0["report"]!, $0["year"]!, $0["scope"]!, $0["by"]!, $0["domain"]!, $0["indicator"]!].joined(
                    separator: "|")
            })
        #expect(found == expected)
        for row in listed {
            let (a, b) = (Double(row["estimate_a"]!)!, Double(row["estimate_b"]!)!)
            #expect(abs(Double(row["difference"]!)! - (b - a)) < 1e-9 * max(1, abs(b)))
            if let sa = Double(row["se_a"]!), let sb = Double(row["se_b"]!) {
                #expect(
                    row["beyond_uncertainty"] == (abs(b - a) > 1.96 * (sa * sa + sb * sb).squareRoot() ? "yes" : "no"))
            }
        }
        #expect(result.output.contains("estimates changed"))
        let series = try runWorkforce([
            "history", "mean_wage", "--outputs", outputs.path, "--by", "all", "--scope", "all",
        ])
        #expect(series.status == 0)
        #expect(series.output.split(separator: "\n").count == 3, "\(series.output)")
    }

    /// After a failed attempt the summary and the workbook analysts open (the stable names) say
    /// so at the top in both languages, naming the run the reports come from; the published run
    /// itself is untouched; the next published run points the names back at it.
    @Test func aFailedAttemptIsAnnouncedWhereAnalystsLook() throws {
        let outputs = temporaryFolder()
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        let run = try latest(outputs)
        let original = try String(contentsOf: outputs.appendingPathComponent("latest/summary.html"), encoding: .utf8)
        let bad = try makeInputs(["workers.csv": ValidationRuleTests.header + "\n"])
        #expect(throws: InputError.self) { try Pipeline(options: options(bad, outputs)).run() }
        let summary = try String(contentsOf: outputs.appendingPathComponent("summary.html"), encoding: .utf8)
        #expect(summary.contains("The latest run failed at") && summary.contains("最近一次运行于"))
        #expect(summary.contains("These reports come from the run \(run)"))
        #expect(summary.contains("no row was accepted"))
        #expect(
            try String(contentsOf: outputs.appendingPathComponent("latest/summary.html"), encoding: .utf8) == original)
        let workbook = try Archive(url: outputs.appendingPathComponent("workforce.xlsx"), accessMode: .read)
        var sheet = Data()
        _ = try workbook.extract(try #require(workbook["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        let rows = xml.matches(of: /<row r="([0-9]+)">/).map { Int($0.output.1)! }
        #expect(rows == Array(1...rows.count), "rows stay numbered in order")
        let second = try #require(xml.range(of: "<row r=\"2\">"))
        #expect(
            xml[second.upperBound...].hasPrefix(
                "<c r=\"A2\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">LAST RUN FAILED"))
        #expect(xml.contains("最近一次运行失败"))
        #expect(xml.contains("<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t xml:space=\"preserve\">workforce</t>"))
        _ = try Pipeline(options: options(try fixture, outputs)).run()
        #expect(
            try FileManager.default.destinationOfSymbolicLink(
                atPath: outputs.appendingPathComponent("summary.html").path)
                == "latest/summary.html")
        let runs = try FileManager.default.contentsOfDirectory(atPath: outputs.appendingPathComponent("runs").path)
        #expect(!runs.contains { $0.hasPrefix(".notice-") })
    }
}
