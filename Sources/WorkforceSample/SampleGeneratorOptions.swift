import Foundation
import WorkforceKit

/// Settings for the synthetic-survey generator: sample size, survey waves and seed.
///
/// The same options always produce byte-identical files on any machine; each wave
/// depends only on the seed, its year and the sample size, so adding or removing
/// another year leaves the other waves unchanged.
public struct SampleGeneratorOptions: Sendable {
    /// Surveyed workers per wave (at least 64: 16 district strata × 2 enterprises × 2 workers).
    public var workersPerWave: Int
    /// Survey waves, e.g. `[2019, 2020, 2021]`; sorted and de-duplicated on use.
    public var years: [Int]
    /// Seed of every random stream the generator uses.
    public var seed: UInt64

    public init(workersPerWave: Int, years: [Int], seed: UInt64) {
        self.workersPerWave = workersPerWave
        self.years = years
        self.seed = seed
    }
}

extension SampleGeneratorOptions {
    /// Checks the options and returns the waves in ascending order without duplicates.
    ///
    /// The minimum sample size exists because the estimation stage needs at least two
    /// PSUs in every stratum and at least two workers per PSU.
    func validatedYears() throws -> [Int] {
        let minimum = SampleGenerator.minimumWorkersPerWave
        guard workersPerWave >= minimum else {
            throw SampleGenerator.GenerationError(
                "workersPerWave is \(workersPerWave); at least \(minimum) are needed "
                    + "(16 district strata × 2 enterprises × 2 workers)")
        }
        guard !years.isEmpty else {
            throw SampleGenerator.GenerationError("no survey year given; pass at least one wave, e.g. 2021")
        }
        for year in years where !(1900...2100).contains(year) {
            throw SampleGenerator.GenerationError(
                "year \(year) is outside 1900–2100 (the range of the input contract)")
        }
        return Array(Set(years)).sorted()
    }
}

extension SampleGenerator {
    /// A problem that stops generation: unusable options or a file that cannot be written.
    struct GenerationError: Error, LocalizedError, CustomStringConvertible {
        let message: String
        init(_ message: String) { self.message = message }
        var errorDescription: String? { message }
        var description: String { message }
    }
}
