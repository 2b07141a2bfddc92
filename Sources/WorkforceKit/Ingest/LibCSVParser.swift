import CLibCSV
import Foundation

/// Splits CSV bytes into records with libcsv: the only Swift file that calls C.
///
/// libcsv reports neither line numbers nor byte offsets, so the parser feeds it
/// one physical line at a time: every record then starts at a known offset and
/// line, and a record libcsv rejects can be given up on at the next line and
/// parsing resumed there, so that one bad quote never swallows the rest of a file.
///
/// Strict mode (`CSV_STRICT | CSV_STRICT_FINI`) is on: a quote inside an unquoted
/// field, text after a closing quote, and a quote left open at the end all become
/// `MalformedRecord`s instead of silently merged fields. Spaces around unquoted
/// fields are kept (libcsv would trim them); validation trims where the contract says so.
///
/// - Complexity: O(n) in the bytes parsed; memory is one record's fields.
public struct LibCSVParser {
    /// Field delimiter: `,` for CSV, tab for TSV.
    public let delimiter: UInt8
    /// Largest field accepted, in bytes; a longer one makes the record malformed.
    public let maxFieldBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    /// Parses `bytes` (whole records only) whose first byte is on line `firstLine`.
    ///
    /// - Parameters:
    ///   - visit: receives each well-formed record, in file order.
    ///   - malformed: receives each record libcsv rejected, in file order.
    public func parse(
        _ bytes: UnsafeRawBufferPointer,
        firstLine: Int,
        visit: (RawRecord) -> Void,
        malformed: (MalformedRecord) -> Void
    ) {
        let sink = FieldSink()
        var start = 0
        var line = firstLine
        // A runaway record (quote never closed, or an open field past the size
        // limit) is given up on at its first line, and parsing resumes on the
        // next one: the loop runs again from there.
        while start < bytes.count {
            guard let resume = parseRun(bytes, from: start, line: line, sink: sink, visit: visit, malformed: malformed)
            else { return }
            start = resume.offset
            line = resume.line
        }
    }

    /// Parses from `start` to the end; returns where to resume after a runaway record, or nil when done.
    private func parseRun(
        _ bytes: UnsafeRawBufferPointer,
        from start: Int,
        line firstLine: Int,
        sink: FieldSink,
        visit: (RawRecord) -> Void,
        malformed: (MalformedRecord) -> Void
    ) -> (offset: Int, line: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        sink.reset()
        var parser = csv_parser()
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI)
        guard csv_init(&parser, options) == 0 else {
            malformed(MalformedRecord(line: firstLine, reason: "out of memory starting the CSV parser", rawText: ""))
            return nil
        }
        defer { csv_free(&parser) }
        configure(&parser)
        let context = Unmanaged.passUnretained(sink).toOpaque()

        var line = firstLine
        var recordStart = start
        var recordLine = firstLine
        var offset = start

