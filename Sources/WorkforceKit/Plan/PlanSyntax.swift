/// The form of a plan's text — TOML 1.0's syntax within the plan's bounds — checked before toml++ reads it.
///
/// toml++ (inside TOMLKit, which the project does not change) asserts instead of reporting on
/// some malformed text (`[[[` aborts the process), stops at a NUL (TOMLKit hands it a C
/// string, so the rest of the plan would be ignored) and recurses once per part of a dotted
/// key (150,000 parts overflow the stack). So every plan is first read here, in one pass
/// without recursion: table headers, keys, strings, arrays, inline tables and comments as
/// TOML 1.0 writes them, with each value's word (number, date, boolean) left to toml++; no
/// control character but tab, line feed and CR LF; keys of at most `maxKeyParts` parts and
/// `maxKeyBytes` bytes; lists and inline tables at most `maxNesting` deep. toml++ then reads
/// only text of TOML's form within those bounds, and checks the words and the tables' meaning.
struct PlanSyntax {
    /// Most parts a key or table header has (`columns.street.labels` has 3).
    static let maxKeyParts = 16
    /// Most bytes a key or table header has as written, quotes and dots included.
    static let maxKeyBytes = 128
    /// Most lists and inline tables one inside another (a plan needs 2).
    static let maxNesting = 8

    /// Where the text leaves TOML's form or the plan's bounds, and what to do.
    struct Problem: Error, Equatable {
        let line: Int
        let column: Int
        let message: String
        let fix: String
    }

    private let scalars: [Unicode.Scalar]
    private var at = 0

    private init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Throws the first place where `text` is not TOML of the plan's form.
    static func check(_ text: String) throws(Problem) {
        var reader = PlanSyntax(text)
        try reader.controlCharacters()
        try reader.document()
    }

    // MARK: Characters

