import Foundation
import Testing

@testable import WorkforceKit

/// Splitting the same rows into different chunks, on any number of threads, gives identical reports to the last bit.
@Suite struct ChunkInvarianceTests {
    @Test(arguments: 0..<6)
    func reportsDoNotDependOnChunksOrThreads(seed: Int) throws {
        var random = SplitMix(seed: UInt64(1000 + seed))
        var lines = [ValidationRuleTests.header]
        for index in 0..<Int(random.next() % 1500 + 200) {
            // Weights and wages with many significant digits, so that summation order would show.
            let wage = Double(random.next() % 5_000_000) / 97 + 1000
            let weight = Double(random.next() % 1_000_000) / 7919 + 0.01
            lines.append(
                ValidationRuleTests.row(
                    [
                        "monthly_wage": String(wage), "weight": String(weight),
                        "district": District.names[Int(random.next() % 16)],
                        "enterprise_id": "E\(random.next() % 60)",
                        "industry": Industry.letters[Int(random.next() % 20)],
                        "skill_level": String(random.next() % 6), "sex": random.next() % 2 == 0 ? "M" : "F",
                        "hukou": random.next() % 3 == 0 ? "nonlocal" : "local",
                    ], id: index))
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let reference = try runPipeline(inputs: inputs, jobs: 1, chunkBytes: 1 << 24)
        for (jobs, chunkBytes) in [(1, 333), (3, 2048), (2, 50_000), (4, 777)] {
            let other = try runPipeline(inputs: inputs, jobs: jobs, chunkBytes: chunkBytes)
            for name in ["composition.csv", "wages.csv"] {
                let a = try Data(contentsOf: reference.outputs.appendingPathComponent(name))
                let b = try Data(contentsOf: other.outputs.appendingPathComponent(name))
                #expect(a == b, "seed \(seed): \(name) differs with --jobs \(jobs) and \(chunkBytes)-byte chunks")
            }
        }
    }
}
