/// GB/T 4754-2017 industry sections A–T, coded 0–19.
public enum Industry {
    /// Section letters, index = code.
    public static let letters: [String] = (0..<20).map { String(UnicodeScalar(UInt8(65 + $0))) }

    /// Short English names of the sections.
    public static let englishNames: [String] = [
        "Agriculture", "Mining", "Manufacturing", "Utilities", "Construction", "Wholesale and retail",
        "Transport, storage and post", "Hotels and catering", "Information and software", "Finance",
        "Real estate", "Leasing and business services", "Research and technical services",
        "Water, environment and public facilities", "Household and other services", "Education",
        "Health and social work", "Culture, sports and entertainment", "Public administration",
        "International organisations",
    ]

    /// Chinese names of the sections.
    public static let chineseNames: [String] = [
        "农林牧渔业", "采矿业", "制造业", "电力热力燃气及水生产和供应业", "建筑业", "批发和零售业",
        "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业",
        "房地产业", "租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业",
        "居民服务、修理和其他服务业", "教育", "卫生和社会工作", "文化、体育和娱乐业",
        "公共管理、社会保障和社会组织", "国际组织",
    ]

    /// The industrial-worker scope of docs/indicators.md: B, C, D, E, G, I.
    public static let defaultIndustrialScope: Set<UInt8> = [1, 2, 3, 4, 6, 8]

    /// Code of a section letter (case-insensitive, surrounding spaces already trimmed), or nil.
    public static func code(ofASCII byte: UInt8) -> UInt8? {
        let upper = byte & 0xDF
        guard upper >= 65, upper <= 84 else { return nil }
        return upper - 65
    }
}
