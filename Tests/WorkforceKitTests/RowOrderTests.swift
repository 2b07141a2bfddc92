import Foundation
import Testing

@testable import WorkforceKit

/// Estimates describe the rows, not the order they are listed in: a file whose PSUs are
/// scattered gives the same numbers as the same rows grouped by PSU (up to the rounding of sums
/// taken in another order), and the same bits for any number of threads.
///
/// The streaming passes assume a PSU's rows usually sit together; scattered PSUs take the
/// path that sorts and merges each domain's per-PSU entries, which this test checks.
@Suite struct RowOrderTests {
    /// Rows with PSUs drawn at random, so that every PSU comes back many times in file order.
    static func scatteredRows(seed: Int) -> [String] {
        var random = SplitMix(seed: UInt64(4000 + seed))
        var rows: [String] = []
        for index in 0..<Int(random.next() % 800 + 300) {
            let union = ["", "0", "1"][Int(random.next() % 3)]
            rows.append(
                ValidationRuleTests.row(
                    [
                        "monthly_wage": String(Double(random.next() % 5_000_000) / 97 + 1000),
                        "weight": String(Double(random.next() % 1_000_000) / 7919 + 0.01),
                        "district": District.names[Int(random.next() % 4)],
                        "enterprise_id": "E\(random.next() % 40)",
                        "industry": Industry.letters[Int(random.next() % 6)],
                        "employment_type": ["regular", "dispatch", "outsourced"][Int(random.next() % 3)],
                        "hukou": random.next() % 3 == 0 ? "nonlocal" : "local",
                        "trained": String(random.next() % 2), "training_hours": String(random.next() % 80),
                        "training_subsidy": String(random.next() % 500),
                        "housing_fund": String(random.next() % 2), "union_member": union,
                        "commute_minutes": random.next() % 5 == 0 ? "" : String(random.next() % 120),
                    ], id: index))
        }
        return rows
    }

    @Test(arguments: 0..<3)
    func scatteredPSUsGiveTheSameEstimatesAsGroupedOnes(seed: Int) throws {
        let rows = Self.scatteredRows(seed: seed)
        // The same rows grouped by enterprise (the PSU), file order kept within each.
        let enterprise = { (row: String) in row.split(separator: ",", omittingEmptySubsequences: false)[2] }
        let grouped = rows.enumerated().sorted {
            (enterprise($0.element), $0.offset) < (enterprise($1.element), $1.offset)
        }.map(\.element)
        let header = ValidationRuleTests.header
        let scattered = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + rows).joined(separator: "\n") + "\n"]), jobs: 1)
        let tidy = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + grouped).joined(separator: "\n") + "\n"]), jobs: 1)
        let threaded = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + rows).joined(separator: "\n") + "\n"]), jobs: 3)
        for name in ["composition.csv", "wages.csv", "training.csv", "coverage.csv"] {
            let a = try String(contentsOf: scattered.outputs.appendingPathComponent(name), encoding: .utf8)
            let b = try String(contentsOf: tidy.outputs.appendingPathComponent(name), encoding: .utf8)
            let c = try String(contentsOf: threaded.outputs.appendingPathComponent(name), encoding: .utf8)
            #expect(a == c, "seed \(seed): \(name) differs between 1 and 3 threads")
            let linesA = a.split(separator: "\n"), linesB = b.split(separator: "\n")
            try #require(linesA.count == linesB.count, "seed \(seed): \(name) has different rows")
            #expect(linesA.count > 20)
            for (lineA, lineB) in zip(linesA, linesB) where lineA != lineB {
                let fieldsA = lineA.split(separator: ",", omittingEmptySubsequences: false)
                let fieldsB = lineB.split(separator: ",", omittingEmptySubsequences: false)
                for (x, y) in zip(fieldsA, fieldsB) where x != y {
                    let u = try #require(Double(x), "\(name): \(x) vs \(y)")
                    let v = try #require(Double(y), "\(name): \(x) vs \(y)")
                    #expect(abs(u - v) <= 1e-9 * max(abs(u), abs(v), 1e-6), "seed \(seed) \(name): \(u) vs \(v)")
                }
            }
        }
    }
}
