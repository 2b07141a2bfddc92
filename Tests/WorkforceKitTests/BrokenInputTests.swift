import Foundation
import Testing

@testable import WorkforceKit

/// The corpus of broken inputs (Fixtures/broken, written by scripts/make_broken_corpus.py), each with its outcome.
@Suite struct BrokenInputTests {
    /// What a case must give: an error with a status and a message fragment, or rows read/quarantined and reasons.
    enum Outcome: Sendable {
        case fails(WorkforceKit.ExitStatus, String)
        case runs(read: Int, quarantined: Int, reasons: [String], table: TableKind = .workers)
    }

    static let cases: [(String, Outcome)] = [
        ("truncated_mid_quote", .runs(read: 4, quarantined: 1, reasons: ["unterminated quote"])),
        ("unterminated_quote_mid_file", .runs(read: 4, quarantined: 1, reasons: ["unterminated quote"])),
        ("nul_bytes_in_row", .runs(read: 2, quarantined: 1, reasons: ["control character"])),
        (
            "nul_bytes_in_header",
            .fails(WorkforceKit.ExitStatus.dataError, "workers.csv: not a CSV file (the header holds a NUL byte")
        ),
        ("header_only", .runs(read: 0, quarantined: 0, reasons: [])),
        ("empty_file", .fails(WorkforceKit.ExitStatus.dataError, "workers.csv:1: the file is empty")),
        ("duplicate_headers", .fails(WorkforceKit.ExitStatus.dataError, "workers.csv:1: column weight appears twice")),
        (
            "missing_required_column",
            .fails(WorkforceKit.ExitStatus.dataError, "workers.csv:1: missing required column(s) monthly_wage")
        ),
        ("wrong_delimiter_semicolon", .fails(WorkforceKit.ExitStatus.dataError, "check the delimiter")),
        ("mixed_line_ends", .runs(read: 3, quarantined: 0, reasons: [])),
        ("thousands_separator", .runs(read: 2, quarantined: 1, reasons: ["not a number"])),
        ("fullwidth_digits", .runs(read: 2, quarantined: 1, reasons: ["not a number"])),
        ("date_in_year_column", .runs(read: 2, quarantined: 1, reasons: ["not an integer"])),
        ("negative_wage", .runs(read: 2, quarantined: 1, reasons: ["out of range"])),
        ("absurd_wage", .runs(read: 2, quarantined: 1, reasons: ["out of range"])),
        ("absurd_age", .runs(read: 2, quarantined: 1, reasons: ["out of range"])),
        ("duplicate_keys", .runs(read: 4, quarantined: 1, reasons: ["duplicate key"])),
        ("row_longer_than_header", .runs(read: 2, quarantined: 1, reasons: ["wrong field count"])),
        ("row_shorter_than_header", .runs(read: 2, quarantined: 1, reasons: ["wrong field count"])),
        ("blank_lines_only", .runs(read: 0, quarantined: 0, reasons: [])),
        ("utf8_bom", .runs(read: 3, quarantined: 0, reasons: [])),
        ("gbk_with_chinese_headers", .runs(read: 3, quarantined: 0, reasons: [])),
        ("gbk_invalid_bytes", .runs(read: 4, quarantined: 1, reasons: ["invalid GB18030"])),
        ("utf16le_tab_separated", .runs(read: 3, quarantined: 0, reasons: [])),
        ("utf16le_truncated", .runs(read: 3, quarantined: 1, reasons: ["invalid UTF-16"])),
        ("stray_quote_in_field", .runs(read: 2, quarantined: 1, reasons: ["malformed quoting"])),
        ("text_after_closing_quote", .runs(read: 2, quarantined: 1, reasons: ["malformed quoting"])),
        ("quoted_newlines_valid", .runs(read: 2, quarantined: 0, reasons: [])),
        ("nan_and_inf", .runs(read: 3, quarantined: 2, reasons: ["not a number", "not a number"])),
        ("zero_weight", .runs(read: 2, quarantined: 1, reasons: ["out of range"])),
        ("unknown_industry", .runs(read: 2, quarantined: 1, reasons: ["unknown code"])),
        ("unknown_chinese_code", .runs(read: 2, quarantined: 1, reasons: ["unknown code"])),
        ("spaces_and_nbsp_trimmed", .runs(read: 1, quarantined: 0, reasons: [])),
        ("whitespace_only_row", .runs(read: 2, quarantined: 1, reasons: ["wrong field count"])),
        ("binary_garbage", .fails(WorkforceKit.ExitStatus.dataError, "workers.csv")),
        ("no_trailing_newline", .runs(read: 3, quarantined: 0, reasons: [])),
        ("year_out_of_range", .runs(read: 2, quarantined: 1, reasons: ["out of range"])),
        ("formula_in_bad_row", .runs(read: 2, quarantined: 1, reasons: ["not an integer"])),
        ("district_outside_shanghai", .runs(read: 1, quarantined: 0, reasons: [])),
        ("worker_without_enterprise", .runs(read: 3, quarantined: 0, reasons: [])),
        ("economy_duplicate_year", .runs(read: 2, quarantined: 1, reasons: ["duplicate key"], table: .economy)),
        ("targets_bad_comparator", .runs(read: 1, quarantined: 1, reasons: ["unknown code"], table: .targets)),
        ("control_characters_in_text", .runs(read: 1, quarantined: 1, reasons: ["control character"])),
        ("only_header_and_quotes", .runs(read: 1, quarantined: 1, reasons: ["wrong field count"])),
        ("skill_demand_bad_level", .runs(read: 2, quarantined: 1, reasons: ["out of range"], table: .skillDemand)),
    ]

