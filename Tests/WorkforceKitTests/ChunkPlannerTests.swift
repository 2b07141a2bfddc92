import Testing

@testable import WorkforceKit

@Suite struct ChunkPlannerTests {
    /// Plans chunks of `text` and parses each one separately, as the pipeline does.
    private func parseInChunks(_ text: String, target: Int, jobs: Int) -> (chunks: [Chunk], records: [(Int, [String])])
    {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            let chunks = ChunkPlanner(targetBytes: target).plan(buffer, jobs: jobs)
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
            let one = ChunkPlanner(targetBytes: 97).plan(buffer, jobs: 1)
            let eight = ChunkPlanner(targetBytes: 97).plan(buffer, jobs: 8)
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
