import ArgumentParser
import Foundation
import WorkforceKit

/// Options shared by `run` and `validate`.
struct CommonOptions: ParsableArguments {
    @Option(help: "Folder holding the input CSV files.")
    var inputs = "Inputs"

    @Option(help: "Folder the reports are written to (created if missing).")
    var outputs = "Outputs"

    @Option(help: "Threads for parsing and aggregation (default: all cores). Results never depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Nominal chunk size in bytes for parallel parsing.", visibility: .hidden))
    var chunkBytes: Int = 8 << 20

    @Option(help: "Estimates on fewer rows than this are blanked and flagged `suppressed`.")
    var suppressBelow = 10

    @Option(help: "Estimates on fewer rows than this are flagged `low_n`.")
    var lowNBelow = 30

    @Option(help: "Strata with a single PSU: adjust (default, as R), remove, certainty, average or fail.")
    var lonelyPsu: LonelyPSUPolicy = .adjust

    @Option(help: "Level of the confidence intervals, between 0 and 1.")
    var confidenceLevel = 0.95

    @Option(help: "Write a UTF-8 byte-order mark at the start of CSV reports (on|off). Excel needs it for Chinese text.")
    var csvBom: Switch = .on

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        guard chunkBytes >= 1 else { throw ValidationError("--chunk-bytes must be 1 or more") }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw ValidationError("--confidence-level must be between 0 and 1, e.g. 0.95")
        }
        guard suppressBelow >= 0, lowNBelow >= suppressBelow else {
            throw ValidationError("need 0 ≤ --suppress-below ≤ --low-n-below")
        }
    }

    func pipelineOptions(validateOnly: Bool) -> PipelineOptions {
        var options = PipelineOptions(inputs: inputs, outputs: outputs, jobs: jobs)
        options.chunkBytes = chunkBytes
        options.disclosure = DisclosurePolicy(suppressBelow: suppressBelow, lowNBelow: lowNBelow)
        options.csvByteOrderMark = csvBom == .on
        options.validateOnly = validateOnly
        options.log = { printError("workforce: \($0)") }
        options.lonelyPSU = lonelyPsu
        options.confidenceLevel = confidenceLevel
        return options
    }
}

/// An on/off option value.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

extension LonelyPSUPolicy: ExpressibleByArgument {}
