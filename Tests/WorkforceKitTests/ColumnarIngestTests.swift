import Foundation
import Testing

@testable import WorkforceKit

/// Validation writes workers straight into columns (`WorkerBatch`), with keys fingerprinted and
/// PSUs numbered on the record's bytes: what it keeps must equal what the contract says,
/// worked out here independently.
@Suite struct ColumnarIngestTests {
    /// FNV-1a (64-bit) of `bytes`, written out from its definition.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }

    @Test func keyFingerprintIsFNV1aOfTheYearsDigitsASeparatorAndTheID() {
        for (year, id) in [(2021, "W1"), (1900, ""), (0, "x"), (-7, "ab"), (2100, "工号-07"), (123_456_789, "W")] {
            let expected = Self.fnv1a(Array(String(year).utf8) + [0x1F] + Array(id.utf8))
            #expect(DuplicateKey(year: year, id: id).fingerprint == expected, "\(year) \(id)")
        }
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var cases: [[UInt8]] = [
            [], [0x41], [0xC2, 0xA0], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE9, 0xBB],
            [0xE9, 0xBB, 0x84, 0x80], [0x80], [0xFF], Array("黄浦区".utf8),
        ]
        // Short strings over lead, continuation and ASCII bytes: most are broken in some way.
        let alphabet: [UInt8] = [
            0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
        ]
        var state: UInt64 = 7
        for _ in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 61)
            cases.append(
                (0..<length).map { k in alphabet[Int((state >> (UInt64(k) * 4 + 8)) & 0xF) % alphabet.count] })
        }
        var valid = 0
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(isValidUTF8) == expected, "\(bytes)")
            if expected { valid += 1 }
        }
        #expect(valid > 1_000)
    }

    /// Reads `lines` as workers.csv with `chunkBytes`-byte chunks; returns the workers and the quarantine.
    static func read(_ lines: [String], chunkBytes: Int, jobs: Int) throws -> (WorkerAccumulator, [QuarantineEntry]) {
        let text = ([ValidationRuleTests.header] + lines).joined(separator: "\n") + "\n"
        let reader = TableReader(
            validator: WorkerRowValidator(), jobs: jobs, planner: ChunkPlanner(targetBytes: chunkBytes),
            maxFieldBytes: 4096)
        var duplicates = DuplicateKeyIndex()
        var workers = WorkerAccumulator()
        var quarantined: [QuarantineEntry] = []
        let file = InputFile(table: .workers, path: "/dev/null", name: "workers.csv")
        _ = try Array(text.utf8).withUnsafeBytes { bytes in
            try reader.read(
                contents: bytes, file: file, fileNumber: 0, duplicates: &duplicates, fileNames: ["workers.csv"],
                quarantine: { quarantined.append($0) }
            ) { window in
                for batch in window { workers.add(batch) }
            }
        }
        return (workers, quarantined)
    }

    /// A duplicate that was the first row of its PSU, or its only row, leaves no trace in the design.
    @Test func duplicatesLeaveNoPSUAndNoFPCBehind() throws {
        typealias R = ValidationRuleTests
        let lines = [
            R.row(["psu": "P1"], id: 1),
            R.row(["psu": "P2", "fpc": "500"], id: 2),
            R.row(["psu": "P3", "fpc": "900"], id: 1),  // duplicate of line 2, first row of P3
            R.row(["psu": "P3", "fpc": "700", "monthly_wage": "9000"], id: 3),
            R.row(["psu": "P4"], id: 2),  // duplicate of line 3, alone in P4
            R.row(["psu": "", "enterprise_id": "E9", "stratum": "S2"], id: 4),
        ]
        let (workers, quarantined) = try Self.read(lines, chunkBytes: 1 << 20, jobs: 1)
        #expect(quarantined.map(\.line) == [4, 6])
        #expect(
            quarantined.map(\.detail) == [
                "W1 in 2021 was already seen on line 2", "W2 in 2021 was already seen on line 3",
            ])
        #expect(workers.psus.names == ["P1", "P2", "P3", "E9"])
        #expect(workers.psus.strata == ["黄浦", "黄浦", "黄浦", "S2"])
        #expect(workers.psus.fpc == [nil, 500, 700, nil])
        let samples = try #require(workers.samples[2021])
        #expect(samples.psus == [0, 1, 2, 3])
        #expect(samples.wages == [8000, 8000, 9000, 8000])
        #expect(workers.unmatchedEnterprises == 4)
    }

    /// Chunk-local PSU tables merged in file order number PSUs as one pass over the file would.
    @Test func psuNumbersDoNotDependOnChunksOrThreads() throws {
        typealias R = ValidationRuleTests
        var lines: [String] = []
        for id in 0..<300 {
            let psu = id / 7 % 23  // PSUs come back after others
            lines.append(R.row(["psu": "P\(psu)", "stratum": "S\(psu % 3)", "monthly_wage": "\(3000 + id)"], id: id))
        }
        let (one, _) = try Self.read(lines, chunkBytes: 1 << 20, jobs: 1)
        let (many, _) = try Self.read(lines, chunkBytes: 500, jobs: 2)
        let expectedNames = (0..<300).map { "P\($0 / 7 % 23)" }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        #expect(one.psus.names == expectedNames)
        #expect(many.psus.names == expectedNames)
        #expect(many.psus.strata == one.psus.strata)
        let (a, b) = (try #require(one.samples[2021]), try #require(many.samples[2021]))
        #expect(a.psus == b.psus)
        #expect(a.psus.map { one.psus.names[Int($0)] } == (0..<300).map { "P\($0 / 7 % 23)" })
        #expect(a.wages == b.wages)
    }
}
