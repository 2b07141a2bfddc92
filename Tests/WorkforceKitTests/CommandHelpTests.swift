import Foundation
import Testing

/// What `--help` tells a user: each command lists the options it uses and says what it writes.
@Suite struct CommandHelpTests {
    /// The built binary's standard output for `arguments`.
    func help(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = FaultAndPrivacyTests.binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return text
    }

    @Test func validateListsOnlyItsOptionsAndSaysWhatItWrites() throws {
        let validate = try help(["validate", "--help"])
        for estimationOption in ["--suppress-below", "--low-n-below", "--lonely-psu", "--confidence-level"] {
            #expect(!validate.contains(estimationOption), "validate --help lists \(estimationOption)")
        }
        for written in ["data_quality.csv", "quarantine/<table>.csv", "workforce.xlsx", "manifest.json"] {
            #expect(validate.contains(written), "validate --help does not say it writes \(written)")
        }
        let run = try help(["run", "--help"])
        for option in ["--suppress-below", "--confidence-level", "--inputs", "--encoding"] {
            #expect(run.contains(option), "run --help misses \(option)")
        }
        #expect(run.contains("38 bytes per accepted worker"))
    }
}
