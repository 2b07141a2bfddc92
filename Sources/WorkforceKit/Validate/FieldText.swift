/// A checked text field as UTF-8: borrowed from the record when it needs no decoding or trimming
/// (most fields), else held in a string — so reading an id or a name allocates nothing.
///
/// Borrowed bytes are valid only while the record is (inside the validator's call).
enum FieldText {
    case bytes(UnsafeBufferPointer<UInt8>)
    case string(String)

    /// No text: what a required field that failed has stood for (never read).
    static var empty: FieldText { .bytes(UnsafeBufferPointer(start: nil, count: 0)) }

    /// Calls `body` with the text's UTF-8.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch self {
        case .bytes(let bytes): return body(bytes)
        case .string(var text): return text.withUTF8(body)
        }
    }

    /// The text as a string of its own (copied from the record when borrowed).
    var string: String {
        switch self {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .string(let text): text
        }
    }
}

/// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF),
/// as `String(validating:as:)` decides, without building a string.
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        // The continuation bytes that may follow `lead`: how many, and the range of the first.
        let following: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: following = 1
        case 0xE0: (following, low) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: following = 2
        case 0xED: (following, high) = (2, 0x9F)
        case 0xF0: (following, low) = (3, 0x90)
        case 0xF1...0xF3: following = 3
        case 0xF4: (following, high) = (3, 0x8F)
        default: return false
        }
        guard index + following < count else { return false }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { return false }
        var next = index + 2
        while next <= index + following {
            guard bytes[next] & 0xC0 == 0x80 else { return false }
            next += 1
        }
        index += following + 1
    }
    return true
}
