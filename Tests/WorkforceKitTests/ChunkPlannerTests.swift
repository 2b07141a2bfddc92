import Testing

@testable import WorkforceKit

@Suite struct ChunkPlannerTests {
    /// Plans chunks of `text` and parses each one separately, as the pipeline does.
    private func parseInChunks(_ text: String, target: Int, jobs: Int) -> (chunks: [Chunk], records: [(Int, [String])])
    {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            let chunks = ChunkPlanner(targetBytes: target).plan(buffer, for: LibCSVParser(), jobs: jobs)
            var records: [(Int, [String])] = []
            for chunk in chunks {
                LibCSVParser().parse(
                    UnsafeRawBufferPointer(rebasing: buffer[chunk.start..<chunk.end]), firstLine: chunk.firstLine
                ) { record in
                    records.append(
                        (record.line, (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) }))
                } malformed: { _ in
                    Issue.record("unexpected malformed record")
                }
            }
            return (chunks, records)
        }
    }

    @Test func cutInsideAQuotedFieldMovesToTheNextRecord() {
        // The nominal cut at byte 8 falls inside the quoted field, right after an embedded newline.
        let text = "id,note\n1,\"a\nb,c\nd\"\n2,x\n3,y\n"
        let whole = parseCSV(text).records.map { ($0.line, $0.fields) }
        for target in 1...text.utf8.count {
            let result = parseInChunks(text, target: target, jobs: 3)
            #expect(result.records.map(\.0) == whole.map(\.0), "target \(target)")
            #expect(result.records.map(\.1) == whole.map(\.1), "target \(target)")
            // Chunks tile the input without gaps or overlaps.
            #expect(result.chunks.first?.start == 0)
            #expect(result.chunks.last?.end == text.utf8.count)
            for (a, b) in zip(result.chunks, result.chunks.dropFirst()) { #expect(a.end == b.start) }
        }
    }

    @Test func cutsDoNotDependOnThreads() {
        var text = "a,b\n"
        for i in 0..<500 { text += i % 7 == 0 ? "\(i),\"q\n\"\"x\"\"\"\n" : "\(i),plain\n" }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            let one = ChunkPlanner(targetBytes: 97).plan(buffer, for: LibCSVParser(), jobs: 1)
            let eight = ChunkPlanner(targetBytes: 97).plan(buffer, for: LibCSVParser(), jobs: 8)
            #expect(one == eight)
            #expect(one.count > 10)
        }
    }

    @Test func seededRandomFilesParseTheSameInChunks() {
        var generator = SplitMix(seed: 42)
        for round in 0..<200 {
            var text = ""
            let rows = Int(generator.next() % 40) + 1
            for row in 0..<rows {
                let quoted = generator.next() % 3 == 0
                let newline = generator.next() % 2 == 0 ? "\n" : "\r\n"
                text += quoted ? "\(row),\"x\(newline)\"\"y\",z\(newline)" : "\(row),x,z\(newline)"
            }
            let whole = parseCSV(text).records.map { "\($0.line):\($0.fields)" }
            let target = Int(generator.next() % 30) + 1
            let chunked = parseInChunks(text, target: target, jobs: 4).records.map { "\($0.0):\($0.1)" }
            #expect(whole == chunked, "round \(round), target \(target)")
        }
    }
}

/// The record-boundary rules shared by `LibCSVParser` and `ChunkPlanner`: each case's records and
/// malformed lines, worked out by hand, and the same again however the file is cut into chunks.
@Suite struct RecordBoundaryRuleTests {
    /// Records as "line:fields" and malformed records as "line:reason prefix", in file order.
    struct Outcome: Equatable, CustomStringConvertible {
        var records: [String] = []
        var malformed: [String] = []
        var description: String { "records \(records), malformed \(malformed)" }
    }

