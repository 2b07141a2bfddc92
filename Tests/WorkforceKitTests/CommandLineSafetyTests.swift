import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// The command line under hostile use: absurd options, forged log lines, lost arguments, and
/// `generate` beside a user's own files.
@Suite struct CommandLineSafetyTests {
    static var hasBinary: Bool { HostileUseTests.hasBinary }
    /// Whether strace is installed and may trace here (ptrace can be denied in a container), tried once.
    static let hasStrace: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
        return (try? HostileUseTests().runShell("/usr/bin/strace -f -o /dev/null /bin/true"))?.0 == 0
    }()

    // MARK: item 13 — absurd numbers

    /// A chunk size past 1 GiB (Int.max overflowed the planner) and zero jobs are refused (64).
    @Test func absurdChunkSizesAreRefused() throws {
        for bytes in [Int.max, (1 << 30) + 1, 0, -1] {
            var settings = PipelineOptions(inputs: "in", outputs: "out", jobs: 2)
            settings.chunkBytes = bytes
            #expect(throws: OptionError("--chunk-bytes must be between 1 and 1073741824 (1 GiB)")) {
                try settings.validate()
            }
        }
        var settings = PipelineOptions(inputs: "in", outputs: "out", jobs: 2)
        settings.chunkBytes = 1 << 30
        #expect(throws: Never.self) { try settings.validate() }
        // Zero jobs was taken for one; the documented range is 1–1024.
        #expect(throws: OptionError("--jobs must be between 1 and 1024, e.g. the number of cores")) {
            try PipelineOptions(inputs: "in", outputs: "out", jobs: 0).validate()
        }
    }

    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func absurdChunkSizesAndZeroJobsGiveUsageStatus() throws {
        for (subcommand, option, value, words) in [
            ("run", "--chunk-bytes", "9223372036854775807", "--chunk-bytes must be between 1 and 1073741824"),
            ("validate", "--chunk-bytes", "9223372036854775807", "--chunk-bytes must be between 1 and 1073741824"),
            ("run", "--jobs", "0", "--jobs must be between 1 and 1024"),
            ("validate", "--jobs", "0", "--jobs must be between 1 and 1024"),
        ] {
            let result = try runWorkforce([subcommand, "--inputs", "/nonexistent", option, value])
            #expect(result.status == 64, "\(subcommand) \(option) \(value): \(result.errors)")
            #expect(result.errors.contains(words), "\(result.errors)")
        }
    }

    // MARK: item 17 — what messages show

    @Test func controlCharactersAreEscapedOnALogLine() {
        #expect(PrintableText.escaped("plain 文字, tabs\tand\nlines\r") == "plain 文字, tabs\\tand\\nlines\\r")
        #expect(PrintableText.escaped("\u{1B}[2J\u{7}x\u{9B}\u{202E}y\u{0}") == "\\u{1B}[2J\\u{7}x\\u{9B}\\u{202E}y\\u{0}")
        #expect(PrintableText.escaped("workers_2021.csv") == "workers_2021.csv")
    }

    /// A file name holding a newline and a screen clear gives one error line, the name escaped.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func aFileNameCannotForgeLogLines() throws {
        let inputs = temporaryFolder()
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let name = "workers_2021\nworkforce: 2026-12-01T00:00:00Z all good\u{1B}[2J.csv"
        #expect(FileManager.default.createFile(atPath: inputs.appendingPathComponent(name).path, contents: Data()))
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", temporaryFolder("o").path])
        #expect(result.status == 65)
        let lines = result.errors.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(!result.errors.contains("\u{1B}"))
        #expect(result.errors.contains("workers_2021\\nworkforce: 2026-12-01T00:00:00Z all good\\u{1B}[2J.csv"))
    }

    /// Under --log-format json a usage error is a JSON line too.
    @Test(.enabled(if: hasBinary, "needs the built workforce executable (make test builds it)"))
    func usageErrorsAreJSONLinesInJSONMode() throws {
        for arguments in [
            ["run", "--log-format", "json", "--jobs", "many"],
            ["validate", "--log-format=json", "--no-such-option"],
            ["run", "--log-format", "json", "--jobs", "0"],
        ] {
            let result = try runWorkforce(arguments)
            #expect(result.status == 64, "\(arguments)")
            let lines = result.errors.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result.errors)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any],
                "\(result.errors)")
            #expect(object["level"] as? String == "error")
            #expect((object["message"] as? String)?.isEmpty == false)
        }
    }

    // MARK: item 18 — arguments never lost

    /// With /proc/self/maps unreadable the runtime loses argv; the command reads /proc/self/cmdline
    /// instead, and when that is unreadable too it stops (70) rather than run on ./Inputs.
    @Test(.enabled(if: hasBinary && hasStrace, "needs the built executable and a working /usr/bin/strace"))
    func argumentsAreNeverLost() throws {
        let inputs = temporaryFolder("args-in")
        let outputs = temporaryFolder("args-out")
        let binary = HostileUseTests.binary.path
        // From an empty folder: arguments lost would mean a run on ./Inputs → ./Outputs there.
        let here = temporaryFolder("args-cwd")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        let (status, message) = try HostileUseTests().runShell(
            "cd '\(here.path)' && strace -f -o /dev/null -P /proc/self/maps -e inject=openat:error=EACCES "
                + "'\(binary)' validate --inputs '\(inputs.path)' --outputs '\(outputs.path)'")
        #expect(status == 66, "\(message)")
        #expect(message.contains(inputs.path), "\(message)")

        let (blind, why) = try HostileUseTests().runShell(
            "cd '\(here.path)' && strace -f -o /dev/null -P /proc/self/maps -P /proc/self/cmdline -e inject=openat:error=EACCES "
                + "'\(binary)' validate --inputs '\(inputs.path)' --outputs '\(outputs.path)'")
        #expect(blind == 70, "\(why)")
        #expect(why.contains("cannot read this process's command line"), "\(why)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: here.path).isEmpty)
    }

    // MARK: item 24g — generate beside a user's own files

    /// A `.workforce-generated` that is not the product's record is the user's: refused, unchanged.
    @Test func generateLeavesAUsersOwnRecordFileAlone() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mine = folder.appendingPathComponent(".workforce-generated")
        try Data("my notes about the generated data\n".utf8).write(to: mine)
        let options = SampleGeneratorOptions(workersPerWave: 64, years: [2021], seed: 1)
        #expect(throws: GenerationRefused(folder: folder.path, files: [".workforce-generated"])) {
            _ = try SampleGenerator.write(options, to: folder)
        }
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes about the generated data\n")

        // The product's own record (with its heading, or an earlier version's without) is replaced.
        try FileManager.default.removeItem(at: mine)
        _ = try SampleGenerator.write(options, to: folder)
        let record = try String(contentsOf: mine, encoding: .utf8)
        #expect(record.hasPrefix(GeneratedFilesRecord.heading + "\n"))
        try Data(record.split(separator: "\n").dropFirst().joined(separator: "\n").utf8).write(to: mine)
        #expect(throws: Never.self) { _ = try SampleGenerator.write(options, to: folder) }
    }
}
