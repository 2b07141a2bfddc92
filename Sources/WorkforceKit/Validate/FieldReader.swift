import Foundation

/// Typed, checked access to the fields of one record, by contract column.
///
/// Every accessor trims blanks, applies the contract's rule for the column and
/// throws a `RowIssue` naming the column when the value breaks it.
struct FieldReader {
    let record: RawRecord
    let header: HeaderMap
    let columns: [ColumnSpec]
    /// Decodes non-ASCII fields of a GB18030 file; nil for UTF-8 text.
    var decoder: Transcoder? = nil

    /// Bytes of `column` with blanks trimmed; empty when the column is absent or blank.
    func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let index = header.fieldIndex[column], index < record.count else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        var field = record.field(index)
        while let first = field.first, first == 0x20 || first == 0x09 {
            field = UnsafeBufferPointer(rebasing: field.dropFirst())
        }
        while let last = field.last, last == 0x20 || last == 0x09 {
            field = UnsafeBufferPointer(rebasing: field.dropLast())
        }
        return field
    }

    func issue(_ column: Int, _ reason: String, _ detail: String) -> RowIssue {
        RowIssue(column: columns[column].name, reason: reason, detail: detail)
    }

    /// The field as text for a message, decoded in the file's encoding and cut at 40 characters.
    func shown(_ column: Int) -> String {
        let text = TextForm.string(UnsafeRawBufferPointer(bytes(column)), decoder: decoder)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// Text of `column`, or nil when blank; required columns throw when blank.
    func text(_ column: Int, required: Bool) throws(RowIssue) -> String? {
        try utf8Text(column, required: required)?.string
    }

    /// Text of `column` as checked UTF-8 (`FieldText`), or nil when blank; required columns throw when blank.
    ///
    /// The text must be valid in the file's encoding and hold no control character; blanks
    /// (ASCII, and NBSP, U+3000 or a BOM) are trimmed. Plain UTF-8 is borrowed from the record.
    func utf8Text(_ column: Int, required: Bool) throws(RowIssue) -> FieldText? {
        let field = bytes(column)
        if field.isEmpty {
            if required { throw issue(column, "missing value", "\(columns[column].name) is required but empty") }
            return nil
        }
        // One look at the bytes: most fields are plain ASCII, which needs no UTF-8 validation.
        var nonASCII = false
        var control = false
        for byte in field {
            if byte >= 0x80 {
                nonASCII = true
            } else if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
                control = true
            }
        }
        let text: FieldText
        if !nonASCII {
            text = .bytes(field)
        } else if let decoder {
            guard let utf8 = decoder.utf8(UnsafeRawBufferPointer(field), replacing: false) else {
                throw issue(
                    column, "invalid GB18030", "\(columns[column].name) holds bytes that are not valid GB18030/GBK text"
                )
            }
            if holdsC1Control(utf8) { control = true }
            text = .string(String(decoding: utf8, as: UTF8.self))
        } else if isValidUTF8(field) {
            if holdsC1Control(field) { control = true }
            text = .bytes(field)
        } else {
            throw issue(
                column, "invalid UTF-8",
                "\(columns[column].name) holds bytes that are not UTF-8; save the file as UTF-8 (or pass --encoding)")
        }
        // C0 controls and DEL show in the bytes; C1 controls (U+0080–U+009F) in the UTF-8 text.
        if control {
            throw issue(
                column, "control character",
                "\(columns[column].name) holds a NUL, DEL or other control character (U+0000–U+001F, U+007F–U+009F)")
        }
        // ASCII blanks are already trimmed; only the rare NBSP, U+3000 or BOM at an end needs the slow path.
        guard nonASCII, text.withUTF8(startsOrEndsWithUnicodeBlank) else { return text }
        return .string(text.string.trimmingWhitespace())
    }

    /// Integer of `column` within `range`; nil when blank and not required.
    func integer(_ column: Int, _ range: ClosedRange<Int>, required: Bool) throws(RowIssue) -> Int? {
        let field = bytes(column)
        if field.isEmpty {
            if required { throw issue(column, "missing value", "\(columns[column].name) is required but empty") }
            return nil
        }
        guard let value = NumberParsing.integer(field) else {
            throw issue(
                column, "not an integer", "\(columns[column].name) = \"\(shown(column))\" is not a whole number")
        }
        guard range.contains(value) else {
            throw issue(
                column, "out of range",
                "\(columns[column].name) = \(value) is outside \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    /// Decimal of `column` satisfying `accept`; nil when blank and not required. `rule` (words for
    /// the message) is only built when a value breaks it: this runs for every field of every row.
    func decimal(
        _ column: Int, required: Bool, rule: @autoclosure () -> String, _ accept: (Double) -> Bool
    ) throws(RowIssue) -> Double? {
        let field = bytes(column)
        if field.isEmpty {
            if required { throw issue(column, "missing value", "\(columns[column].name) is required but empty") }
            return nil
        }
        guard let value = NumberParsing.decimal(field) else {
            throw issue(
                column, "not a number",
                "\(columns[column].name) = \"\(shown(column))\" is not a plain decimal number (use . for decimals, no thousands separators)"
            )
        }
        guard accept(value) else {
            throw issue(column, "out of range", "\(columns[column].name) = \(shown(column)) must be \(rule())")
        }
        return value
    }

    /// A bound as people write it: `8784`, `1000000`.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// Code of `column` in `list`; nil when blank and not required.
    func code(_ column: Int, _ list: CodeList, required: Bool) throws(RowIssue) -> UInt8? {
        if let code = list.code(ofBytes: bytes(column)) { return code }
        guard let text = try text(column, required: required) else { return nil }
        guard let code = list.code(of: text) else {
            throw issue(
                column, "unknown code", "\(columns[column].name) = \"\(shown(column))\" is not one of \(list.accepted)")
        }
        return code
    }

    /// Boolean of `column` (0/1, true/false, yes/no, Y/N, 是/否); nil when blank and not required.
    func boolean(_ column: Int, required: Bool) throws(RowIssue) -> Bool? {
        let field = bytes(column)
        if field.count == 1 {
            if field[0] == UInt8(ascii: "0") { return false }
            if field[0] == UInt8(ascii: "1") { return true }
        }
        return try code(column, WorkerCodes.boolean, required: required).map { $0 == 1 }
    }
}

/// Whether UTF-8 `bytes` hold a C1 control (U+0080–U+009F: C2 80 … C2 9F).
private func holdsC1Control<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    var afterC2 = false
    for byte in bytes {
        if afterC2, byte >= 0x80, byte <= 0x9F { return true }
        afterC2 = byte == 0xC2
    }
    return false
}

/// Whether `bytes` starts or ends with NBSP (C2 A0), U+3000 (E3 80 80) or U+FEFF (EF BB BF).
private func startsOrEndsWithUnicodeBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let blanks: [[UInt8]] = [[0xC2, 0xA0], [0xE3, 0x80, 0x80], [0xEF, 0xBB, 0xBF]]
    for blank in blanks where bytes.count >= blank.count {
        if bytes.starts(with: blank) || bytes.suffix(blank.count).elementsEqual(blank) { return true }
    }
    return false
}
