import Foundation
import Testing

/// What `--help` tells a user: each command lists the options it uses and says what it writes.
@Suite struct CommandHelpTests {
    /// The built binary's standard output for `arguments`.
    func help(_ arguments: [String]) throws -> String {
        let (status, output, _) = try runWorkforce(arguments)
        #expect(status == 0)
        return output
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
