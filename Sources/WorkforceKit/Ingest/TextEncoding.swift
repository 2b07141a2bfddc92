/// The text encodings an input file may be in (docs/inputs.md): UTF-8, GB18030/GBK, UTF-16 with a BOM.
public enum TextEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without BOM.
    case utf8 = "utf-8"
    /// GB18030, a superset of GBK and GB2312: what Excel and WPS write on Chinese Windows.
    case gb18030
    /// UTF-16 little-endian with BOM: Excel's "Unicode text" export (tab-separated).
    case utf16le = "utf-16le"
    /// UTF-16 big-endian with BOM.
    case utf16be = "utf-16be"

    /// The name glibc's iconv knows it by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .utf16le: "UTF-16LE"
        case .utf16be: "UTF-16BE"
        }
    }
}

/// Recognises the text encoding of an input file: BOM first, then the evidence of `EncodingEvidence`.
enum TextEncodingDetector {
    struct Detected: Equatable {
        let encoding: TextEncoding
        /// Name shown in the data-quality report.
        let name: String
        /// Bytes to skip before the text (the BOM).
        let bodyOffset: Int
        /// How UTF-8 or GB18030 was chosen (empty after a BOM, `--encoding` or pure ASCII).
        var evidence = ""
    }

    /// The encoding of `bytes`; `forced` (from `--encoding`) wins over detection, but a BOM is still skipped.
    ///
    /// `table` and `delimiter` let the first records be read for their meaning (`EncodingEvidence`).
    ///
    /// - Complexity: O(n) for the UTF-8 scan when there is no BOM; with `releasingScannedPages`
    ///   (only for a read-only file mapping) the scan drops the pages it has read as it goes.
    static func detect(
        _ bytes: UnsafeRawBufferPointer, forced: TextEncoding? = nil, table: TableKind = .workers,
        delimiter: UInt8 = UInt8(ascii: ","), releasingScannedPages: Bool = false
    ) -> Detected {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Detected(encoding: forced ?? .utf8, name: forced.map(\.rawValue) ?? "UTF-8 with BOM", bodyOffset: 3)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Detected(encoding: forced ?? .utf16le, name: "UTF-16LE with BOM", bodyOffset: 2)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Detected(encoding: forced ?? .utf16be, name: "UTF-16BE with BOM", bodyOffset: 2)
        }
        if let forced { return Detected(encoding: forced, name: "\(forced.rawValue) (--encoding)", bodyOffset: 0) }
        var evidence = scanUTF8(bytes, releasingScannedPages: releasingScannedPages)
        if evidence.validSequences == 0, evidence.invalidBytes == 0 {
            return Detected(encoding: .utf8, name: "UTF-8", bodyOffset: 0)
        }
        evidence.weighCodes(bytes, from: 0, table: table, delimiter: delimiter)
        let name: String
        switch (evidence.encoding, evidence.invalidBytes) {
        case (.utf8, 0): name = "UTF-8"
        case (.utf8, _): name = "UTF-8 (\(evidence.invalidBytes) invalid bytes)"
        case (_, 0): name = "GB18030 (also valid UTF-8; codes read as GB18030)"
        default: name = "GB18030 (not valid UTF-8)"
        }
        return Detected(encoding: evidence.encoding, name: name, bodyOffset: 0, evidence: evidence.summary)
    }

    /// Whether `bytes` is strict UTF-8 throughout.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        scanUTF8(bytes).invalidBytes == 0
    }

    /// Counts well-formed multi-byte UTF-8 sequences and the bytes that start none (strict UTF-8: no
    /// overlongs, no surrogates, nothing above U+10FFFF), with an ASCII fast path; after an invalid
    /// byte the scan resumes at the next byte.
    static func scanUTF8(_ bytes: UnsafeRawBufferPointer, releasingScannedPages: Bool = false) -> EncodingEvidence {
        var evidence = EncodingEvidence()
        var index = 0
        var released = 0
        let count = bytes.count
        defer { if releasingScannedPages { MappedFile.release(bytes, from: released, to: index) } }
        while index < count {
            if releasingScannedPages, index - released >= 8 << 20 {
                MappedFile.release(bytes, from: released, to: index)
                released = index
            }
            // Skip ASCII eight bytes at a time (back to the loop's top at least every MiB).
            let stop = min(count, index + (1 << 20))
            while index + 8 <= stop,
                bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            if let length = sequenceLength(bytes, at: index) {
                evidence.validSequences += 1
                index += length
            } else {
                evidence.invalidBytes += 1
                index += 1
            }
        }
        return evidence
    }

    /// Length of the well-formed UTF-8 sequence at `index` (lead byte ≥ 0x80), or nil.
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }
}
