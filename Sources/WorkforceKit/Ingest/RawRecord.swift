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
    /// The raw bytes of the line given up on (at most 4 KiB of it), undecoded.
    public let raw: [UInt8]
    /// Whether `raw` is only the start of a longer line.
    public let isCut: Bool

    public init(line: Int, reason: String, raw: [UInt8], isCut: Bool = false) {
        self.line = line
        self.reason = reason
        self.raw = raw
        self.isCut = isCut
    }

    /// The raw text as UTF-8 (invalid bytes shown as U+FFFD), "…" when cut.
    public var rawText: String { text { String(decoding: $0, as: UTF8.self) } }

    /// The raw text decoded by `decode` (the file's encoding), "…" when cut.
    public func text(_ decode: (UnsafeRawBufferPointer) -> String) -> String {
        raw.withUnsafeBytes(decode) + (isCut ? "…" : "")
    }
}
