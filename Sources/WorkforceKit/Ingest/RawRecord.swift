/// One CSV record as libcsv delivered it: undecoded field bytes plus where it came from.
///
/// The storage is borrowed from the parser and valid only inside the visitor
/// closure that receives the record; copy what must outlive it.
public struct RawRecord {
    /// Physical line (1-based) where the record starts in its file.
    public let line: Int
    /// Bytes of the whole record as it stands in the file, without the final line break.
    public let raw: UnsafeRawBufferPointer
    let storage: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>

    /// Number of fields in the record.
    public var count: Int { ends.count }

    /// Bytes of field `index` (0-based), quotes removed and `""` unescaped.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: storage[start..<ends[index]])
    }

    /// The record's text for quarantine and messages (invalid UTF-8 shown as U+FFFD).
    public var rawText: String { String(decoding: raw, as: UTF8.self) }
}

/// A record libcsv could not parse, with the reason and its raw bytes.
public struct MalformedRecord: Sendable {
    /// Physical line (1-based) where the record starts.
    public let line: Int
    /// What is wrong, in words an analyst can act on.
    public let reason: String
    /// The raw text of the lines given up on.
    public let rawText: String
}
