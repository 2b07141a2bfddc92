import Foundation

/// Where records start under `LibCSVParser`'s rules, found by jumping from quote to quote.
///
/// The chunk planner walks the file with this to find record starts, so that parsing a
/// chunk on its own gives exactly what parsing the whole file gives over the same bytes.
/// It applies the parser's rules (see `LibCSVParser`) without building fields:
///
/// - Between quotes nothing can go wrong: a line without a quote, parsed from its start, is
///   one record ending at its line end. So from a record start, every line end up to the
///   line holding the next quote is a record start, and none of those bytes need reading
///   (quote-free blocks are skipped by their count).
/// - The record on the line holding a quote is followed quote by quote, as libcsv would:
///   a quote not at a field start is a violation; a quoted field runs to the next quote that
///   is not doubled; what follows a closing quote must be the delimiter, CR, LF or the end.
///   After a delimiter the next field is unquoted until the next quote or line end.
/// - Open inside quotes at a line end more than `maxFieldBytes` past the start, ending over
///   several lines more than `maxFieldBytes` past the start, or never closed: a runaway.
/// - Any failure sends the next record to the line after the failed record's first line,
///   whatever the failure; success sends it to the end of the record's last line.
///
/// The parser's guard inside one long line (rule 4 of `LibCSVParser`) is not modelled: it
/// fires only on a record that is either on one line (where the next record starts anyway)
/// or already longer than `maxFieldBytes` at a line end (a runaway here too), so the next
/// record starts at the same place whichever way the record fails or succeeds.
///
/// Each step also reports the reach: how far the parser reads before it knows the outcome.
/// A failure is decided after the next record start, sometimes well after it (a runaway may
/// read `maxFieldBytes` on); a chunk may only end at a record start that no earlier record
/// reaches past, or the chunk's parser would fail that record differently (unterminated at
/// the chunk's end instead of, say, malformed further on).
struct RecordBoundaries {
    let bytes: UnsafeRawBufferPointer
    let delimiter: UInt8
    let maxFieldBytes: Int
    /// Quotes in each block of `blockBytes` bytes from `origin`.
    let blockQuotes: [Int]
    let origin: Int
    let blockBytes: Int

    /// The outcome of one record: where the next record starts and where the parser decided.
    struct Step {
        /// Offset where the next record starts (a line start).
        let next: Int
        /// Offset just past the last byte the parser reads to decide the record's outcome.
        let reach: Int
    }

    private static let quote = UInt8(ascii: "\"")

    /// Offset of the first quote at or after `offset`, or the end of the bytes; skips quote-free blocks unread.
    func nextQuote(from offset: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var block = (offset - origin) / blockBytes
        while block < blockQuotes.count {
            if blockQuotes[block] > 0 {
                let lower = max(offset, origin + block * blockBytes)
                let upper = min(bytes.count, origin + (block + 1) * blockBytes)
                if lower < upper, let found = memchr(base + lower, Int32(Self.quote), upper - lower) {
                    return base.distance(to: UnsafeRawPointer(found))
                }
            }
            block += 1
        }
        return bytes.count
    }

    /// Start of the line holding `offset`, searching back no further than `floor` (a line start).
    func lineStart(of offset: Int, notBefore floor: Int) -> Int {
        // The last LF or CR before `offset` ends the line before it: a CR there cannot be the
        // CR of a CRLF, since its LF would come later and be the last one.
        var start = offset
        while start > floor, bytes[start - 1] != UInt8(ascii: "\n"), bytes[start - 1] != UInt8(ascii: "\r") {
            start -= 1
        }
        return start
    }

    /// Follows the record starting at line start `start`, whose first quote is `firstQuote` on its first line.
    func step(recordAt start: Int, firstQuote: Int) -> Step {
        let count = bytes.count
        func failed(decidedBefore reach: Int) -> Step {
            Step(next: lineEnd(bytes, from: start), reach: reach)
        }
        func ended(at end: Int) -> Step {
            // A record over several lines may not end more than maxFieldBytes past its start.
            if end - start > maxFieldBytes, lineEnd(bytes, from: start) < end { return failed(decidedBefore: end) }
            return Step(next: end, reach: end)
        }
        var quote = firstQuote
        while true {
            // `quote` is in the unquoted part of the record's current line: it must open a field.
            guard quote == start || bytes[quote - 1] == delimiter else { return failed(decidedBefore: quote + 1) }
            // Find the closing quote, passing over doubled ones and checking each line end on the way.
            var from = quote + 1
            var closing = count
            while closing == count {
                let next = nextQuote(from: from)
                if let runaway = farLineEnd(recordAt: start, from: from, before: next) {
                    return failed(decidedBefore: runaway)
                }
                guard next < count else { return failed(decidedBefore: count) }  // never closed
                if next + 1 < count, bytes[next + 1] == Self.quote {
                    from = next + 2
                } else {
                    closing = next
                }
            }
            let after = closing + 1
            guard after < count else { return ended(at: count) }
            switch bytes[after] {
            case delimiter:
                // An unquoted stretch: the record ends at the first line break unless a quote comes first.
                // (Searched up to the quote only: a line of many quoted fields is read once, not once a field.)
                let next = nextQuote(from: after + 1)
                if let end = lineBreakEnd(bytes, from: after + 1, before: next) { return ended(at: end) }
                guard next < count else { return ended(at: count) }
                quote = next
            case UInt8(ascii: "\n"):
                return ended(at: after + 1)
            case UInt8(ascii: "\r"):
                return ended(at: after + 1 < count && bytes[after + 1] == UInt8(ascii: "\n") ? after + 2 : after + 1)
            default:
                return failed(decidedBefore: after + 1)  // text after a closing quote
            }
        }
    }

    /// End of the first line break inside quotes, in `bytes[from..<limit]`, more than `maxFieldBytes` past `start`.
    private func farLineEnd(recordAt start: Int, from: Int, before limit: Int) -> Int? {
        // A break beginning at or after start + maxFieldBytes ends more than maxFieldBytes past
        // start; one beginning before ends at most there, except a CRLF whose LF is at that
        // offset, which the search finds by its LF.
        guard maxFieldBytes < limit - start else { return nil }
        return lineBreakEnd(bytes, from: max(from, start + maxFieldBytes), before: limit)
    }
}
