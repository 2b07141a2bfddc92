import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// The defects found by using the product as a hostile user would: each test fails without its fix.
@Suite struct HostileUseTests {
    static let binary = FaultAndPrivacyTests.binary
    static var hasBinary: Bool { FileManager.default.fileExists(atPath: binary.path) }

    /// A small generated survey (one wave), fit for a whole run.
    func sampleInputs(_ label: String = #function, workers: Int = 300) throws -> URL {
        let folder = temporaryFolder(label)
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: workers, years: [2021], seed: 5), to: folder)
        return folder
    }

    func options(_ inputs: URL, _ outputs: URL, jobs: Int = 2) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: jobs)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        return options
    }

    // MARK: crashes and hangs

    /// Item 2: a level the parser accepts but whose normal quantile is 1 in a Double is refused (64), not a trap.
    @Test func confidenceLevelTooCloseToOneIsRefused() throws {
        let inputs = try sampleInputs()
        var settings = options(inputs, temporaryFolder("level"))
        settings.confidenceLevel = 0.999_999_999_999_999_9
        #expect(throws: OptionError.self) { try Pipeline(options: settings).run() }
        do {
            _ = try Pipeline(options: settings).run()
        } catch let error as WorkforceError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("--confidence-level must be between 0.01 and 0.999999"))
        }
        // The highest accepted level runs: z = Φ⁻¹(0.9999995) = 4.8916 (R: qnorm(0.9999995)).
        settings.confidenceLevel = 0.999_999
        let summary = try Pipeline(options: settings).run()
        #expect(summary.accounts.first { $0.table == .workers }?.rowsAccepted == 300)
    }

    /// Item 3: an absurd --jobs is refused (64) instead of overflowing.
    @Test func absurdJobsAreRefused() throws {
        for jobs in [Int.max, 1 << 62, 1025] {
            let settings = options(temporaryFolder("jobs-in"), temporaryFolder("jobs-out"), jobs: jobs)
            #expect(throws: OptionError("--jobs must be between 1 and 1024, e.g. the number of cores")) {
                try settings.validate()
            }
        }
        #expect(throws: Never.self) { try options(temporaryFolder("j"), temporaryFolder("k"), jobs: 1024).validate() }
    }

    /// Item 3, through the command line: status 64, no trap.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func absurdJobsGiveUsageStatus() throws {
        let (status, message) = try runBinary(["run", "--inputs", "/nonexistent", "--jobs", "9223372036854775807"])
        #expect(status == 64, "\(message)")
        #expect(message.contains("--jobs must be between 1 and 1024"))
    }

    /// Item 4: a FIFO named like an input is refused at once (66) instead of blocking in open(2).
    @Test func fifoAmongInputsIsRefusedWithoutBlocking() throws {
        let inputs = try sampleInputs()
        #expect(mkfifo(inputs.appendingPathComponent("workers_fifo.csv").path, 0o644) == 0)
        #expect(throws: InputError.notRegularFile(file: "workers_fifo.csv", kind: "a FIFO (named pipe)")) {
            _ = try InputCatalog.scan(inputs.path)
        }
        // Swapped in after the scan: opening it still returns at once.
        #expect(throws: InputError.notRegularFile(file: "x", kind: "a FIFO (named pipe)")) {
            _ = try RegularFile.open(inputs.appendingPathComponent("workers_fifo.csv").path, displayName: "x")
        }
    }

    /// Item 4 through the binary, bounded by `timeout` so that a regression fails instead of hanging.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func fifoRunEndsWith66() throws {
        let inputs = try sampleInputs()
        #expect(mkfifo(inputs.appendingPathComponent("workers_fifo.csv").path, 0o644) == 0)
        let (status, message) = try runShell(
            "timeout 60 '\(Self.binary.path)' run --inputs '\(inputs.path)' --outputs '\(temporaryFolder("fifo-out").path)' --quiet"
        )
        #expect(status == 66, "\(message)")
        #expect(message.contains("workers_fifo.csv: a FIFO (named pipe), not a plain file"), "\(message)")
    }

    // MARK: data lost or silently wrong

    /// Item 5: a table folder that cannot be listed stops the run (66) instead of being skipped.
    /// Needs a user without root's override of permissions: run under uid 65534 when tests run as root.
    @Test(
        .enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"),
        .enabled(if: canDropPrivileges, "runs as root without /usr/bin/setpriv: permissions cannot be tested"))
    func unreadableTableFolderStopsTheRun() throws {
        let inputs = try sampleInputs()
        let parts = inputs.appendingPathComponent("workers")
        try FileManager.default.createDirectory(at: parts, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: inputs.appendingPathComponent("workers_2021.csv"), to: parts.appendingPathComponent("part-0001.csv"))
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("workers_2021.csv"))
        let outputs = temporaryFolder("unreadable-out")
        for folder in [inputs.deletingLastPathComponent(), inputs, outputs] { chmod(folder.path, 0o777) }
        chmod(parts.path, 0)
        defer { chmod(parts.path, 0o755) }
        let prefix = Self.unprivilegedPrefix
        let (status, message) = try runShell(
            "\(prefix) '\(Self.binary.path)' run --inputs '\(inputs.path)' --outputs '\(outputs.path)' --quiet")
        #expect(status == 66, "\(message)")
        #expect(message.contains("workers/: the folder cannot be listed (Permission denied)"), "\(message)")
    }

    /// Item 6: one invalid byte in a UTF-8 file costs its row only; the Chinese districts stay readable.
    @Test func oneInvalidByteCostsOneRowNotTheEncoding() throws {
        var lines = [ValidationRuleTests.header]
        for index in 0..<40 {
            lines.append(ValidationRuleTests.row(["district": "浦东新区", "psu": "P\(index % 4)"], id: index))
        }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        // The worker_id of the 11th record (line 12) gets a byte that starts no UTF-8 sequence.
        let marker = Array(",W10,".utf8)
        let at = try #require(
            (0..<bytes.count).first { bytes[$0..<min(bytes.count, $0 + marker.count)].elementsEqual(marker) })
        bytes.insert(0xFF, at: at + 2)
        let (account, outputs) = try validate(workers: bytes)
        #expect(account.encoding == "UTF-8 (1 invalid bytes)")
        #expect(account.rowsAccepted == 39)
        #expect(account.mappedToOther["district"] == 0)
        // 40 districts of 4 three-byte characters (the header is ASCII); each district is a known code.
        #expect(
            account.encodingEvidence
                == "160 valid UTF-8 multi-byte sequences, 1 invalid bytes; non-ASCII names and codes recognised: 40 as UTF-8, 0 as GB18030"
        )
        let entry = try #require(try readCSV(outputs.appendingPathComponent("quarantine/workers.csv")).first)
        #expect(entry["line"] == "12")
        #expect(entry["reason"] == "invalid UTF-8")
        #expect(entry["column"] == "worker_id")
        let quality = try readCSV(outputs.appendingPathComponent("data_quality.csv"))
        #expect(quality.first { $0["measure"] == "encoding" }?["detail"]?.contains("1 invalid bytes") == true)
    }

    /// Item 6, the converse: a GB18030 file whose only Chinese is 女 (C5 AE, also UTF-8 "Ů") is GB18030.
    @Test func gb18030FileThatIsAlsoValidUTF8IsReadAsGB18030() throws {
        var lines = [ValidationRuleTests.header]
        for index in 0..<20 {
            lines.append(ValidationRuleTests.row(["district": "Pudong", "sex": index % 2 == 0 ? "女" : "M"], id: index))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let gb = try #require(try gb18030(text))
        #expect(gb.withUnsafeBytes { TextEncodingDetector.isValidUTF8($0) })
        let (account, _) = try validate(workers: gb)
        #expect(account.encoding == "GB18030 (also valid UTF-8; codes read as GB18030)")
        #expect(account.rowsAccepted == 20)
        #expect(account.rowsQuarantined == 0)
    }

    /// Item 7: rows whose district is unknown are counted per file and column, with a warning above 5 %.
    @Test func rowsMappedToOtherAreCountedAndWarnedAbout() throws {
        var lines = [ValidationRuleTests.header]
        for index in 0..<20 {
            lines.append(ValidationRuleTests.row(["district": index < 3 ? "Atlantis" : "黄浦"], id: index))
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let warnings = Warnings()
        var settings = options(inputs, temporaryFolder("other-out"))
        settings.validateOnly = true
        settings.warn = { warnings.append($0) }
        let summary = try Pipeline(options: settings).run()
        #expect(summary.accounts.first?.mappedToOther == ["district": 3])
        #expect(
            warnings.lines == [
                "workers.csv: 3 of 20 accepted rows (15.0 %) have a district outside its code list, counted as other (其他); "
                    + "check the file's encoding (UTF-8) and the district values (data_quality.csv)"
            ])
        let quality = try readCSV(
            URL(fileURLWithPath: settings.publishedFolder).appendingPathComponent("data_quality.csv"))
        #expect(quality.first { $0["measure"] == "mapped_to_other: district" }?["value"] == "3")
    }

    /// Item 9: a delivery with no accepted worker fails (65) and leaves the published reports in place.
    @Test func noAcceptedWorkerKeepsThePreviousPublication() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("noworker-out")
        _ = try Pipeline(options: options(inputs, outputs)).run()
        let latest = outputs.appendingPathComponent("latest").path
        let before = try FileManager.default.destinationOfSymbolicLink(atPath: latest)
        let workers = inputs.appendingPathComponent("workers_2021.csv")
        let header = try String(contentsOf: workers, encoding: .utf8).split(separator: "\n")[0]
        try Data((header + "\n").utf8).write(to: workers)
        #expect(throws: InputError.noWorkerRowsAccepted(read: 0)) {
            _ = try Pipeline(options: options(inputs, outputs)).run()
        }
        #expect(InputError.noWorkerRowsAccepted(read: 0).exitStatus == .dataError)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: latest) == before)
        #expect(try readCSV(outputs.appendingPathComponent("wages.csv")).count > 100)
    }

    /// Item 10: `validate` into the published folder never moves `latest` or the stable names.
    @Test func validateLeavesThePublishedRunAlone() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("validate-out")
        _ = try Pipeline(options: options(inputs, outputs)).run()
        let latest = outputs.appendingPathComponent("latest").path
        let before = try FileManager.default.destinationOfSymbolicLink(atPath: latest)
        var check = options(inputs, outputs)
        check.validateOnly = true
        _ = try Pipeline(options: check).run()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: latest) == before)
        #expect(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("wages.csv").path))
        #expect(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("summary.html").path))
        #expect(
            FileManager.default.fileExists(
                atPath: outputs.appendingPathComponent("validation/latest/data_quality.csv").path))
    }

    /// Item 11: a real folder at `latest` or `quarantine` is never deleted: the run stops with 73.
    @Test(arguments: ["latest", "quarantine", "wages.csv"])
    func realEntryWhereALinkGoesIsKept(name: String) throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("inway-out")
        let path = outputs.appendingPathComponent(name)
        if name.hasSuffix(".csv") {
            try Data("mine".utf8).write(to: path)
        } else {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: path.appendingPathComponent("notes.txt"))
        }
        do {
            _ = try Pipeline(options: options(inputs, outputs)).run()
            Issue.record("expected the run to stop")
        } catch let error as OutputError {
            #expect(error.exitStatus == .cannotCreate)
            #expect(error.description.contains("\(path.path) is a"), "\(error)")
        }
        let kept = name.hasSuffix(".csv") ? path : path.appendingPathComponent("notes.txt")
        #expect(try String(contentsOf: kept, encoding: .utf8) == "mine")
    }

    /// Item 12: `generate` overwrites only its own unchanged files, unless forced.
    @Test func generateRefusesToOverwriteFilesItDidNotWrite() throws {
        let folder = temporaryFolder("generate")
        let survey = folder.appendingPathComponent("workers_2021.csv")
        try Data("real survey\n".utf8).write(to: survey)
        let small = SampleGeneratorOptions(workersPerWave: 100, years: [2021], seed: 1)
        #expect(throws: GenerationRefused(folder: folder.path, files: ["workers_2021.csv"])) {
            _ = try SampleGenerator.write(small, to: folder)
        }
        #expect(try String(contentsOf: survey, encoding: .utf8) == "real survey\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("targets.csv").path))
        // Forced, then again without force: the second run replaces its own unchanged files.
        _ = try SampleGenerator.write(small, to: folder, force: true)
        _ = try SampleGenerator.write(small, to: folder)
        // An analyst edits a generated file: it is theirs now.
        try Data("edited\n".utf8).write(to: folder.appendingPathComponent("targets.csv"))
        #expect(throws: GenerationRefused(folder: folder.path, files: ["targets.csv"])) {
            _ = try SampleGenerator.write(small, to: folder)
        }
    }

    /// Item 13: an input folder given as a symbolic link is followed.
    @Test func symlinkedInputFolderIsFollowed() throws {
        let inputs = try sampleInputs()
        let link = temporaryFolder("link").appendingPathComponent("inputs")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: inputs)
        let catalog = try InputCatalog.scan(link.path)
        #expect(catalog[.workers]?.map(\.name) == ["workers_2021.csv"])
        #expect(catalog.count == 6)
    }

    /// Item 14: a folder fsync that fails (EIO) stops the run with 74; injected with an LD_PRELOAD shim.
    @Test(
        .enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"),
        .enabled(if: hasCompiler, "needs a C compiler at /usr/bin/cc to build the fsync fault shim"))
    func folderFsyncFailureGives74() throws {
        let shim = try buildFsyncShim()
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("eio-out")
        let (status, message) = try runShell(
            "LD_PRELOAD='\(shim)' '\(Self.binary.path)' run --inputs '\(inputs.path)' --outputs '\(outputs.path)' --quiet"
        )
        #expect(status == 74, "\(message)")
        #expect(message.contains("flushing the folder to disk failed: Input/output error"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("latest").path))
    }

    /// Item 15: columns without a contract maximum get a plausible one; 1e308 is quarantined.
    @Test func absurdValuesInUnboundedColumnsAreQuarantined() throws {
        var lines = [ValidationRuleTests.header]
        lines.append(ValidationRuleTests.row(["training_subsidy": "1e308"], id: 1))
        lines.append(ValidationRuleTests.row(["training_hours": "8785"], id: 2))
        lines.append(ValidationRuleTests.row(["commute_minutes": "1441"], id: 3))
        lines.append(ValidationRuleTests.row(["training_hours": "8784", "commute_minutes": "1440"], id: 4))
        let enterprises = """
            year,enterprise_id,employees,value_added,profit
            2021,E1,10,1e308,5
            2021,E2,10,5,-2e13
            2021,E3,10,1e13,-1e13

            """
        let inputs = try makeInputs([
            "workers.csv": lines.joined(separator: "\n") + "\n", "enterprises.csv": enterprises,
        ])
        let (summary, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let workers = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(workers.map { $0["column"] ?? "" } == ["training_subsidy", "training_hours", "commute_minutes"])
        #expect(workers.allSatisfy { $0["reason"] == "out of range" })
        #expect(workers[1]["detail"] == "training_hours = 8785 must be between 0 and 8784")
        let firms = try readCSV(outputs.appendingPathComponent("quarantine/enterprises.csv"))
        #expect(firms.map { $0["column"] ?? "" } == ["value_added", "profit"])
        #expect(summary.accounts.map(\.rowsAccepted) == [1, 1])
    }

    // MARK: privacy and security

    /// Item 16: the quarantine folder is 0700 and its files 0600 whatever the umask, and another user cannot read them.
    @Test(
        .enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"),
        .enabled(if: canDropPrivileges, "runs as root without /usr/bin/setpriv: permissions cannot be tested"))
    func quarantineIsPrivateUnderAnyUmask() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("umask-out")
        let (status, message) = try runShell(
            "umask 0; '\(Self.binary.path)' run --inputs '\(inputs.path)' --outputs '\(outputs.path)' --quiet")
        #expect(status == 0, "\(message)")
        let quarantine = outputs.appendingPathComponent("latest/quarantine")
        #expect(mode(quarantine.path) == 0o700)
        for table in TableKind.allCases {
            #expect(mode(quarantine.appendingPathComponent("\(table.rawValue).csv").path) == 0o600)
        }
        let prefix = Self.unprivilegedPrefix
        for folder in [outputs.deletingLastPathComponent(), outputs] { chmod(folder.path, 0o777) }
        let (denied, _) = try runShell("\(prefix) cat '\(quarantine.path)/workers.csv'")
        #expect(denied != 0, "another user reads the quarantine")
    }

    /// Item 17: a workers file without a header row never has its first record echoed on stderr.
    @Test func headerlessFileIsNotEchoed() throws {
        let row = ValidationRuleTests.row(["worker_id": "SECRETID42", "monthly_wage": "12345"], id: 1)
        let inputs = try makeInputs(["workers.csv": row + "\n" + row + "\n"])
        do {
            _ = try runPipeline(inputs: inputs)
            Issue.record("expected a failure")
        } catch let error as InputError {
            #expect(error.exitStatus == .dataError)
            #expect(!error.description.contains("SECRETID42"), "\(error)")
            #expect(!error.description.contains("12345"), "\(error)")
            #expect(
                error.description.contains("the first row has 30 field(s), 0 of them contract columns (no header row?)")
            )
        }
    }

    /// Item 18: a GB18030 field's value is shown decoded in the quarantine detail, and a broken record in its encoding.
    @Test func gb18030DetailIsDecoded() throws {
        let text =
            ValidationRuleTests.header + "\n" + ValidationRuleTests.row(["monthly_wage": "8千"], id: 1) + "\n"
            + ValidationRuleTests.row([:], id: 2) + "\n" + ValidationRuleTests.row(["worker_id": "W\"9"], id: 9) + "\n"
        let gb = try #require(try gb18030(text))
        let folder = temporaryFolder("gbdetail")
        try Data(gb).write(to: folder.appendingPathComponent("workers.csv"))
        let (_, outputs) = try runPipeline(inputs: folder, validateOnly: true)
        let entries = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        let entry = try #require(entries.first)
        #expect(entry["reason"] == "not a number")
        #expect(entry["detail"]?.hasPrefix("monthly_wage = \"8千\"") == true, "\(entry)")
        #expect(entry["record"]?.contains("8千") == true)
        // A record libcsv rejects is decoded in the file's encoding too, not shown with U+FFFD.
        let broken = try #require(entries.last)
        #expect(broken["reason"] == "malformed quoting")
        #expect(broken["record"]?.contains(",黄浦,") == true, "\(broken)")
        #expect(broken["record"]?.contains("\u{FFFD}") == false)
    }

    /// Item 19: DEL and C1 controls in a text field are quarantined like C0 controls.
    @Test(arguments: ["W\u{7F}1", "W\u{85}1", "W\u{9F}1"])
    func delAndC1ControlsAreQuarantined(id: String) throws {
        let text = ValidationRuleTests.header + "\n" + ValidationRuleTests.row(["worker_id": id], id: 1) + "\n"
        let (summary, outputs) = try runPipeline(inputs: try makeInputs(["workers.csv": text]), validateOnly: true)
        #expect(summary.rowsQuarantined == 1)
        let entry = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv")).first
        #expect(entry?["reason"] == "control character")
        #expect(entry?["column"] == "worker_id")
    }

    /// Item 20: a duplicate in a second workers file names the first workers file, whatever other tables exist.
    @Test func duplicateKeyNamesTheRightFile() throws {
        let one = ValidationRuleTests.header + "\n" + ValidationRuleTests.row([:], id: 7) + "\n"
        let programs = "year,program,value\n2021,high_skill_bases,10\n"
        let inputs = try makeInputs([
            "workers_a.csv": one, "workers_b.csv": one, "programs.csv": programs,
            "economy.csv": "year,gdp\n2021,43214\n",
        ])
        let (_, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let entry = try #require(try readCSV(outputs.appendingPathComponent("quarantine/workers.csv")).first)
        #expect(entry["file"] == "workers_b.csv")
        #expect(entry["detail"] == "W7 in 2021 was already seen on workers_a.csv line 2")
    }

    /// Item 21: every option that changes a published byte is in the `--if-changed` fingerprint.
    @Test func fingerprintHoldsEveryOutputOption() throws {
        let plain = PipelineOptions(inputs: "i", outputs: "o", jobs: 1)
        let changes: [(String, (inout PipelineOptions) -> Void)] = [
            ("raw quarantine", { $0.rawQuarantine = false }), ("crlf", { $0.csvCRLF = true }),
            ("reject rate", { $0.maxRejectRate = 0.1 }), ("encoding", { $0.encoding = .gb18030 }),
            ("field bytes", { $0.maxFieldBytes = 1000 }), ("psus", { $0.maxPSUs = 10 }),
            ("bom", { $0.csvByteOrderMark = false }), ("lang", { $0.chineseHeaders = true }),
        ]
        for (name, change) in changes {
            var changed = plain
            change(&changed)
            #expect(RunFingerprint.settings(changed) != RunFingerprint.settings(plain), "\(name)")
        }
        var jobs = plain
        jobs.jobs = 2
        #expect(RunFingerprint.settings(jobs) == RunFingerprint.settings(plain))
    }

    /// Item 21 end to end: adding --no-raw-quarantine to an --if-changed nightly republishes without raw records.
    @Test func ifChangedRerunsWhenThePrivacyFlagIsAdded() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("ifchanged-out")
        var nightly = options(inputs, outputs)
        nightly.onlyIfChanged = true
        #expect(try !Pipeline(options: nightly).run().skipped)
        #expect(try Pipeline(options: nightly).run().skipped)
        nightly.rawQuarantine = false
        #expect(try !Pipeline(options: nightly).run().skipped)
    }

    // MARK: helpers

    /// Checks a workers file of `bytes` alone (validate only); returns its account and the published folder.
    func validate(workers bytes: [UInt8], _ label: String = #function) throws -> (FileAccount, URL) {
        let folder = temporaryFolder(label)
        try Data(bytes).write(to: folder.appendingPathComponent("workers.csv"))
        let (summary, outputs) = try runPipeline(inputs: folder, validateOnly: true)
        return (try #require(summary.accounts.first), outputs)
    }

    /// Runs the built binary with `arguments`; returns its status and stderr.
    func runBinary(_ arguments: [String]) throws -> (Int32, String) {
        try runShell(([Self.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " "))
    }

    /// Runs `command` with /bin/sh; returns its status and stderr.
    func runShell(_ command: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    /// Whether another user's view can be tried here: not root, or root with setpriv.
    static let canDropPrivileges = getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// The command prefix that runs as an unprivileged user: setpriv to uid 65534 as root, nothing otherwise.
    static var unprivilegedPrefix: String {
        getuid() == 0 ? "/usr/bin/setpriv --reuid 65534 --regid 65534 --clear-groups" : ""
    }

    static let hasCompiler = FileManager.default.isExecutableFile(atPath: "/usr/bin/cc")

    /// Compiles a shim whose fsync fails with EIO on folders.
    func buildFsyncShim() throws -> String {
        let folder = temporaryFolder("shim")
        let source = folder.appendingPathComponent("eio.c")
        try Data(
            """
            #include <errno.h>
            #include <sys/stat.h>
            int fsync(int fd) {
                struct stat info;
                if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) { errno = EIO; return -1; }
                return 0;
            }

            """.utf8
        ).write(to: source)
        let library = folder.appendingPathComponent("eio.so").path
        let (status, message) = try runShell("/usr/bin/cc -shared -fPIC -o '\(library)' '\(source.path)'")
        try #require(status == 0, "the fsync fault shim did not build: \(message)")
        return library
    }

    /// `text` encoded as GB18030 by the `iconv` tool (independent of the product's decoder).
    func gb18030(_ text: String) throws -> [UInt8]? {
        let folder = temporaryFolder("iconv")
        let source = folder.appendingPathComponent("in.txt")
        try Data(text.utf8).write(to: source)
        let target = folder.appendingPathComponent("out.txt")
        let (status, _) = try runShell("iconv -f UTF-8 -t GB18030 '\(source.path)' > '\(target.path)'")
        return status == 0 ? Array(try Data(contentsOf: target)) : nil
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }
}

/// Warnings collected from the pipeline's callback (which may be called from any thread).
final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }
}
