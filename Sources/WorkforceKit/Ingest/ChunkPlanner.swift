import Dispatch
import Foundation

/// A slice of a file that holds whole records only, with the line it starts on.
public struct Chunk: Sendable, Equatable {
    /// Offset of the first byte in the file.
    public let start: Int
    /// Offset just past the last byte.
    public let end: Int
    /// Physical line (1-based) of the first byte.
    public let firstLine: Int
}

/// Cuts a file into chunks at record boundaries so they can be parsed in parallel.
///
/// A chunk must end exactly where parsing the whole file would start a record, under the
/// parser's own rules (`LibCSVParser`): a line break inside a quoted field is not a record
/// boundary, and after a broken record (a stray quote, text after a closing quote, a quote
/// left open) the parser gives up on the record's first line and starts again on the next
/// line, so the quotes before an offset do not say on their own whether it is inside a field.
///
/// Two passes:
/// 1. In parallel, per block of `targetBytes`: count quotes and line breaks (LF, and CR not
///    followed by a LF), then prefix-sum the line breaks.
/// 2. In order, `RecordBoundaries` follows the parser's rules from record start to record
///    start, reading only the lines that hold quotes: a run of lines without quotes is a run
///    of records, and a block without quotes is skipped unread. Each cut is the first record
///    start after a LF at or after the nominal cut (`start + k * targetBytes`) that no earlier
///    record's outcome depends on bytes beyond; its line is 1 + the line breaks before it,
///    from the prefix sums and a count inside its block.
///
/// Cuts depend only on the bytes, `targetBytes`, the delimiter and `maxFieldBytes`, never on
/// the number of threads, so every `--jobs` sees the same chunks and the same results; and
/// since each chunk parses as the whole file does, the results do not depend on the chunk size.
///
/// - Complexity: O(n) reads of the bytes for the counts, split over `jobs` threads, then the
///   lines holding quotes once more, and a failed record's lines again (as the parser does).
///   A file without quotes costs one read; one where every field is quoted, two.
public struct ChunkPlanner: Sendable {
    /// Nominal chunk size in bytes.
    public let targetBytes: Int

    public init(targetBytes: Int = 8 << 20) {
        self.targetBytes = max(1, targetBytes)
    }

