/// Text as it may be shown on one log line: control characters escaped.
///
/// File names and messages may carry control characters (a newline that forges a
/// second log line, an escape sequence that clears the screen): escaped as `\n`, `\t`,
/// `\r` or `\u{1B}`, they can neither. Bidirectional overrides and isolates, which
/// reorder what a terminal shows, are escaped too.
public enum PrintableText {
    /// `text` with every control character (C0, DEL, C1) and bidirectional control escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            guard isEscaped(scalar) else {
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default: output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return output
    }

    /// Control characters and the bidirectional overrides and isolates.
    static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
