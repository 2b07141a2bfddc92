/// A "by" variable of docs/indicators.md: the subgroups an estimate is broken down by.
///
/// The built-in breakdowns (`builtIns`) are the contract's; a survey plan adds crosses of worker
/// columns (`WorkerField`), such as title × sex, described as data. `index` orders breakdowns in
/// the reports: built-ins first, then the plan's in its order.
public struct ByVariable: Hashable, Sendable {
    /// Position among the run's breakdowns: the reports' order.
    public let index: Int
    /// Column name used in reports (`industry`, `title_x_sex`).
    public let name: String
    let kind: Kind

    enum Kind: Hashable, Sendable {
        case builtIn(BuiltIn)
        /// Codes of one to three columns, the first varying slowest.
        case cross([CrossField])
    }

    /// The contract's breakdowns.
    enum BuiltIn: Int, CaseIterable, Sendable {
        case all, industry, district, employmentType, skillLevel, education, sex, hukou, migrant, ageBand
        case industryBySkill, enterpriseSize
    }

    private init(_ builtIn: BuiltIn) {
        index = builtIn.rawValue
        kind = .builtIn(builtIn)
        name =
            switch builtIn {
            case .all: "all"
            case .industry: "industry"
            case .district: "district"
            case .employmentType: "employment_type"
            case .skillLevel: "skill_level"
            case .education: "education"
            case .sex: "sex"
            case .hukou: "hukou"
            case .migrant: "migrant"
            case .ageBand: "age_band"
            case .industryBySkill: "industry_x_skill_level"
            case .enterpriseSize: "enterprise_size"
            }
    }

    /// The cross of `fields` (one to three distinct columns), at position `index`.
    init(cross fields: [CrossField], index: Int) {
        self.index = index
        kind = .cross(fields)
        name = fields.map(\.name).joined(separator: "_x_")
    }

    public static let all = ByVariable(.all)
    public static let industry = ByVariable(.industry)
    public static let district = ByVariable(.district)
    public static let employmentType = ByVariable(.employmentType)
    public static let skillLevel = ByVariable(.skillLevel)
    public static let education = ByVariable(.education)
    public static let sex = ByVariable(.sex)
    public static let hukou = ByVariable(.hukou)
    public static let migrant = ByVariable(.migrant)
    public static let ageBand = ByVariable(.ageBand)
    public static let industryBySkill = ByVariable(.industryBySkill)
    public static let enterpriseSize = ByVariable(.enterpriseSize)

    /// The contract's breakdowns, in report order.
    public static let builtIns: [ByVariable] = BuiltIn.allCases.map(ByVariable.init)

    /// Number of distinct values (codes 0..<cardinality).
    public var cardinality: Int {
        switch kind {
        case .cross(let fields): fields.reduce(1) { $0 * $1.cardinality }
        case .builtIn(let builtIn):
            switch builtIn {
            case .all: 1
            case .industry: 20
            case .district: 17
            case .employmentType: 4
            case .skillLevel: 6
            case .education: 5
            case .sex, .hukou, .migrant: 2
            case .ageBand: 5
            case .industryBySkill: 20 * IndustrySkill.levels
            case .enterpriseSize: 6
            }
        }
    }

    /// The value code of row `row`.
    @inline(__always)
    func value(_ row: Int, _ columns: WaveColumns) -> Int {
        switch kind {
        case .builtIn(let builtIn): Self.value(builtIn, columns.codes[row])
        case .cross(let fields): fields.reduce(0) { $0 * $1.cardinality + $1.value(row, columns) }
        }
    }

    /// The value code of a worker with these packed codes: a built-in breakdown, or a cross of
    /// contract columns only.
    @inline(__always)
    public func value(of codes: WorkerCodesPacked) -> Int {
        switch kind {
        case .builtIn(let builtIn): return Self.value(builtIn, codes)
        case .cross(let fields):
            return fields.reduce(0) { code, field in
                guard case .worker(let worker) = field else { preconditionFailure("\(name) reads a plan's column") }
                return code * field.cardinality + worker.value(of: codes)
            }
        }
    }

