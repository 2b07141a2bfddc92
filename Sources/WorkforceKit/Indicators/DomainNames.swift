/// The names people read for a domain's code, in English and Chinese (`domain_en`, `domain_zh`).
///
/// The `domain` column keeps the stable code scripts rely on (`C`, `dispatch`, `3`);
/// these names are what the workbook and summary.html show.
extension ByVariable {
    /// The English name of value `value` (industry `C` → "Manufacturing").
    public func englishName(_ value: Int) -> String {
        guard case .builtIn(let builtIn) = kind else { return crossName(value, english: true) }
        return switch builtIn {
        case .all: "All workers"
        case .industry: Industry.englishNames[value]
        case .district: District.label(UInt8(value), english: true)
        case .employmentType: ["Regular", "Dispatched", "Outsourced", "Flexible"][value]
        case .skillLevel: Self.skillName(value, english: true)
        case .education: Self.educationNames[value].english
        case .sex: value == 0 ? "Men" : "Women"
        case .hukou: value == 0 ? "Local hukou" : "Non-local hukou"
        case .migrant: value == 1 ? "Migrant workers" : "Not migrant workers"
        case .ageBand: "Aged " + WorkerCodes.ageBands[value].replacingOccurrences(of: "-", with: "–")
        case .industryBySkill:
            "\(Industry.englishNames[IndustrySkill.industry(of: value)]) / "
                + Self.skillName(IndustrySkill.level(of: value), english: true)
        case .enterpriseSize: Self.sizeNames[value].english
        }
    }

    /// The Chinese name of value `value` (industry `C` → 制造业).
    public func chineseName(_ value: Int) -> String {
        guard case .builtIn(let builtIn) = kind else { return crossName(value, english: false) }
        return switch builtIn {
        case .all: "全部"
        case .industry: Industry.chineseNames[value]
        case .district: District.label(UInt8(value))
        case .employmentType: WorkerCodes.employmentTypes.chinese[value]
        case .skillLevel: Self.skillName(value, english: false)
        case .education: Self.educationNames[value].chinese
        case .sex: WorkerCodes.sexes.chinese[value]
        case .hukou: WorkerCodes.hukou.chinese[value]
        case .migrant: value == 1 ? "农民工" : "非农民工"
        case .ageBand: WorkerCodes.ageBands[value] + "岁"
        case .industryBySkill:
            "\(Industry.chineseNames[IndustrySkill.industry(of: value)])/"
                + Self.skillName(IndustrySkill.level(of: value), english: false)
        case .enterpriseSize: Self.sizeNames[value].chinese
        }
    }

    /// Skill level 0–5 as people name it ("Senior worker", 高级工).
    static func skillName(_ level: Int, english: Bool) -> String {
        let name = IndicatorCatalog.skillLevels[level]
        return english ? name.english.prefix(1).uppercased() + name.english.dropFirst() : name.chinese
    }

    /// A cross's name: its columns' names joined ("Intermediate professional title / Women", 中级职称/女).
    private func crossName(_ value: Int, english: Bool) -> String {
        guard case .cross(let fields) = kind else { return "" }
        return zip(fields, parts(value, of: fields)).map { field, code in field.name(code, english: english) }
            .joined(separator: english ? " / " : "/")
    }

    /// Professional title codes 0–3 (`title`).
    static let titleNames: [(english: String, chinese: String)] = [
        ("No professional title", "无职称"), ("Junior professional title", "初级职称"),
        ("Intermediate professional title", "中级职称"), ("Senior professional title", "高级职称"),
    ]

    /// Education codes 1–5, at index code − 1.
    static let educationNames: [(english: String, chinese: String)] = [
        ("Junior secondary or below", "初中及以下"), ("Senior secondary or vocational", "高中/中专/技校"),
        ("Junior college", "大专"), ("Bachelor's degree", "本科"), ("Postgraduate", "研究生"),
    ]

    /// Enterprise size bands (`EnterpriseSize`), then workers whose enterprise is not in enterprises.csv.
    static let sizeNames: [(english: String, chinese: String)] = [
        ("Under 50 employees", "50人以下"), ("50–99 employees", "50-99人"), ("100–299 employees", "100-299人"),
        ("300–999 employees", "300-999人"), ("1,000 employees or more", "1000人及以上"),
        ("Enterprise not in enterprises.csv", "未匹配企业"),
    ]
}