    /// No control character but tab, line feed, and carriage return before a line feed (TOML 1.0
    /// allows no other, in strings or comments either).
    private func controlCharacters() throws(Problem) {
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value == 0x0D, index + 1 < scalars.count, scalars[index + 1] == "\n" { continue }
            guard value < 0x20 && value != 0x09 && value != 0x0A || value == 0x7F || value == 0x0D else { continue }
            throw problem(
                at: index,
                {
                    "column \($0) holds a control character (\(Self.code(scalar))\(value == 0x0D ? ", a carriage return alone" : ""))"
                },
                fix:
                    "a plan is text: remove it (tab, line feed and CR LF are the only control characters a plan may hold)"
            )
        }
    }

    private var peek: Unicode.Scalar? { at < scalars.count ? scalars[at] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        at + offset < scalars.count ? scalars[at + offset] : nil
    }

    private static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// Characters of a value's word: numbers (`1_000`, `0.9`, `-inf`, `1e3`), booleans, dates and times.
    private static func isWord(_ c: Unicode.Scalar) -> Bool {
        isBareKey(c) || c == "+" || c == "." || c == ":"
    }

    private mutating func skipSpaces() {
        while peek == " " || peek == "\t" { at += 1 }
    }

    /// Spaces, comments and line breaks, as a list may hold between its values.
    private mutating func skipSpacesAndLines() {
        while let c = peek {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                at += 1
            } else if c == "#" {
                skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() {
        while let c = peek, c != "\n", c != "\r" { at += 1 }
    }

    // MARK: Lines

    private mutating func document() throws(Problem) {
        while true {
            skipSpaces()
            guard let c = peek else { return }
            switch c {
            case "\n", "\r": at += 1
            case "#": skipComment()
            case "[":
                try tableHeader()
                try endOfLine()
            default:
                try keyValue(depth: 0)
                try endOfLine()
            }
        }
    }

    /// After a header or a `key = value`: spaces, then a comment, a line break or the end.
    private mutating func endOfLine() throws(Problem) {
        skipSpaces()
        switch peek {
        case nil, "\n", "\r": return
        case "#": skipComment()
        default: throw invalid("expected the end of the line, found \(found)")
        }
    }

    /// `[a.b]` or `[[a.b]]`.
    private mutating func tableHeader() throws(Problem) {
        at += 1
        let list = peek == "["
        if list { at += 1 }
        try key()
        skipSpaces()
        guard peek == "]" else { throw invalid("expected ']' to close the section's name, found \(found)") }
        at += 1
        if list {
            guard peek == "]" else { throw invalid("expected ']]' to close the list's name, found \(found)") }
            at += 1
        }
    }

    private mutating func keyValue(depth: Int) throws(Problem) {
        try key()
        skipSpaces()
        guard peek == "=" else { throw invalid("expected '=' after the key, found \(found)") }
        at += 1
        skipSpaces()
        try value(depth: depth)
    }

    /// A key: bare or quoted parts joined by dots, within `maxKeyParts` and `maxKeyBytes`.
    private mutating func key() throws(Problem) {
        skipSpaces()
        let start = at
        var parts = 0
        while true {
            skipSpaces()
            guard let c = peek else { throw invalid("expected a key, found the end of the file") }
            if Self.isBareKey(c) {
                while let c = peek, Self.isBareKey(c) {
                    at += 1
                    if at - start > Self.maxKeyBytes { throw tooLong(start) }
                }
            } else if c == "\"" || c == "'" {
                try string(c, multiline: false)
            } else {
                throw invalid("expected a key, found \(found)")
            }
            parts += 1
            if parts > Self.maxKeyParts {
                throw problem(
                    at: start, { "the key at column \($0) has more than \(Self.maxKeyParts) parts" },
                    fix:
                        "a plan's keys have at most \(Self.maxKeyParts) parts joined by dots (e.g. columns.street.labels)"
                )
            }
            if scalars[start..<at].reduce(0, { $0 + $1.utf8.count }) > Self.maxKeyBytes { throw tooLong(start) }
            skipSpaces()
            guard peek == "." else { return }
            at += 1
        }
    }

    private func tooLong(_ start: Int) -> Problem {
        problem(
            at: start, { "the key at column \($0) is longer than \(Self.maxKeyBytes) bytes" },
            fix: "a plan's keys are names of at most \(Self.maxKeyBytes) bytes; is this the right file?")
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(Problem) {
        guard let c = peek else { throw invalid("expected a value, found the end of the file") }
        switch c {
        case "\"", "'":
            try string(c, multiline: peek(1) == c && peek(2) == c)
        case "[", "{":
            guard depth < Self.maxNesting else {
                throw problem(
                    at: at,
                    { "the value at column \($0) nests lists or inline tables more than \(Self.maxNesting) deep" },
                    fix: "a plan's values are lists of words or { en = …, zh = … }")
            }
            if c == "[" { try list(depth: depth + 1) } else { try inlineTable(depth: depth + 1) }
        default:
            guard Self.isWord(c) else { throw invalid("expected a value, found \(found)") }
            try word()
        }
    }

    /// A number, boolean, date or time: toml++ checks its form; a date and a time may be joined by a space.
    private mutating func word() throws(Problem) {
        let start = at
        while true {
            while let c = peek, Self.isWord(c) { at += 1 }
            let isDate =
                at - start == 10
                && scalars[start..<at].enumerated().allSatisfy { index, c in
                    index == 4 || index == 7 ? c == "-" : ("0"..."9").contains(c)
                }
            guard isDate, peek == " ", let next = peek(1), ("0"..."9").contains(next) else { return }
            at += 1
        }
    }

    private mutating func list(depth: Int) throws(Problem) {
        at += 1
        while true {
            skipSpacesAndLines()
            if peek == "]" {
                at += 1
                return
            }
            try value(depth: depth)
            skipSpacesAndLines()
            switch peek {
            case ",": at += 1
            case "]":
                at += 1
                return
            default: throw invalid("expected ',' or ']' in a list, found \(found)")
            }
        }
    }

    /// `{ key = value, … }` on one line, without a comma after the last.
    private mutating func inlineTable(depth: Int) throws(Problem) {
        at += 1
        skipSpaces()
        if peek == "}" {
            at += 1
            return
        }
        while true {
            try keyValue(depth: depth)
            skipSpaces()
            switch peek {
            case ",": at += 1
            case "}":
                at += 1
                return
            default: throw invalid("expected ',' or '}' in an inline table, found \(found)")
            }
        }
    }

    /// A string opened by `quote` ("basic" with escapes, 'literal' without), on one line or, with
    /// `multiline`, opened and closed by three quotes.
    private mutating func string(_ quote: Unicode.Scalar, multiline: Bool) throws(Problem) {
        let start = at
        at += multiline ? 3 : 1
        while let c = peek {
            if c == quote {
                guard multiline else {
                    at += 1
                    return
                }
                var run = 0
                while peek == quote {
                    at += 1
                    run += 1
                }
                guard run < 3 else {
                    guard run <= 5 else { throw invalid("more than two quotes before a string's closing quotes") }
                    return
                }
            } else if (c == "\n" || c == "\r") && !multiline {
                throw invalid("a line break inside a string on one line")
            } else if c == "\\" && quote == "\"" {
                at += 1
                guard let escaped = peek else { break }
                if (escaped == "\n" || escaped == "\r") && !multiline {
                    throw invalid("a line break inside a string on one line")
                }
                at += 1
            } else {
                at += 1
            }
        }
        throw problem(
            at: start, { "not valid TOML (column \($0): a string that is never closed)" },
            fix: multiline ? "close it with \(quote)\(quote)\(quote)" : "close it with \(quote) on the line it starts")
    }

    // MARK: Problems

    /// What stands at the current place, for a message.
    private var found: String {
        guard let c = peek else { return "the end of the file" }
        switch c {
        case "\n", "\r": return "the end of the line"
        case " ", "\t": return "a space"
        default:
            return c.isASCII ? "'\(c)'" : "'\(c)' (\(Self.code(c)))"
        }
    }

    private func invalid(_ what: String) -> Problem {
        problem(
            at: at, { "not valid TOML (column \($0): \(what))" },
            fix: "see the file `workforce plan init` writes for the form of each line")
    }

    /// "U+0000".
    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A problem at scalar `index`, its message made from its column: line and column are
    /// 1-based, in characters (as toml++ counts them).
    private func problem(at index: Int, _ message: (Int) -> String, fix: String) -> Problem {
        var line = 1
        var lineStart = 0
        for position in 0..<min(index, scalars.count) where scalars[position] == "\n" {
            line += 1
            lineStart = position + 1
        }
        let column = index - lineStart + 1
        return Problem(line: line, column: column, message: message(column), fix: fix)
    }
}
