import Foundation

/// Codes of the categorical worker columns, with their English and Chinese spellings.
public enum WorkerCodes {
    /// employment_type: 0 regular, 1 dispatch, 2 outsourced, 3 flexible.
    public static let employmentTypes = CodeList(
        english: ["regular", "dispatch", "outsourced", "flexible"],
        chinese: ["正式", "劳务派遣", "项目外包", "灵活"],
        aliases: ["正式工": 0, "派遣": 1, "外包": 2, "灵活用工": 3, "dispatched": 1, "outsourcing": 2])
    /// sex: 0 male, 1 female.
    public static let sexes = CodeList(
        english: ["M", "F"], chinese: ["男", "女"], aliases: ["male": 0, "female": 1])
    /// hukou: 0 local, 1 nonlocal.
    public static let hukou = CodeList(
        english: ["local", "nonlocal"], chinese: ["本市", "外省市"],
        aliases: ["non-local": 1, "外地": 1, "本地": 0])
    /// Booleans: 0 false, 1 true.
    public static let boolean = CodeList(
        english: ["0", "1"], chinese: ["否", "是"],
        aliases: ["false": 0, "true": 1, "no": 0, "yes": 1, "n": 0, "y": 1])
    /// Age bands of docs/indicators.md: 16–24, 25–34, 35–44, 45–54, 55+.
    public static let ageBands = ["16-24", "25-34", "35-44", "45-54", "55+"]

    /// Age band code (0–4) of an age in years.
    public static func ageBand(_ age: Int) -> UInt8 {
        switch age {
        case ..<25: 0
        case 25..<35: 1
        case 35..<45: 2
        case 45..<55: 3
        default: 4
        }
    }
}

/// A closed list of codes with English and Chinese spellings, matched case-insensitively.
public struct CodeList: Sendable {
    public let english: [String]
    public let chinese: [String]
    private let lookup: [String: UInt8]
    /// Exact spellings as bytes, tried before the string lookup (the common case costs no allocation).
    private let exact: [([UInt8], UInt8)]

    init(english: [String], chinese: [String], aliases: [String: UInt8]) {
        self.english = english
        self.chinese = chinese
        var table: [String: UInt8] = [:]
        for (code, name) in english.enumerated() { table[name.lowercased()] = UInt8(code) }
        for (code, name) in chinese.enumerated() { table[name] = UInt8(code) }
        for (name, code) in aliases { table[name.lowercased()] = code }
        lookup = table
        exact =
            english.enumerated().map { (Array($1.utf8), UInt8($0)) }
            + chinese.enumerated().map { (Array($1.utf8), UInt8($0)) }
    }

    /// Code of an exact spelling given as bytes, or nil (then try `code(of:)`).
    func code(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard let base = bytes.baseAddress else { return nil }
        for (spelling, code) in exact where spelling.count == bytes.count {
            if spelling.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false })
            {
                return code
            }
        }
        return nil
    }

    /// Code of `text` (already trimmed), or nil when it is not in the list.
    public func code(of text: String) -> UInt8? {
        lookup[text] ?? lookup[text.lowercased()]
    }

    /// What the contract accepts, for error messages.
    public var accepted: String {
        zip(english, chinese).map { "\($0)/\($1)" }.joined(separator: ", ")
    }
}
