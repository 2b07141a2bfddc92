import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit
@testable import WorkforceSample

/// Faults (disk full, runaway designs) and privacy (no identifiers outside quarantine, complementary suppression).
@Suite struct FaultAndPrivacyTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/workforce")

    /// Workers with identifiers that must never appear in a report, a log or the manifest.
    func secretInputs() throws -> URL {
        var lines = [ValidationRuleTests.header]
        for index in 0..<40 {
            lines.append(
                ValidationRuleTests.row(
                    [
                        "worker_id": "SECRETWORKER\(index)", "enterprise_id": "SECRETFIRM\(index % 5)",
                        "sex": index % 2 == 0 ? "M" : "F",
                    ],
                    id: index))
        }
        lines.append(ValidationRuleTests.row(["worker_id": "SECRETWORKERBAD", "age": "300"], id: 99))
        return try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
    }

    @Test func identifiersAppearOnlyInTheQuarantine() throws {
        let (_, outputs) = try runPipeline(inputs: try secretInputs())
        let latest = outputs.appendingPathComponent("latest")
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: latest.path)
        where name.hasSuffix(".csv") || name.hasSuffix(".json") {
            texts[name] = try String(contentsOf: latest.appendingPathComponent(name), encoding: .utf8)
        }
        let archive = try Archive(url: latest.appendingPathComponent("workforce.xlsx"), accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            texts["workforce.xlsx/" + entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        #expect(texts.count > 15)
        for (name, text) in texts {
            #expect(!text.contains("SECRETWORKER") && !text.contains("SECRETFIRM"), "\(name) holds an identifier")
        }
        let quarantine = latest.appendingPathComponent("quarantine/workers.csv")
        #expect(try String(contentsOf: quarantine, encoding: .utf8).contains("SECRETWORKERBAD"))
        let mode = try FileManager.default.attributesOfItem(atPath: quarantine.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func noRawQuarantineKeepsRecordsOut() throws {
        var options = PipelineOptions(inputs: try secretInputs().path, outputs: temporaryFolder("noraw").path, jobs: 1)
        options.rawQuarantine = false
        _ = try Pipeline(options: options).run()
        let entries = try readCSV(
            URL(fileURLWithPath: options.outputs).appendingPathComponent("quarantine/workers.csv"))
        #expect(entries.count == 1)
        #expect(entries.first?["reason"] == "out of range" && entries.first?["column"] == "age")
        #expect(entries.first?["record"] == "" && entries.first?["detail"] == "")
    }

    @Test func complementarySuppressionHidesTheSecondSmallestCell() throws {
        // Sex: 37 men, 3 women → women suppressed (n < 10), so men must be too, or the total would give women away.
        // Hukou: local 3, nonlocal 37, but also industry with three values: C 3, G 12, I 25 → G suppressed as well.
        var lines = [ValidationRuleTests.header]
        for index in 0..<40 {
            lines.append(
                ValidationRuleTests.row(
                    [
                        "sex": index < 3 ? "F" : "M", "industry": index < 3 ? "C" : index < 15 ? "G" : "I",
                        "enterprise_id": "E\(index % 4)",
                    ], id: index))
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let (_, outputs) = try runPipeline(inputs: inputs, disclosure: DisclosurePolicy())
        let rows = try readCSV(outputs.appendingPathComponent("composition.csv")).filter {
            $0["scope"] == "all" && $0["indicator"] == "headcount"
        }
        func flag(_ by: String, _ domain: String) -> String? {
            rows.first { $0["by"] == by && $0["domain"] == domain }?["flag"]
        }
        func estimate(_ by: String, _ domain: String) -> String? {
            rows.first { $0["by"] == by && $0["domain"] == domain }?["estimate"]
        }
        #expect(flag("sex", "F") == "suppressed")
        #expect(flag("sex", "M") == "suppressed")
        #expect(estimate("sex", "M") == "")
        #expect(flag("industry", "C") == "suppressed")
        #expect(flag("industry", "G") == "suppressed")
        #expect(flag("industry", "I") == "low_n")  // 25 rows: flagged, not suppressed
        #expect(estimate("all", "all") == "400")
    }

    @Test func aRunawayDesignStopsWithAClearError() throws {
        var options = PipelineOptions(inputs: try secretInputs().path, outputs: temporaryFolder("psus").path, jobs: 1)
        options.maxPSUs = 3
        #expect(throws: InputError.tooManyPSUs(limit: 3)) { try Pipeline(options: options).run() }
        #expect(InputError.tooManyPSUs(limit: 3).exitStatus == .dataError)
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: binary.path),
            "needs the built workforce executable (make test builds it)"))
    func diskFullLeavesThePreviousReports() throws {
        let inputs = temporaryFolder("diskfull")
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 2000, years: [2021], seed: 9), to: inputs)
        let outputs = temporaryFolder("diskfull-out")
        func run(limitKB: Int?) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let limit = limitKB.map { "ulimit -f \($0); " } ?? ""
            process.arguments = [
                "-c",
                "\(limit)exec '\(Self.binary.path)' run --inputs '\(inputs.path)' --outputs '\(outputs.path)' --quiet",
            ]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, message)
        }
        #expect(try run(limitKB: nil).0 == 0)
        let before = try FileManager.default.destinationOfSymbolicLink(
            atPath: outputs.appendingPathComponent("latest").path)
        // 64 KB per file: the wage report (several hundred KB) cannot be written.
        let (status, message) = try run(limitKB: 64)
        #expect(status == 74, "\(message)")
        #expect(message.contains("cannot write"), "\(message)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: outputs.appendingPathComponent("latest").path)
                == before)
        try verifyManifest(outputs.appendingPathComponent("latest"))
        // The next good run cleans the failed run's staging folder away.
        #expect(try run(limitKB: nil).0 == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs.appendingPathComponent("runs").path)
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}

