/// Shanghai's 16 districts, plus "other" for any value outside them (reported, not rejected).
public enum District {
    /// Chinese names in the order of the contract; the index is the district code.
    public static let names: [String] = [
        "黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行",
        "宝山", "嘉定", "浦东新区", "金山", "松江", "青浦", "奉贤", "崇明",
    ]
    /// English (pinyin) names, same order.
    public static let englishNames: [String] = [
        "Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu", "Minhang",
        "Baoshan", "Jiading", "Pudong New Area", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming",
    ]
    /// Code of values outside the 16 districts.
    public static let other: UInt8 = 16

    private static let lookup: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for (code, name) in names.enumerated() {
            table[name] = UInt8(code)
            table[name + "区"] = UInt8(code)
            table[englishNames[code].lowercased()] = UInt8(code)
            table[englishNames[code].lowercased() + " district"] = UInt8(code)
        }
        table["浦东"] = 10
        table["pudong"] = 10
        table["jingan"] = 3
        table["崇明县"] = 15
        return table
    }()

    /// Code of a district name (Chinese or pinyin, with or without 区); `other` when unknown.
    public static func code(of text: String) -> UInt8 {
        lookup[text] ?? lookup[text.lowercased()] ?? other
    }

    /// Code of a district name given as UTF-8 (as read from a record); `other` when unknown.
    ///
    /// The exact spellings are compared byte by byte (no string is built); others, such as
    /// "XUHUI", take `code(of:)`.
    static func code(ofUTF8 name: UnsafeBufferPointer<UInt8>) -> UInt8 {
        for (spelling, code) in utf8Spellings where spelling.count == name.count && spelling.elementsEqual(name) {
            return code
        }
        return code(of: String(decoding: name, as: UTF8.self))
    }

    /// The lookup's keys as UTF-8, the contract's names first.
    private static let utf8Spellings: [([UInt8], UInt8)] = {
        let contract = names.enumerated().map { (Array($1.utf8), UInt8($0)) }
        return contract + lookup.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
    }()

    /// Label of a code: the Chinese name, or "other".
    public static func label(_ code: UInt8, english: Bool = false) -> String {
        guard Int(code) < names.count else { return english ? "other" : "其他" }
        return english ? englishNames[Int(code)] : names[Int(code)]
    }
}