    /// The code of built-in breakdown `builtIn` for these packed codes.
    @inline(__always)
    static func value(_ builtIn: BuiltIn, _ codes: WorkerCodesPacked) -> Int {
        switch builtIn {
        case .all: 0
        case .industry: codes.industry
        case .district: codes.district
        case .employmentType: codes.employmentType
        case .skillLevel: codes.skillLevel
        case .education: codes.education - 1
        case .sex: codes.sex
        case .hukou: codes.hukou
        case .migrant: codes.migrant
        case .ageBand: codes.ageBand
        case .industryBySkill: IndustrySkill.code(industry: codes.industry, level: codes.skillLevel)
        case .enterpriseSize: codes.sizeBand
        }
    }

    /// Each field's code within a cross's value (first field first).
    func parts(_ value: Int, of fields: [CrossField]) -> [Int] {
        var rest = value
        var parts = [Int](repeating: 0, count: fields.count)
        for position in fields.indices.reversed() {
            parts[position] = rest % fields[position].cardinality
            rest /= fields[position].cardinality
        }
        return parts
    }

    /// The value label a report shows for a code (English codes, as the contract spells them).
    public func label(_ value: Int) -> String {
        switch kind {
        case .cross(let fields):
            return zip(fields, parts(value, of: fields)).map { $0.label($1) }.joined(separator: "/")
        case .builtIn(let builtIn):
            switch builtIn {
            case .all: return "all"
            case .industry: return Industry.letters[value]
            case .district: return District.label(UInt8(value))
            case .employmentType: return WorkerCodes.employmentTypes.english[value]
            case .skillLevel: return String(value)
            case .education: return String(value + 1)
            case .sex: return WorkerCodes.sexes.english[value]
            case .hukou: return WorkerCodes.hukou.english[value]
            case .migrant: return String(value)
            case .ageBand: return WorkerCodes.ageBands[value]
            case .industryBySkill:
                return "\(Industry.letters[IndustrySkill.industry(of: value)])/\(IndustrySkill.level(of: value))"
            case .enterpriseSize:
                return value < EnterpriseSize.labels.count ? EnterpriseSize.labels[value] : "unknown"
            }
        }
    }
}

/// A worker column a plan's breakdown can cross (`ByVariable.init(cross:index:)`), by its report name.
public enum WorkerField: String, CaseIterable, Sendable {
    case industry, district
    case employmentType = "employment_type"
    case skillLevel = "skill_level"
    case education, sex, hukou, migrant
    case ageBand = "age_band"
    case title
    case enterpriseSize = "enterprise_size"

    /// The built-in breakdown with the same codes and names; nil for title, which has none.
    var builtIn: ByVariable? {
        switch self {
        case .industry: .industry
        case .district: .district
        case .employmentType: .employmentType
        case .skillLevel: .skillLevel
        case .education: .education
        case .sex: .sex
        case .hukou: .hukou
        case .migrant: .migrant
        case .ageBand: .ageBand
        case .title: nil
        case .enterpriseSize: .enterpriseSize
        }
    }

    /// Number of codes: title 0–3, the others as their built-in breakdown.
    var cardinality: Int { builtIn?.cardinality ?? 4 }

    @inline(__always)
    func value(of codes: WorkerCodesPacked) -> Int { builtIn?.value(of: codes) ?? codes.title }

    /// The code as the `domain` column shows it (title: 0–3, as the contract spells it).
    func label(_ code: Int) -> String { builtIn?.label(code) ?? String(code) }
}

/// A domain (subgroup): scope × by-variable × value.
public struct Domain: Hashable, Comparable, Sendable {
    public let scope: Scope
    public let by: ByVariable
    public let value: Int

    public init(scope: Scope, by: ByVariable, value: Int) {
        self.scope = scope
        self.by = by
        self.value = value
    }

    /// Scope, then breakdown (`ByVariable.index`), then value: the reports' order.
    public static func < (lhs: Domain, rhs: Domain) -> Bool {
        (lhs.scope.index, lhs.by.index, lhs.value) < (rhs.scope.index, rhs.by.index, rhs.value)
    }
}