/// An input that changes while it is read fails the run instead of publishing a mix.
@Suite struct ChangingInputTests {
    /// Reads a `workers.csv` of `rows` rows in 4 KiB chunks (two a window, one job), calling `change`
    /// with its path once, after the first window's rows are consumed.
    func readWhileChanging(rows: Int, label: String, _ change: (String) -> Void) throws(InputError) {
        let folder = temporaryFolder(label)
        let path = folder.appendingPathComponent("workers.csv")
        var lines = [ValidationRuleTests.header]
        for index in 0..<rows { lines.append(ValidationRuleTests.row([:], id: index)) }
        try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: path)
        let reader = TableReader(
            validator: WorkerRowValidator(), jobs: 1, planner: ChunkPlanner(targetBytes: 4096), maxFieldBytes: 1 << 20)
        var duplicates = DuplicateKeyIndex()
        var changed = false
        _ = try reader.read(
            InputFile(table: .workers, path: path.path, name: "workers.csv"), fileNumber: 0, duplicates: &duplicates,
            fileNames: ["workers.csv"], quarantine: { _ in }
        ) { _ throws(InputError) in
            guard !changed else { return }
            changed = true
            change(path.path)
        }
    }

    @Test func fileAppendedDuringTheRunIsDetected() throws {
        #expect(throws: InputError.changedDuringRun(file: "workers.csv")) {
            // An upload still being written: the file grows after the first window.
            try readWhileChanging(rows: 200, label: "changing-input") { path in
                guard let handle = FileHandle(forWritingAtPath: path) else { return }
                handle.seekToEndOfFile()
                handle.write(Data((ValidationRuleTests.row([:], id: 999) + "\n").utf8))
                handle.closeFile()
            }
        }
    }

    /// Without the truncation guard the pages past the new end raise SIGBUS and this test process dies.
    @Test func fileTruncatedDuringTheRunIsDetected() throws {
        var truncated = false
        #expect(throws: InputError.changedDuringRun(file: "workers.csv")) {
            // An upload being rewritten in place: the file is cut short after the first window, and
            // the later windows (2,000 rows span dozens of 4 KiB chunks) lie past the cut.
            try readWhileChanging(rows: 2000, label: "truncated-input") { path in
                truncated = truncate(path, 1000) == 0
            }
        }
        #expect(truncated)
    }

    /// The built binary, truncating the workers file once the run has it mapped (seen in /proc/PID/maps).
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: FaultAndPrivacyTests.binary.path),
            "needs the built workforce executable (make test builds it)"))
    func runTruncatedWhileReadingExitsWithDataError() throws {
        let inputs = temporaryFolder("truncated-run")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 300_000, years: [2023], seed: 3), to: inputs)
        let workers = inputs.appendingPathComponent("workers_2023.csv")
        let process = Process()
        process.executableURL = FaultAndPrivacyTests.binary
        process.arguments = [
            "run", "--inputs", inputs.path, "--outputs", temporaryFolder("truncated-run-out").path, "--quiet",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Truncating before the file is opened would only give the run a shorter input.
        let maps = "/proc/\(process.processIdentifier)/maps"
        var mapped = false
        while process.isRunning, !mapped {
            mapped = (try? String(contentsOfFile: maps, encoding: .utf8))?.contains(workers.path) ?? false
            if !mapped { usleep(2_000) }
        }
        if mapped { #expect(truncate(workers.path, 1_000_000) == 0) }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(mapped, "the run ended before the workers file was seen mapped")
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        // 0 only if the whole file had been read and checked between the look at the maps and the truncation.
        #expect([0, 65].contains(process.terminationStatus), "\(message)")
        if process.terminationStatus == 65 {
            #expect(message.contains("workers_2023.csv: the file changed while it was being read"), "\(message)")
        }
    }
}
