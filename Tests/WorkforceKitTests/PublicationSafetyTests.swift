import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// What a run publishes, and what it refuses to: the version of each input in the manifest, empty
/// optional tables, the lock, a full disk while links are published, folders in the way, the umask.
@Suite struct PublicationSafetyTests {
    static var hasBinary: Bool { HostileUseTests.hasBinary }

    /// Whether this process may mount a tmpfs (root, and a mount(2) the sandbox allows), tried once.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let point = temporaryFolder("can-mount")
        guard let (mounted, _) = try? HostileUseTests().runShell("mount -t tmpfs -o size=1m tmpfs '\(point.path)'"),
            mounted == 0
        else { return false }
        _ = try? HostileUseTests().runShell("umount '\(point.path)'")
        return true
    }()

    func sampleInputs(_ label: String = #function) throws -> URL {
        let folder = temporaryFolder(label)
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 300, years: [2021], seed: 5), to: folder)
        return folder
    }

    func options(_ inputs: URL, _ outputs: URL) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: 2)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        return options
    }

    /// Writes `text` over `url` in place, then sets its modification time back to what it was.
    func rewriteKeepingTime(_ url: URL, _ text: String) throws {
        let before = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: before as Any], ofItemAtPath: url.path)
    }

    // MARK: item 3 — the manifest describes the version read

    /// A same-size replacement between the read and the hash, by rename or in place with its mtime
    /// set back, is another version: the run stops (65) instead of recording the other one.
    @Test func aVersionHashedThatIsNotTheVersionReadStopsTheRun() throws {
        let inputs = try sampleInputs()
        let file = inputs.appendingPathComponent("targets.csv")
        let original = try String(contentsOf: file, encoding: .utf8)
        let catalog = try InputCatalog.scan(inputs.path)
        let hashed = try InputChecksums(catalog: catalog)
        var account = FileAccount(table: .targets, file: "targets.csv")
        account.readIdentity = FileIdentity(path: file.path)
        #expect(throws: Never.self) { try hashed.checkSameVersion(as: [account]) }

        // In place, same size, modification time restored: only the inode's change time tells.
        let sameSize = String(original.reversed())
        try rewriteKeepingTime(file, sameSize)
        #expect(FileIdentity(path: file.path)?.size == hashed.entries.first { $0.path == "targets.csv" }?.bytes)
        account.readIdentity = FileIdentity(path: file.path)
        #expect(throws: InputError.changedDuringRun(file: "targets.csv")) { try hashed.checkSameVersion(as: [account]) }

        // Replaced by rename (another inode), then hashed again: the earlier read is not this version.
        let replacement = inputs.appendingPathComponent(".targets.new")
        try Data(original.utf8).write(to: replacement)
        let rehashed = try InputChecksums(catalog: catalog)
        #expect(rename(replacement.path, file.path) == 0)
        account.readIdentity = FileIdentity(path: file.path)
        #expect(throws: InputError.changedDuringRun(file: "targets.csv")) {
            try rehashed.checkSameVersion(as: [account])
        }
    }

    /// A sheet's rows are checked against its workbook's checksum (the manifest lists the workbook).
    @Test func aSheetIsCheckedAgainstItsWorkbook() throws {
        var account = FileAccount(table: .workers, file: "workers.xlsx!Sheet1")
        account.inputFile = "workers.xlsx"
        let folder = temporaryFolder()
        let book = folder.appendingPathComponent("workers.xlsx")
        try Data("PK not really".utf8).write(to: book)
        let identity = try #require(FileIdentity(path: book.path))
        let checksums = InputChecksums(entries: [
            .init(table: .workers, path: "workers.xlsx", bytes: identity.size, sha256: "", identity: identity)
        ])
        account.readIdentity = identity
        #expect(throws: Never.self) { try checksums.checkSameVersion(as: [account]) }
        try rewriteKeepingTime(book, "PK not really")
        account.readIdentity = FileIdentity(path: book.path)
        #expect(throws: InputError.changedDuringRun(file: "workers.xlsx")) {
            try checksums.checkSameVersion(as: [account])
        }
    }

    // MARK: item 6 — optional tables with no row

    /// A header-only targets.csv or enterprises.csv is warned about, naming what the reports lose;
    /// under --max-reject-rate it stops the run (65) and nothing is published.
    @Test func aHeaderOnlyOptionalTableIsWarnedAboutOrStopsAStrictRun() throws {
        for table in [TableKind.targets, .enterprises] {
            let inputs = try sampleInputs("header-only-\(table)")
            let file = inputs.appendingPathComponent("\(table.rawValue).csv")
            let firstLine = try String(String(contentsOf: file, encoding: .utf8).split(separator: "\n")[0])
            try Data((firstLine + "\n").utf8).write(to: file)
            let warnings = UnsafeSendableBox([String]())
            let lock = NSLock()
            var settings = options(inputs, temporaryFolder("header-only-out-\(table)"))
            settings.warn = { text in lock.withLock { warnings.value.append(text) } }
            _ = try Pipeline(options: settings).run()
            #expect(
                warnings.value.contains("\(table.rawValue): no row was accepted (0 read): \(table.withoutRows)"),
                "\(warnings.value)")

            settings.outputs = temporaryFolder("header-only-strict-\(table)").path
            settings.maxRejectRate = 0.05
            #expect(throws: InputError.noRowsAccepted(table: table, read: 0)) { try Pipeline(options: settings).run() }
            #expect(InputError.noRowsAccepted(table: table, read: 0).exitStatus == .dataError)
            #expect(!FileManager.default.fileExists(atPath: settings.outputs + "/latest"))
        }
    }

    // MARK: item 12 — the lock

    /// The lock file is 0600 (and an older 0644 one is made so): another user cannot open it, so cannot hold it.
    @Test func theLockFileIsPrivate() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("lock-out")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let lock = outputs.appendingPathComponent(".lock")
        #expect(
            FileManager.default.createFile(atPath: lock.path, contents: nil, attributes: [.posixPermissions: 0o644]))
        _ = try Pipeline(options: options(inputs, outputs)).run()
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: lock.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    /// Another user cannot open the lock file, so cannot hold the lock and stop every run.
    @Test(.enabled(if: getuid() == 0 && HostileUseTests.canDropPrivileges, "needs root and /usr/bin/setpriv"))
    func anotherUserCannotOpenTheLock() throws {
        let outputs = temporaryFolder("lock-other")
        _ = try Pipeline(options: options(try sampleInputs(), outputs)).run()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: outputs.path)
        let lock = outputs.appendingPathComponent(".lock").path
        let (status, _) = try HostileUseTests().runShell(
            "\(HostileUseTests.unprivilegedPrefix) /bin/sh -c 'exec 3<\(lock)'")
        #expect(status != 0, "uid 65534 could open the lock file")
        // The same command opens a file that others may read: the refusal is the lock's mode.
        let open = outputs.appendingPathComponent("open")
        #expect(
            FileManager.default.createFile(atPath: open.path, contents: nil, attributes: [.posixPermissions: 0o644]))
        let (readable, message) = try HostileUseTests().runShell(
            "\(HostileUseTests.unprivilegedPrefix) /bin/sh -c 'exec 3<\(open.path)'")
        #expect(readable == 0, "\(message)")
    }

    /// The systemd unit bounds a run's time, and the cron line does too.
    @Test func theNightlyUnitsBoundARunsTime() throws {
        let service = try String(contentsOfFile: NightlyUnitTests.service, encoding: .utf8)
        #expect(service.split(separator: "\n").contains("TimeoutStartSec=4h"))
        let cron = try String(
            contentsOf: NightlyUnitTests.contrib.appendingPathComponent("workforce-nightly.cron"), encoding: .utf8)
        #expect(cron.contains("&& timeout 4h ./.build/release/workforce run"))
    }

    // MARK: item 19 — a disk without inodes while links are published

    /// With inodes for the run's files but not for all its new links, the run stops with 74 before
    /// `latest` moves: the previous run stays published with every link, no temporary link is left.
    @Test(.enabled(if: canMountTmpfs, "mounts a tmpfs with few inodes, which needs root and a mount(2) allowed here"))
    func noInodeForALinkLeavesThePreviousRunWhole() throws {
        let inputs = try sampleInputs()
        let shell = HostileUseTests()
        /// A fresh tmpfs, `run` on it, then unmounted.
        func onTmpfs(_ label: String, _ run: (URL, URL) throws -> Void) throws {
            let mountPoint = temporaryFolder(label)
            let (mounted, why) = try shell.runShell(
                "mount -t tmpfs -o size=64m,nr_inodes=4096 tmpfs '\(mountPoint.path)'")
            try #require(mounted == 0, "cannot mount a tmpfs here: \(why)")
            defer { _ = try? shell.runShell("umount '\(mountPoint.path)'") }
            try run(mountPoint, mountPoint.appendingPathComponent("Outputs"))
        }
        func links(_ outputs: URL) -> [String: String] {
            var found: [String: String] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? [] {
                let path = outputs.appendingPathComponent(name).path
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    found[name] = target
                }
            }
            return found
        }
        var first = options(inputs, URL(fileURLWithPath: "/"))
        first.reports = ReportChoice(names: ["composition", "wages"])  // the first run publishes two reports

        // Measured with room to spare: the inodes the second run (every report) adds, and its new links.
        var added = 0
        var newLinks = 0
        try onTmpfs("inodes-measure") { mountPoint, outputs in
            first.outputs = outputs.path
            _ = try Pipeline(options: first).run()
            let (used, before) = (try inodesUsed(mountPoint), links(outputs))
            _ = try Pipeline(options: options(inputs, outputs)).run()
            added = try inodesUsed(mountPoint) - used
            newLinks = Set(links(outputs).keys).subtracting(before.keys).count
        }
        #expect(newLinks >= 2)

        try onTmpfs("inodes") { mountPoint, outputs in
            first.outputs = outputs.path
            _ = try Pipeline(options: first).run()
            let before = links(outputs)
            #expect(before["composition.csv"] == "latest/composition.csv")
            // Room for the run folder and all it holds, `latest` and one new link: the second new link fails.
            let room = (added - newLinks) + 1 + 1
            let (remounted, reason) = try shell.runShell(
                "mount -o remount,nr_inodes=\(try inodesUsed(mountPoint) + room) '\(mountPoint.path)'")
            try #require(remounted == 0, "cannot remount: \(reason)")
            do {
                _ = try Pipeline(options: options(inputs, outputs)).run()
                Issue.record("the run published")
            } catch let error as OutputError {
                // A full disk is a write error (74), met while making a link, before anything moved.
                #expect(error.exitStatus == .ioError, "\(error)")
                #expect(error.description.contains(".link (No space left on device)"), "\(error)")
            }
            // The reports' links are as they were; the summary and the workbook lead to the failure
            // notice where there was room to write it (`FailureNotice`), else are as they were too.
            let after = links(outputs)
            let noticed = ["summary.html", "workforce.xlsx"]
            #expect(after.filter { !noticed.contains($0.key) } == before.filter { !noticed.contains($0.key) })
            for name in noticed {
                #expect(after[name] == before[name] || after[name]?.hasPrefix("runs/.notice-") == true, "\(name)")
            }
            #expect(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("composition.csv").path))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs.path).filter {
                $0.hasSuffix(".link")
            }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    /// Inodes in use on the file system of `folder` (statvfs).
    func inodesUsed(_ folder: URL) throws -> Int {
        var info = statvfs()
        try #require(statvfs(folder.path, &info) == 0)
        return Int(info.f_files - info.f_ffree)
    }

    // MARK: items 24e and 24f — folders in the way, the umask

    /// A file where the validation folder goes is named, with status 73, not "NSCocoaErrorDomain error 512".
    @Test func aFileWhereAnOutputFolderGoesIsNamed() throws {
        let inputs = try sampleInputs()
        let outputs = temporaryFolder("in-the-way")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: outputs.appendingPathComponent("validation"))
        var settings = options(inputs, outputs)
        settings.validateOnly = true
        do {
            _ = try Pipeline(options: settings).run()
            Issue.record("the run went on")
        } catch let error as OutputError {
            #expect(error.exitStatus == .cannotCreate)
            #expect(error.description.contains("\(outputs.path)/validation is a file, not a folder"), "\(error)")
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
        #expect(try String(contentsOf: outputs.appendingPathComponent("validation"), encoding: .utf8) == "mine")
    }

    /// Under umask 000 nothing published is writable by group or others; a stricter umask (the
    /// nightly unit's 0027) is kept.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func publishedReportsAreNeverWritableByOthers() throws {
        let inputs = try sampleInputs()
        for (mask, folderMode, fileMode) in [("000", 0o755, 0o644), ("027", 0o750, 0o640)] {
            let outputs = temporaryFolder("umask-\(mask)").appendingPathComponent("Outputs")  // made by the run
            let (status, message) = try HostileUseTests().runShell(
                "umask \(mask); exec '\(HostileUseTests.binary.path)' run --inputs '\(inputs.path)' "
                    + "--outputs '\(outputs.path)' --quiet")
            #expect(status == 0, "\(message)")
            let run = try FileManager.default.destinationOfSymbolicLink(
                atPath: outputs.appendingPathComponent("latest").path)
            func mode(_ path: String) throws -> Int? {
                try FileManager.default.attributesOfItem(atPath: outputs.appendingPathComponent(path).path)[
                    .posixPermissions] as? Int
            }
            #expect(try mode("") == folderMode, "umask \(mask)")
            #expect(try mode("runs") == folderMode, "umask \(mask)")
            #expect(try mode(run) == folderMode, "umask \(mask)")
            #expect(try mode(run + "/wages.csv") == fileMode, "umask \(mask)")
            #expect(try mode(run + "/workforce.xlsx") == fileMode, "umask \(mask)")
        }
    }
}
