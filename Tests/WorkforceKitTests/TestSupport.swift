import Foundation
import Testing

@testable import WorkforceKit

/// A fresh temporary folder, removed by the caller with `cleanUp`.
func temporaryFolder(_ label: String = #function) -> URL {
    let name = "workforce-test-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `files` (relative path → contents) into a new input folder.
func makeInputs(_ files: [String: String]) throws -> URL {
    let folder = temporaryFolder("inputs")
    for (name, text) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return folder
}

/// Runs the pipeline on `inputs` into a new output folder.
func runPipeline(
    inputs: URL, jobs: Int = 2, chunkBytes: Int = 8 << 20, validateOnly: Bool = false,
    disclosure: DisclosurePolicy = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0), lonely: LonelyPSUPolicy = .adjust
) throws -> (summary: RunSummary, outputs: URL) {
    let outputs = temporaryFolder("outputs")
    var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: jobs)
    options.chunkBytes = chunkBytes
    options.validateOnly = validateOnly
    options.disclosure = disclosure
    options.lonelyPSU = lonely
    let summary = try Pipeline(options: options).run()
    return (summary, URL(fileURLWithPath: options.publishedFolder))
}

/// Rows of a CSV report as dictionaries keyed by header (a small RFC 4180 reader, independent of libcsv).
func readCSV(_ url: URL) throws -> [[String: String]] {
    var text = try String(contentsOf: url, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if scalar == "\"" {
                let next = iterator.next()
                if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if scalar == "," {
            record.append(field); field = ""
        } else if scalar == "\n" {
            record.append(field); field = ""
            records.append(record); record = []
        } else if scalar != "\r" {
            field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    guard let header = records.first else { return [] }
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// The estimate of `indicator` for a domain in a long-form report, as a Double.
func estimate(
    _ rows: [[String: String]], year: String = "2021", scope: String = "all", by: String = "all",
    domain: String = "all", indicator: String
) -> Double? {
    rows.first {
        $0["year"] == year && $0["scope"] == scope && $0["by"] == by && $0["domain"] == domain
            && $0["indicator"] == indicator
    }.flatMap { Double($0["estimate"] ?? "") }
}

/// Parses `text` with `LibCSVParser`, returning the records' fields and lines, and the malformed records.
func parseCSV(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20)
    -> (records: [(line: Int, fields: [String], raw: String)], malformed: [MalformedRecord])
{
    var records: [(line: Int, fields: [String], raw: String)] = []
    var malformed: [MalformedRecord] = []
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
        LibCSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes).parse(buffer, firstLine: 1) { record in
            let fields = (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) }
            records.append((record.line, fields, record.rawText))
        } malformed: {
            malformed.append($0)
        }
    }
    return (records, malformed)
}

func isClose(_ a: Double?, _ b: Double, relative: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(1, abs(b))
}

/// Runs the built `workforce` binary with `arguments`; returns its exit status, standard output and standard error.
func runWorkforce(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = FaultAndPrivacyTests.binary
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Both pipes are drained at once, so that a full pipe cannot stall the child.
    let errorText = UnsafeSendableBox("")
    let drained = DispatchGroup()
    DispatchQueue.global().async(group: drained) {
        errorText.value = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
    let outputText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    drained.wait()
    process.waitUntilExit()
    return (process.terminationStatus, outputText, errorText.value)
}

/// A value written on one thread and read on another after a wait that orders the two.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Checks that `text`, read as a plan file, is refused with exit status 65 and a message that
/// names `line` and holds `words`.
func expectBadPlan(_ text: String, line: Int?, words: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try PlanFile(text: text, name: "plan.toml").plan()
        Issue.record("accepted: \(text)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.line == line, "\(text)", sourceLocation: sourceLocation)
        #expect(error.description.contains(words), "\(error.description)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("plan.toml line \(line ?? 0): "), sourceLocation: sourceLocation)
        #expect(error.exitStatus == .dataError, sourceLocation: sourceLocation)
    }
}

/// Checks our report rows against R's reference rows (scope all; same by, domain and indicator):
/// `n` exactly and each of `columns` to 1e-6 relative, blank where R's is. Returns the numbers compared.
func expectAgreementWithR(
    _ ours: [[String: String]], _ expected: [[String: String]], columns: [String], tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Int {
    var compared = 0
    for reference in expected {
        let row = try #require(
            ours.first {
                $0["scope"] == "all" && $0["by"] == reference["by"] && $0["domain"] == reference["domain"]
                    && $0["indicator"] == reference["indicator"]
            }, "\(reference)", sourceLocation: sourceLocation)
        #expect(row["n"] == reference["n"], "\(reference)", sourceLocation: sourceLocation)
        for column in columns {
            let (mine, theirs) = (Double(row[column] ?? ""), Double(reference[column] ?? ""))
            if let theirs, let mine {
                #expect(
                    abs(mine - theirs) <= tolerance * (abs(theirs) + 1e-3), "\(reference) \(column): ours \(mine)",
                    sourceLocation: sourceLocation)
            } else {
                #expect(mine == nil && theirs == nil, "\(reference) \(column)", sourceLocation: sourceLocation)
            }
            compared += 1
        }
    }
    return compared
}

/// Two forms of the same estimation (e.g. the streamed and the listed walks) give the same
/// table: the same rows in the same order, n and estimates exactly, and SEs, interval ends and
/// design effects present in both or neither and within `tolerance` of max(`scale(row)`, |a|, |b|)
/// (a missing one counted as 0 where the form leaves it out). `each` sees every row pair.
/// Returns the number of rows compared.
@discardableResult
func expectSameTables(
    _ mine: [Result<[EstimateTable.Row], DesignError>], _ theirs: [Result<[EstimateTable.Row], DesignError>],
    tolerance: Double, scale: (EstimateTable.Row) -> Double = { _ in 0 }, label: (EstimateTable.Row) -> String,
    each: (EstimateTable.Row, EstimateTable.Row) throws -> Void = { _, _ in }
) throws -> Int {
    var compared = 0
    #expect(mine.count == theirs.count)
    for (a, b) in zip(mine, theirs) {
        let (mine, theirs) = (try a.get(), try b.get())
        #expect(mine.count == theirs.count)
        for (x, y) in zip(mine, theirs) {
            #expect(x.domain == y.domain && x.request == y.request)
            #expect(x.estimate.n == y.estimate.n && x.estimate.value == y.estimate.value)
            for (u, v) in [
                (x.estimate.standardError, y.estimate.standardError), (x.estimate.lower, y.estimate.lower),
                (x.estimate.upper, y.estimate.upper), (x.estimate.designEffect, y.estimate.designEffect),
            ] {
                #expect((u == nil) == (v == nil), "\(label(x))")
                let (u, v) = (u ?? 0, v ?? 0)
                #expect(abs(u - v) <= tolerance * max(scale(x), abs(u), abs(v)), "\(label(x)): \(u) against \(v)")
            }
            try each(x, y)
            compared += 1
        }
    }
    return compared
}