    /// Parses each of `chunks` of `buffer` on its own, as the pipeline does.
    static func parse(_ buffer: UnsafeRawBufferPointer, _ chunks: [Chunk], parser: LibCSVParser) -> Outcome {
        var outcome = Outcome()
        for chunk in chunks {
            let slice = UnsafeRawBufferPointer(rebasing: buffer[chunk.start..<chunk.end])
            parser.parse(slice, firstLine: chunk.firstLine) { record in
                let fields = (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) }
                outcome.records.append("\(record.line):\(fields)")
            } malformed: { bad in
                outcome.malformed.append("\(bad.line):\(bad.reason.prefix(12))")
            }
        }
        return outcome
    }

    /// Parses `text` whole, checks every chunk size (1 byte up to the whole) on 1–3 threads gives the same, returns it.
    static func outcome(
        _ text: String, maxFieldBytes: Int = 1 << 20, targets: [Int]? = nil, label: String = ""
    ) -> Outcome {
        let parser = LibCSVParser(maxFieldBytes: maxFieldBytes)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            let whole = parse(buffer, [Chunk(start: 0, end: buffer.count, firstLine: 1)], parser: parser)
            for target in targets ?? Array(1...buffer.count) {
                let plans = (1...3).map { ChunkPlanner(targetBytes: target).plan(buffer, for: parser, jobs: $0) }
                #expect(plans.allSatisfy { $0 == plans[0] }, "\(label)target \(target): cuts depend on threads")
                let chunks = plans[0]
                #expect(chunks.first?.start == 0 && chunks.last?.end == buffer.count, "\(label)target \(target)")
                for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.end == b.start, "\(label)target \(target)") }
                let chunked = parse(buffer, chunks, parser: parser)
                #expect(chunked == whole, "\(label)target \(target)")
            }
            return whole
        }
    }

    @Test func strayQuoteMidFieldThenMultiLineRecord() {
        let outcome = Self.outcome("a,b,c\n1,x\"y,2\n3,\"p\nq\",4\n5,6,7\n")
        #expect(
            outcome.records == ["1:[\"a\", \"b\", \"c\"]", "3:[\"3\", \"p\\nq\", \"4\"]", "5:[\"5\", \"6\", \"7\"]"])
        #expect(outcome.malformed == ["2:malformed qu"])
    }

    @Test func unclosedQuoteAtFieldStartCostsOnlyItsFirstLine() {
        let text = "h1,h2\n1,\"open\n" + (2..<40).map { "\($0),x\n" }.joined()
        let expected = ["1:[\"h1\", \"h2\"]"] + (2..<40).map { "\($0 + 1):[\"\($0)\", \"x\"]" }
        // Never closed: unterminated at the end of the input.
        let unterminated = Self.outcome(text)
        #expect(unterminated.records == expected)
        #expect(unterminated.malformed == ["2:unterminated"])
        // With a 20-byte limit: open at a line end more than 20 bytes past the record's start (line 6 ends 24 past).
        let runaway = Self.outcome(text, maxFieldBytes: 20)
        #expect(runaway.records == expected)
        #expect(runaway.malformed == ["2:field longer"])
    }

    @Test func textAfterClosingQuoteOfMultiLineFieldRestartsOnTheNextLine() {
        // The record of line 2 fails on line 4 ("b"c): line 2 is lost, line 3 is a record again, line 4 fails alone.
        let outcome = Self.outcome("h1,h2\n1,\"a\n5,6\nb\"c,9\n10,11\n")
        #expect(outcome.records == ["1:[\"h1\", \"h2\"]", "3:[\"5\", \"6\"]", "5:[\"10\", \"11\"]"])
        #expect(outcome.malformed == ["2:malformed qu", "4:malformed qu"])
    }

    @Test func multiLineRecordLongerThanTheLimitIsARunaway() {
        // Line 2 opens a field closed on line 4, which ends 25 bytes past its start: over a 20-byte limit.
        let text = "h1,h2\n1,\"aaaaaa\nbbbbbbbb\ncc\",2\n3,4\n"
        let outcome = Self.outcome(text, maxFieldBytes: 20)
        #expect(outcome.records == ["1:[\"h1\", \"h2\"]", "3:[\"bbbbbbbb\"]", "5:[\"3\", \"4\"]"])
        #expect(outcome.malformed == ["2:field longer", "4:malformed qu"])
        // Within the limit it is one record.
        let fits = Self.outcome(text, maxFieldBytes: 40)
        #expect(
            fits.records == ["1:[\"h1\", \"h2\"]", "2:[\"1\", \"aaaaaa\\nbbbbbbbb\\ncc\", \"2\"]", "5:[\"3\", \"4\"]"])
        #expect(fits.malformed.isEmpty)
    }

    @Test func everyFieldQuoted() {
        // Row i is on one line, except every fifth row, whose second field spans two lines.
        var text = "\"id\",\"note\"\n"
        var expected = ["1:[\"id\", \"note\"]"]
        var line = 2
        for row in 0..<40 {
            let note = row % 5 == 0 ? "say \"\"hi\"\",\nthen go" : "n\(row)"
            text += "\"\(row)\",\"\(note)\"\n"
            let field = row % 5 == 0 ? "say \\\"hi\\\",\\nthen go" : "n\(row)"
            expected.append("\(line):[\"\(row)\", \"\(field)\"]")
            line += row % 5 == 0 ? 2 : 1
        }
        let outcome = Self.outcome(text, targets: Array(1...120) + [257, 400, 1000])
        #expect(outcome.records == expected)
        #expect(outcome.malformed.isEmpty)
    }

    @Test func crlfAndBareCarriageReturns() {
        // CRLF lines; a stray quote on line 2; a field spanning a CRLF (lines 3-4) and one spanning a bare CR (5-6).
        let text = "a,b\r\n1,x\"y\r\n2,\"p\r\nq\"\r\n3,\"r\rs\"\r\n4,5\r\n"
        let outcome = Self.outcome(text)
        #expect(
            outcome.records == [
                "1:[\"a\", \"b\"]", "3:[\"2\", \"p\\r\\nq\"]", "5:[\"3\", \"r\\rs\"]", "7:[\"4\", \"5\"]",
            ])
        #expect(outcome.malformed == ["2:malformed qu"])
    }

    /// Seeded random files mixing good, multi-line and broken records and all three line breaks.
    @Test func seededRandomBrokenFilesParseTheSameInChunks() {
        var generator = SplitMix(seed: 7)
        let pieces = [
            "1,plain", "2,\"q\nq\"", "3,\"open", "4,x\"y", "5,\"a\"b", "6,\"\"\"\"", "7,\"c\r\nd\",e", "\"8\",\"9\"",
            "", "\"", "9,\"z\"\"\n\"",
        ]
        let breaks = ["\n", "\r\n", "\r"]
        for round in 0..<300 {
            var text = ""
            for _ in 0..<Int(generator.next() % 30 + 1) {
                text += pieces[Int(generator.next() % UInt64(pieces.count))]
                text += breaks[generator.next() % 6 == 0 ? 2 : Int(generator.next() % 2)]
            }
            let maxFieldBytes = [8, 16, 40, 1 << 20][Int(generator.next() % 4)]
            let targets = (0..<6).map { _ in Int(generator.next() % 40) + 1 }
            _ = Self.outcome(text, maxFieldBytes: maxFieldBytes, targets: targets, label: "round \(round): ")
        }
    }
}

/// A tiny seeded generator for tests (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
