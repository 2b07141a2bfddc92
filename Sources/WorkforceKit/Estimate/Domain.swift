/// A "by" variable of docs/indicators.md: the subgroups an estimate is broken down by.
public enum ByVariable: UInt8, CaseIterable, Sendable {
    case all
    case industry
    case district
    case employmentType
    case skillLevel
    case education
    case sex
    case hukou
    case migrant
    case ageBand
    case industryBySkill
    case enterpriseSize

    /// Column name used in reports.
    public var name: String {
        switch self {
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

    /// Number of distinct values (codes 0..<cardinality).
    public var cardinality: Int {
        switch self {
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

    /// The value code of a worker with these packed codes.
    @inline(__always)
    public func value(of codes: WorkerCodesPacked) -> Int {
        switch self {
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

    /// The value label a report shows for a code (English codes, as the contract spells them).
    public func label(_ value: Int) -> String {
        switch self {
        case .all: "all"
        case .industry: Industry.letters[value]
        case .district: District.label(UInt8(value))
        case .employmentType: WorkerCodes.employmentTypes.english[value]
        case .skillLevel: String(value)
        case .education: String(value + 1)
        case .sex: WorkerCodes.sexes.english[value]
        case .hukou: WorkerCodes.hukou.english[value]
        case .migrant: String(value)
        case .ageBand: WorkerCodes.ageBands[value]
        case .industryBySkill:
            "\(Industry.letters[IndustrySkill.industry(of: value)])/\(IndustrySkill.level(of: value))"
        case .enterpriseSize: value < EnterpriseSize.labels.count ? EnterpriseSize.labels[value] : "unknown"
        }
    }
}

/// The population an estimate covers: every worker, or the industrial-worker scope (B, C, D, E, G, I by default).
public enum Scope: UInt8, CaseIterable, Sendable {
    case all
    case industrial

    public var name: String { self == .all ? "all" : "industrial" }
}

/// A domain (subgroup): scope × by-variable × value, packed into 16 bits for accumulator keys.
public struct Domain: Hashable, Comparable, Sendable {
    public let scope: Scope
    public let by: ByVariable
    public let value: Int

    public init(scope: Scope, by: ByVariable, value: Int) {
        self.scope = scope
        self.by = by
        self.value = value
    }

    init(packed: UInt16) {
        scope = Scope(rawValue: UInt8(packed >> 12)) ?? .all
        by = ByVariable(rawValue: UInt8((packed >> 8) & 0xF)) ?? .all
        value = Int(packed & 0xFF)
    }

    var packed: UInt16 { UInt16(scope.rawValue) << 12 | UInt16(by.rawValue) << 8 | UInt16(value) }

    public static func < (lhs: Domain, rhs: Domain) -> Bool { lhs.packed < rhs.packed }
}