    /// Chunks covering `bytes[start...]`, whose first byte is on line `firstLine`, to be parsed by `parser`.
    ///
    /// `start` must be a line start where `parser` would start a record (the first byte after the header).
    /// With `releasingScannedPages` (only for a read-only file mapping), each block's pages are
    /// dropped once it is counted, so planning a large file never holds all of it in memory.
    public func plan(
        _ bytes: UnsafeRawBufferPointer, start: Int = 0, firstLine: Int = 1, for parser: LibCSVParser, jobs: Int,
        releasingScannedPages: Bool = false
    ) -> [Chunk] {
        let length = bytes.count - start
        guard length > 0 else { return [] }
        let blocks = (length + targetBytes - 1) / targetBytes
        guard blocks > 1 else { return [Chunk(start: start, end: bytes.count, firstLine: firstLine)] }

        // Per block: quotes and line breaks.
        var quotes = [Int](repeating: 0, count: blocks)
        var breaks = [Int](repeating: 0, count: blocks)
        quotes.withUnsafeMutableBufferPointer { quotesOut in
            breaks.withUnsafeMutableBufferPointer { breaksOut in
                let quotesOut = UnsafeSendable(quotesOut)
                let breaksOut = UnsafeSendable(breaksOut)
                let shared = UnsafeSendable(bytes)
                let targetBytes = targetBytes
                concurrentForEach(blocks, jobs: jobs) { block in
                    let lower = start + block * targetBytes
                    let upper = min(shared.value.count, lower + targetBytes)
                    let counts = Self.count(shared.value, from: lower, to: upper)
                    if releasingScannedPages { MappedFile.release(shared.value, from: lower, to: upper) }
                    quotesOut.value[block] = counts.quotes
                    breaksOut.value[block] = counts.breaks
                }
            }
        }
        // Line of the first byte of each block.
        var blockLines = [Int](repeating: firstLine, count: blocks)
        for block in 1..<blocks { blockLines[block] = blockLines[block - 1] + breaks[block - 1] }

        let records = RecordBoundaries(
            bytes: bytes, delimiter: parser.delimiter, maxFieldBytes: parser.maxFieldBytes, blockQuotes: quotes,
            origin: start, blockBytes: targetBytes)
        let count = bytes.count
        var chunks: [Chunk] = []
        var chunkStart = start
        var chunkLine = firstLine
        var nominal = start + targetBytes
        // No chunk may end before this: an earlier record's outcome depends on the bytes before it.
        var reach = start

        func cut(at end: Int) {
            let block = (end - start) / targetBytes
            let blockStart = start + block * targetBytes
            let line = blockLines[block] + lineBreakCount(bytes, from: blockStart, before: end)
            chunks.append(Chunk(start: chunkStart, end: end, firstLine: chunkLine))
            chunkStart = end
            chunkLine = line
            // A record longer than a block pushes the cut past later nominal cuts: skip those.
            nominal = start + (block + 1) * targetBytes
        }
        /// Cuts at the record starts after a LF in `(from, to]`, where every line end is a record start.
        func cutLineEnds(after from: Int, through to: Int) {
            guard let base = bytes.baseAddress else { return }
            while nominal < count {
                let lower = max(from, nominal - 1, reach - 1)
                guard lower < to, let feed = memchr(base + lower, Int32(UInt8(ascii: "\n")), to - lower) else { return }
                let end = base.distance(to: UnsafeRawPointer(feed)) + 1
                guard end < count else { return }
                cut(at: end)
            }
        }

        var record = start
        while nominal < count {
            let quote = records.nextQuote(from: record)
            let quoteLine = quote < count ? records.lineStart(of: quote, notBefore: record) : count
            cutLineEnds(after: record, through: quoteLine)
            guard quote < count, nominal < count else { break }
            let step = records.step(recordAt: quoteLine, firstQuote: quote)
            reach = max(reach, step.reach)
            record = step.next
            if record >= nominal, record >= reach, record < count, bytes[record - 1] == UInt8(ascii: "\n") {
                cut(at: record)
            }
        }
        chunks.append(Chunk(start: chunkStart, end: count, firstLine: chunkLine))
        return chunks.filter { $0.end > $0.start }
    }

    /// Quotes and line breaks (each LF, and each CR not followed by a LF) in `bytes[lower..<upper]`.
    private static func count(_ bytes: UnsafeRawBufferPointer, from lower: Int, to upper: Int) -> (
        quotes: Int, breaks: Int
    ) {
        guard lower < upper, let base = bytes.baseAddress else { return (0, 0) }
        let block = UnsafeBufferPointer(start: (base + lower).assumingMemoryBound(to: UInt8.self), count: upper - lower)
        // Branch-free sums in byte-wide counters, which the compiler vectorizes 32 bytes at a time;
        // a run of 255 bytes cannot overflow them, and each run's counts are then widened.
        var quotes = 0
        var feeds = 0
        var returns = 0
        var index = 0
        while index < block.count {
            let end = min(block.count, index + 255)
            var runQuotes: UInt8 = 0
            var runFeeds: UInt8 = 0
            var runReturns: UInt8 = 0
            for byte in UnsafeBufferPointer(rebasing: block[index..<end]) {
                runQuotes &+= byte == UInt8(ascii: "\"") ? 1 : 0
                runFeeds &+= byte == UInt8(ascii: "\n") ? 1 : 0
                runReturns &+= byte == UInt8(ascii: "\r") ? 1 : 0
            }
            quotes += Int(runQuotes)
            feeds += Int(runFeeds)
            returns += Int(runReturns)
            index = end
        }
        // A CRLF counts by its LF; only a bare CR adds a line (CRs are rare outside CRLF files).
        let breaks = returns == 0 ? feeds : feeds + bareReturnCount(bytes, from: lower, before: upper)
        return (quotes, breaks)
    }
}