    @Test(arguments: cases.map(\.0))
    func caseHasItsOutcome(name: String) throws {
        let outcome = try #require(Self.cases.first { $0.0 == name }?.1)
        let folder = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/broken"))
        try check(folder, outcome, name: name)
    }

    func check(_ folder: URL, _ outcome: Outcome, name: String, jobs: Int = 2) throws {
        switch outcome {
        case .fails(let status, let fragment):
            do {
                _ = try runPipeline(inputs: folder, jobs: jobs)
                Issue.record("\(name): expected a failure")
            } catch let error as WorkforceError {
                #expect(error.exitStatus == status, "\(name): \(error)")
                #expect(error.description.contains(fragment), "\(name): \(error)")
            }
        case .runs(let read, let quarantined, let reasons, let table):
            // A run that accepts no worker fails (nothing to publish): such cases are checked by `validate`.
            let noWorker = table == .workers && read == quarantined
            let (summary, outputs) = try runPipeline(inputs: folder, jobs: jobs, chunkBytes: 64, validateOnly: noWorker)
            let accounts = summary.accounts.filter { $0.table == table }
            let balanced = accounts.allSatisfy { $0.balances }
            #expect(balanced, "\(name): rows read = accepted + quarantined")
            #expect(accounts.map(\.rowsRead).reduce(0, +) == read, "\(name): rows read")
            #expect(accounts.map(\.rowsQuarantined).reduce(0, +) == quarantined, "\(name): rows quarantined")
            let entries = try readCSV(outputs.appendingPathComponent("quarantine/\(table.rawValue).csv"))
            #expect(entries.compactMap { $0["reason"] } == reasons, "\(name): reasons")
            for entry in entries {
                #expect(Int(entry["line"] ?? "") ?? 0 >= 2, "\(name): a line number")
                #expect(!(entry["file"] ?? "").isEmpty)
            }
        }
    }

    @Test func twoMegabyteFieldIsQuarantinedAndTheRestRead() throws {
        let folder = temporaryFolder("bigfield")
        let huge = "\"" + String(repeating: "x", count: 2 << 20) + "\""
        let text =
            ValidationRuleTests.header + "\n" + ValidationRuleTests.row(["worker_id": huge], id: 1) + "\n"
            + ValidationRuleTests.row([:], id: 2) + "\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("workers.csv"))
        try check(folder, .runs(read: 2, quarantined: 1, reasons: ["field too long"]), name: "2 MB field")
    }

    @Test func tenThousandColumnsAreIgnoredAndReported() throws {
        let folder = temporaryFolder("wide")
        let extra = (0..<10_000).map { "extra\($0)" }
        let text =
            ([ValidationRuleTests.header] + extra).joined(separator: ",") + "\n"
            + ([ValidationRuleTests.row([:], id: 1)] + extra.map { _ in "1" }).joined(separator: ",") + "\n"
        try Data(text.utf8).write(to: folder.appendingPathComponent("workers.csv"))
        let (summary, _) = try runPipeline(inputs: folder, jobs: 2)
        #expect(summary.accounts.first?.ignoredColumns.count == 10_000)
        #expect(summary.accounts.first?.rowsAccepted == 1)
    }

    @Test func twentyMegabyteLineWithoutNewlineCostsOneQuarantinedRow() throws {
        let folder = temporaryFolder("longline")
        var bytes = Array((ValidationRuleTests.header + "\n" + ValidationRuleTests.row([:], id: 1) + "\n").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 20 << 20)
        try Data(bytes).write(to: folder.appendingPathComponent("workers.csv"))
        let (summary, outputs) = try runPipeline(inputs: folder, jobs: 2)
        #expect(summary.accounts.first?.rowsAccepted == 1)
        #expect(summary.accounts.first?.rowsQuarantined == 1)
        let entry = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv")).first
        #expect(entry?["reason"] == "field too long")
        #expect((entry?["record"]?.count ?? 0) < 5000, "a runaway line is quoted in part")
    }
}
