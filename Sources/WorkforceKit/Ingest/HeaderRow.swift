/// The header record of a file: column names, and where the body starts.
struct HeaderRow {
    let names: [String]
    /// Offset of the first byte after the header's line break.
    let end: Int
    /// Line on which the body starts.
    let bodyLine: Int

    /// Reads the first record at `offset`, skipping blank lines before it.
    static func read(
        _ bytes: UnsafeRawBufferPointer, from offset: Int, parser: LibCSVParser, file: String,
        decode: (UnsafeBufferPointer<UInt8>) -> String
    ) throws(InputError) -> HeaderRow {
        // The header ends at the first LF outside quotes.
        var inQuotes = false
        var end = bytes.count
        var index = offset
        var sawText = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                throw .notCSV(file: file, reason: "the header holds a NUL byte: binary file or UTF-16 text")
            }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: "\n"), !inQuotes {
                if sawText {
                    end = index + 1
                    break
                }
            } else if byte != UInt8(ascii: "\r") {
                sawText = true
            }
            index += 1
        }
        var names: [String] = []
        var bad: MalformedRecord?
        parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), firstLine: 1) { record in
            if names.isEmpty {
                names = (0..<record.count).map { decode(record.field($0)) }
            }
        } malformed: { record in
            bad = bad ?? record
        }
        if let bad { throw .notCSV(file: file, reason: "the header is malformed: \(bad.reason)") }
        guard !names.isEmpty else { throw .emptyFile(file: file) }
        let feeds = UnsafeRawBufferPointer(rebasing: bytes[offset..<end]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return HeaderRow(names: names, end: end, bodyLine: 1 + feeds)
    }
}
