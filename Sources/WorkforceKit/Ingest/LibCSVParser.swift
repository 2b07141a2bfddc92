import CLibCSV
import Foundation

/// Splits CSV bytes into records with libcsv: the only Swift file that calls C.
///
/// libcsv reports neither line numbers nor byte offsets, so the parser feeds it
/// one physical line at a time (lines as `lineEnd` cuts them: LF, CRLF or a bare CR):
/// every record then starts at a known offset and line, and a record libcsv rejects
/// can be given up on and parsing restarted on a line start, so that one bad quote
/// never swallows the rest of a file.
///
/// These are the record-boundary rules; `RecordBoundaries` applies the same ones to plan
/// chunks, so that a chunk ends exactly where parsing the whole file would start a record.
///
/// 1. A record starts at a line start `r`. libcsv runs in strict mode
///    (`CSV_STRICT | CSV_STRICT_FINI`, no space trimming): a quote opens a quoted field only
///    at a field start (the record start, or just after the delimiter); inside it `""` is a
///    literal quote, line breaks are text, and the closing quote must be followed by the
///    delimiter, CR, LF or the end of the input. Outside quotes a CR or LF ends the record,
///    so a record ends at the end of one of its lines.
/// 2. Strict violation (a quote inside an unquoted field, text after a closing quote), on any
///    of the record's lines: the record's first line is quarantined ("malformed quoting") and
///    parsing restarts on the line after `r`, so the later lines are parsed again as records.
/// 3. Runaway: a record still open (inside quotes) at a line end more than `maxFieldBytes`
///    past `r`, a record over several lines that ends more than `maxFieldBytes` past `r`
///    (both measured to the end of the line, its break included), or a quote never closed
///    before the end of the input: its first line is quarantined and parsing restarts on the
///    line after `r`.
/// 4. Within one long line, fed to libcsv in 1 MiB pieces, a field over `maxFieldBytes` or a
///    record over 4 times that is given up on between pieces (so that a 2 GB line never takes
///    2 GB of memory), restarting on the next line. For a record on one line that is where it
///    ends anyway; one that would have gone on to another line is then already more than
///    `maxFieldBytes` long, a runaway under rule 3. So this guard never moves a record start.
///
/// Every failure therefore costs the record's first line and restarts on the line after it.
/// Spaces around unquoted fields are kept (libcsv would trim them); validation trims where
/// the contract says so.
///
/// - Complexity: O(n) in the bytes parsed when records are well formed; a failed record's
///   lines after the first are parsed again. Memory is one record's fields.
public struct LibCSVParser: Sendable {
    /// Field delimiter: `,` for CSV, tab for TSV.
    public let delimiter: UInt8
    /// Largest field accepted, in bytes (and largest record over several lines, see rule 3).
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
        // A record given up on costs its first line; parsing restarts on the next line with a
        // fresh libcsv parser: the loop runs again from there.
        while start < bytes.count {
            guard let restart = parseRun(bytes, from: start, line: line, sink: sink, visit: visit, malformed: malformed)
            else { return }
            start = restart.offset
            line = restart.line
        }
    }

    /// Parses from `start` to the end; returns where to restart after a record given up on, or nil when done.
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
            malformed(MalformedRecord(line: firstLine, reason: "out of memory starting the CSV parser", raw: []))
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
        /// Quarantines the record's first line and says to restart on the next one.
        func giveUp(_ reason: String) -> (offset: Int, line: Int) {
            let firstLineEnd = lineEnd(bytes, from: recordStart)
            // Quote at most 4 KiB of the line: it may be gigabytes long.
            let shown = text(recordStart, min(firstLineEnd, recordStart + 4096))
            malformed(
                MalformedRecord(
                    line: recordLine, reason: reason, raw: Array(shown), isCut: firstLineEnd - recordStart > 4096))
            return (firstLineEnd, recordLine + 1)
        }
        let tooLongOverLines =
            "field longer than \(maxFieldBytes) bytes, or a record over several lines longer than that (a quote left open?); parsing resumed on the line after the record's first"

        while offset < bytes.count {
            let end = lineEnd(bytes, from: offset)
            // Feed a long line in 1 MiB pieces, so that a field past the limit is caught before
            // libcsv has buffered the whole line (a 2 GB line must not take 2 GB of memory): rule 4.
            var fed = offset
            while fed < end {
                let piece = min(end - fed, 1 << 20)
                if csv_parse(&parser, base + fed, piece, fieldCallback, recordCallback, context) != piece {
                    return giveUp(
                        "malformed quoting: a quote inside an unquoted field, or text after a closing quote; parsing resumed on the line after the record's first"
                    )
                }
                fed += piece
                if fed < end, parser.entry_pos > maxFieldBytes || sink.count > maxFieldBytes * 4 {
                    return giveUp(
                        "field longer than \(maxFieldBytes) bytes (or a record over 4 times that); parsing resumed on the line after the record's first"
                    )
                }
            }
            if sink.completedRecords > 0 {
                // Rule 3: a record over several lines may not end more than maxFieldBytes past its start.
                if line > recordLine, end - recordStart > maxFieldBytes { return giveUp(tooLongOverLines) }
                if sink.completedRecords == 1 {
                    sink.withRecord(line: recordLine, raw: text(recordStart, end), visit)
                } else {
                    malformed(
                        MalformedRecord(
                            line: recordLine, reason: "several records on one line (bare CR line breaks)",
                            raw: Array(text(recordStart, end))))
                }
                sink.reset()
                recordStart = end
                recordLine = line + 1
            } else if sink.isEmpty && parser.pstate == 0 {
                // A blank line: libcsv skips it, and so does the record count.
                recordStart = end
                recordLine = line + 1
            } else if end - recordStart > maxFieldBytes, endsWithLineBreak(bytes, end) {
                // Rule 3: still inside quotes at a line end too far from the record's start.
                return giveUp(tooLongOverLines)
            }
            line += 1
            offset = end
        }
        if csv_fini(&parser, fieldCallback, recordCallback, context) != 0 {
            return giveUp(
                "unterminated quoted field: the quote opened in this record is never closed; parsing resumed on the line after the record's first"
            )
        }
        if sink.completedRecords > 0 {
            // The last line has no line break: the record ended with the input (line - 1 is its last line).
            if line - 1 > recordLine, bytes.count - recordStart > maxFieldBytes { return giveUp(tooLongOverLines) }
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

/// Whether the line ending at `end` ends with a line break (the input's last line may not).
private func endsWithLineBreak(_ bytes: UnsafeRawBufferPointer, _ end: Int) -> Bool {
    end > 0 && (bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r"))
}
