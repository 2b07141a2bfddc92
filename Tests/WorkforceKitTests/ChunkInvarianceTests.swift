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

/// A stray quote early in a file must not move later chunk cuts into multi-line records.
@Suite struct StrayQuoteChunkTests {
    /// A workers file of `rows` records: row 9 (line 11) holds a stray quote inside `employment_type`, and the first
    /// record starting at or after each nominal cut (`k * chunkBytes` past the header) has a two-line worker_id.
    static func workersFile(rows: Int, chunkBytes: Int) -> (text: String, twoLineRecords: Int) {
        let header = ValidationRuleTests.header + "\n"
        var body = ""
        var nextCut = chunkBytes
        var twoLine = 0
        for index in 0..<rows {
            var row: String
            if index == 9 {
                row = ValidationRuleTests.row(["employment_type": "re\"gular"], id: index)
            } else if body.utf8.count >= nextCut {
                row = ValidationRuleTests.row(["worker_id": "\"W\(index)\n\(index)\""], id: index)
                twoLine += 1
                while nextCut <= body.utf8.count { nextCut += chunkBytes }
            } else {
                row = ValidationRuleTests.row([:], id: index)
            }
            body += row + "\n"
        }
        return (header + body, twoLine)
    }

    @Test(arguments: [2048, 4096, 5000])
    func strayQuoteCostsOneRowWhateverTheChunksAndThreads(chunkBytes: Int) throws {
        let rows = 250
        let (text, twoLine) = Self.workersFile(rows: rows, chunkBytes: chunkBytes)
        #expect(twoLine >= 3, "the file must cross several nominal cuts")
        let inputs = try makeInputs(["workers.csv": text])
        // By construction: 250 records (a two-line worker_id is one record), and only line 11 is broken.
        for (jobs, bytes) in [(1, 1 << 24), (1, chunkBytes), (2, chunkBytes), (3, chunkBytes)] {
            let (summary, outputs) = try runPipeline(inputs: inputs, jobs: jobs, chunkBytes: bytes, validateOnly: true)
            let account = try #require(summary.accounts.first { $0.table == .workers })
            #expect(account.rowsRead == rows, "jobs \(jobs), \(bytes)-byte chunks")
            #expect(account.rowsAccepted == rows - 1, "jobs \(jobs), \(bytes)-byte chunks")
            #expect(account.rowsQuarantined == 1, "jobs \(jobs), \(bytes)-byte chunks")
            let entries = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
            #expect(entries.map { $0["line"] } == ["11"], "jobs \(jobs), \(bytes)-byte chunks")
            #expect(entries.map { $0["reason"] } == ["malformed quoting"], "jobs \(jobs), \(bytes)-byte chunks")
        }
    }
}
