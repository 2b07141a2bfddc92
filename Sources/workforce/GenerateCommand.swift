import ArgumentParser
import Foundation
import WorkforceKit
import WorkforceSample

/// `workforce generate`: writes a synthetic survey shaped like a real city survey.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic survey (all six tables) for tests, demos and benchmarks.",
        discussion: "The same options and seed always give byte-identical files (docs/sample-data.md).")

    @Option(help: "Surveyed workers per wave.")
    var workers = 20_000

    @Option(help: "Survey waves, comma-separated.")
    var years = "2019,2020,2021"

    @Option(help: "Random seed.")
    var seed: UInt64 = 20_190_101

    @Option(help: "Folder to write the tables into (created if missing).")
    var out = "Inputs"

    @Flag(help: "Overwrite same-named files that an earlier `generate` did not write (real survey files).")
    var force = false

    func run() throws {
        let waves = years.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !waves.isEmpty, waves.count == years.split(separator: ",").count else {
            throw ValidationError("--years must be a comma-separated list of years, e.g. 2019,2020,2021")
        }
        guard workers >= 64 else {
            throw ValidationError(
                "--workers must be 64 or more: two enterprises of two workers in each of the 16 districts")
        }
        guard waves.allSatisfy({ (1900...2100).contains($0) }), Set(waves).count == waves.count else {
            throw ValidationError("--years must be distinct years between 1900 and 2100")
        }
        let options = SampleGeneratorOptions(workersPerWave: workers, years: waves, seed: seed)
        do {
            let files = try SampleGenerator.write(options, to: URL(fileURLWithPath: out), force: force)
            printError("workforce: wrote \(files.count) files to \(out)")
        } catch let refused as GenerationRefused {
            printError("workforce: error: \(refused)")
            throw ExitCode(refused.exitStatus.rawValue)
        } catch {
            printError("workforce: error: cannot write the sample to \(out): \(error)")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
