import Foundation
import Testing

@testable import WorkforceKit

/// rows read = accepted + quarantined, on seeded random mixes of good and broken rows.
@Suite struct AccountingTests {
    static let breakages: [@Sendable (String) -> String] = [
        { $0.replacingOccurrences(of: ",30,", with: ",300,") },  // age out of range
        { $0 + ",extra" },  // too many fields
        { String($0.prefix(20)) },  // too few fields
        { $0.replacingOccurrences(of: "regular", with: "re\"gular") },  // stray quote
        { $0.replacingOccurrences(of: ",C,", with: ",\"C,") },  // quote left open
        { $0.replacingOccurrences(of: "8000", with: "8k") },  // not a number
        { $0 },  // duplicate of an earlier id (same id reused below)
    ]

    @Test(arguments: 0..<25)
    func identityHoldsOnRandomInputs(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        var lines = [ValidationRuleTests.header]
        var expectedRows = 0
        for index in 0..<Int(random.next() % 300 + 1) {
            var row = ValidationRuleTests.row(["age": "30", "employment_type": "regular"], id: index)
            let pick = Int(random.next() % 12)
            if pick < Self.breakages.count {
                if pick == Self.breakages.count - 1 { row = ValidationRuleTests.row([:], id: max(0, index - 1)) }
                row = Self.breakages[pick](row)
            }
            lines.append(row)
            expectedRows += 1
            if random.next() % 20 == 0 { lines.append("") }  // blank lines are not rows
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: random.next() % 2 == 0 ? "\n" : "\r\n")])
        let jobs = Int(random.next() % 4) + 1
        let (summary, outputs) = try runPipeline(
            inputs: inputs, jobs: jobs, chunkBytes: Int(random.next() % 4000) + 50, validateOnly: true)
        let account = try #require(summary.accounts.first)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(account.balances)
        #expect(account.rowsQuarantined == quarantine.count)
        // A quote left open swallows the line break, so two physical rows may be one record.
        #expect(account.rowsRead <= expectedRows)
        #expect(account.rowsRead + lines.filter(\.isEmpty).count >= 1)
        let lineNumbers = quarantine.compactMap { Int($0["line"] ?? "") }
        #expect(lineNumbers == lineNumbers.sorted(), "quarantine is in file order")
    }
}