        func text(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[from..<trimmedLineEnd(bytes, from: from, to: to)])
        }
        func runaway(_ reason: String) -> (offset: Int, line: Int) {
            let firstLineEnd = lineEnd(bytes, from: recordStart)
            // Quote at most 4 KiB of a runaway line: it may be gigabytes long.
            let shown = text(recordStart, min(firstLineEnd, recordStart + 4096))
            let ellipsis = firstLineEnd - recordStart > 4096 ? "…" : ""
            malformed(
                MalformedRecord(
                    line: recordLine, reason: reason, rawText: String(decoding: shown, as: UTF8.self) + ellipsis))
            return (firstLineEnd, recordLine + 1)
        }

        while offset < bytes.count {
            let end = lineEnd(bytes, from: offset)
            // Feed a long line in 1 MiB pieces, so that a field past the limit is caught before
            // libcsv has buffered the whole line (a 2 GB line must not take 2 GB of memory).
            var fed = offset
            var failed = false
            while fed < end {
                let piece = min(end - fed, 1 << 20)
                if csv_parse(&parser, base + fed, piece, fieldCallback, recordCallback, context) != piece {
                    failed = true
                    break
                }
                fed += piece
                if fed < end, parser.entry_pos > maxFieldBytes || sink.count > maxFieldBytes * 4 {
                    return runaway(
                        "field longer than \(maxFieldBytes) bytes (or a record over 4 times that); parsing resumed on the next line"
                    )
                }
            }
            if failed {
                malformed(
                    MalformedRecord(
                        line: recordLine,
                        reason: "malformed quoting: a quote inside an unquoted field, or text after a closing quote",
                        rawText: String(decoding: text(recordStart, end), as: UTF8.self)))
                sink.reset()
                csv_free(&parser)
                parser = csv_parser()
                _ = csv_init(&parser, options)
                configure(&parser)
                recordStart = end
                recordLine = line + 1
            } else if sink.completedRecords > 0 {
                if sink.completedRecords == 1 {
                    sink.withRecord(line: recordLine, raw: text(recordStart, end), visit)
                } else {
                    malformed(
                        MalformedRecord(
                            line: recordLine, reason: "several records on one line (bare CR line breaks)",
                            rawText: String(decoding: text(recordStart, end), as: UTF8.self)))
                }
                sink.reset()
                recordStart = end
                recordLine = line + 1
            } else if sink.isEmpty && parser.pstate == 0 {
                // A blank line: libcsv skips it, and so does the record count.
                recordStart = end
                recordLine = line + 1
            } else if parser.entry_pos > maxFieldBytes {
                return runaway(
                    "field longer than \(maxFieldBytes) bytes (a quote left open?); parsing resumed on the next line")
            }
            line += 1
            offset = end
        }
        if csv_fini(&parser, fieldCallback, recordCallback, context) != 0 {
            return runaway(
                "unterminated quoted field: the quote opened in this record is never closed; parsing resumed on the next line"
            )
        }
        if sink.completedRecords > 0 {
            sink.withRecord(line: recordLine, raw: text(recordStart, bytes.count), visit)
        }
        return nil
    }

    private func configure(_ parser: inout csv_parser) {
        csv_set_delim(&parser, delimiter)
        csv_set_space_func(&parser, workforce_csv_no_space)
    }
}

/// Collects the fields libcsv hands over for the record being parsed.
///
/// The callbacks run on the parsing thread only, one sink per parser. Field bytes go into a
/// buffer this class manages itself (grown by doubling, copied with memcpy): an array's
/// append costs uniqueness and capacity checks on every one of the ~30 fields of a row.
private final class FieldSink {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    @exclusivity(unchecked) var ends: [Int] = []
    @exclusivity(unchecked) var completedRecords = 0

    init() {
        capacity = 4096
        bytes = .allocate(capacity: capacity)
        ends.reserveCapacity(64)
    }

    deinit { bytes.deallocate() }

    var isEmpty: Bool { ends.isEmpty }

    /// Appends one field's bytes and closes the field.
    @inline(__always)
    func append(_ field: UnsafeRawPointer?, _ length: Int) {
        if let field, length > 0 {
            if count + length > capacity { grow(to: count + length) }
            (bytes + count).update(from: field.assumingMemoryBound(to: UInt8.self), count: length)
            count += length
        }
        ends.append(count)
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = larger
        capacity = newCapacity
    }

    func reset() {
        count = 0
        ends.removeAll(keepingCapacity: true)
        completedRecords = 0
    }

    func withRecord(line: Int, raw: UnsafeRawBufferPointer, _ visit: (RawRecord) -> Void) {
        let fields = UnsafeBufferPointer(start: bytes, count: count)
        ends.withUnsafeBufferPointer { ends in
            visit(RawRecord(line: line, raw: raw, storage: fields, ends: ends))
        }
    }
}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    field, length, context in
    guard let context else { return }
    // The parser owns the sink for the whole parse: borrow it without a retain/release per field.
    Unmanaged<FieldSink>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.append(field, length) }
}

private let recordCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    guard let context else { return }
    Unmanaged<FieldSink>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.completedRecords += 1 }
}

/// End of the record's text without its trailing CR/LF.
private func trimmedLineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
    var end = end
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
        end -= 1
    }
    return end
}

/// Offset just after the line break (LF, CRLF or a bare CR) that ends the line at `start`.
private func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    guard let base = bytes.baseAddress else { return start }
    let remaining = bytes.count - start
    let lfEnd: Int
    if let lf = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining) {
        lfEnd = base.distance(to: UnsafeRawPointer(lf)) + 1
    } else {
        lfEnd = bytes.count
    }
    // A bare CR (old Mac line ends) also ends a line; a CR just before the LF does not.
    if let cr = memchr(base + start, Int32(UInt8(ascii: "\r")), lfEnd - start) {
        let crIndex = base.distance(to: UnsafeRawPointer(cr))
        if crIndex + 1 < lfEnd, bytes[crIndex + 1] != UInt8(ascii: "\n") { return crIndex + 1 }
    }
    return lfEnd
}
