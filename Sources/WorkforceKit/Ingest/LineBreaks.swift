import Foundation

// Where lines end, the same for the parser (which feeds libcsv a line at a time and numbers
// records by line) and the chunk planner (which must cut where the parser starts a record).
//
// A line ends after a LF, a CRLF, or a bare CR (a CR not followed by a LF: old Mac files).
// A CR directly before a LF belongs to that LF's break, wherever the two bytes fall.

/// Offset just after the line break (LF, CRLF or a bare CR) that ends the line at `start`, or the end of `bytes`.
func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    lineBreakEnd(bytes, from: start, before: bytes.count) ?? bytes.count
}

/// Offset just after the first line break that begins in `bytes[start..<limit]`, or nil when none does.
///
/// A CR at `limit - 1` followed by a LF at `limit` is a CRLF: its end, `limit + 1`, is returned.
func lineBreakEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, before limit: Int) -> Int? {
    guard start < limit, let base = bytes.baseAddress else { return nil }
    let feed = memchr(base + start, Int32(UInt8(ascii: "\n")), limit - start).map {
        base.distance(to: UnsafeRawPointer($0))
    }
    // Only a CR before the first LF can end the line sooner (or be the CR of its CRLF).
    let crLimit = feed ?? limit
    if crLimit > start, let cr = memchr(base + start, Int32(UInt8(ascii: "\r")), crLimit - start) {
        let next = base.distance(to: UnsafeRawPointer(cr)) + 1
        if next < bytes.count, bytes[next] == UInt8(ascii: "\n") { return next + 1 }
        return next
    }
    return feed.map { $0 + 1 }
}

/// Number of line breaks whose last byte is in `bytes[start..<limit]`: each LF, and each CR not followed by a LF.
///
/// Counting a CRLF by its LF counts it once when the two bytes fall on either side of `limit`.
func lineBreakCount(_ bytes: UnsafeRawBufferPointer, from start: Int, before limit: Int) -> Int {
    guard start < limit, let base = bytes.baseAddress else { return 0 }
    var count = bareReturnCount(bytes, from: start, before: limit)
    var offset = start
    while offset < limit, let feed = memchr(base + offset, Int32(UInt8(ascii: "\n")), limit - offset) {
        count += 1
        offset = base.distance(to: UnsafeRawPointer(feed)) + 1
    }
    return count
}

/// Number of bare CRs (not followed by a LF, wherever that byte is) in `bytes[start..<limit]`.
func bareReturnCount(_ bytes: UnsafeRawBufferPointer, from start: Int, before limit: Int) -> Int {
    guard start < limit, let base = bytes.baseAddress else { return 0 }
    var count = 0
    var offset = start
    while offset < limit, let cr = memchr(base + offset, Int32(UInt8(ascii: "\r")), limit - offset) {
        let next = base.distance(to: UnsafeRawPointer(cr)) + 1
        if next == bytes.count || bytes[next] != UInt8(ascii: "\n") { count += 1 }
        offset = next
    }
    return count
}
