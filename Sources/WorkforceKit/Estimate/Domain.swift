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
    private static func value(_ builtIn: BuiltIn, _ codes: WorkerCodesPacked) -> Int {
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

/// The population an estimate covers: every worker, the industrial-worker scope (industries
/// B, C, D, E, G, I by default), or a scope a survey plan names (`[scopes.<name>]`): workers of
/// some industries, or for whom a condition holds, or both. Every breakdown is estimated in every scope.
public struct Scope: Hashable, Sendable {
    /// Position among the run's scopes: the reports' order.
    public let index: Int
    /// The `scope` column's value.
    public let name: String
    let filter: Filter

    enum Filter: Hashable, Sendable {
        case all
        /// The packed codes' industrial-scope bit.
        case industrial
        /// Industry code i is in the scope when bit i is set; then the flags must all be set, and
        /// the comparison (if any) hold.
        case plan(industries: UInt32, flags: UInt16, compare: ScopeComparison?)
    }

    private init(index: Int, name: String, filter: Filter) {
        self.index = index
        self.name = name
        self.filter = filter
    }

    public static let all = Scope(index: 0, name: "all", filter: .all)
    public static let industrial = Scope(index: 1, name: "industrial", filter: .industrial)
    /// The contract's scopes.
    public static let builtIns = [all, industrial]

    /// A plan's scope at position `index`: workers of `industries` (all when nil) with every
    /// `flags` bit set and for whom `compare` holds.
    init(name: String, index: Int, industries: Set<UInt8>?, flags: UInt16, compare: ScopeComparison?) {
        let mask = industries.map { $0.reduce(UInt32(0)) { $0 | 1 << UInt32($1) } } ?? UInt32.max
        self.init(index: index, name: name, filter: .plan(industries: mask, flags: flags, compare: compare))
    }

    /// Whether row `row` of `columns` belongs to the scope. A plan's scope reads the bit
    /// `WageSamples.markScopes` set for it.
    @inline(__always)
    func contains(_ row: Int, _ columns: WaveColumns) -> Bool { test.holds(row, columns) }

    /// The scope's test of a row, taken once before a loop over rows.
    var test: ScopeTest {
        switch filter {
        case .all: ScopeTest(kind: 0, bit: 0)
        case .industrial: ScopeTest(kind: 1, bit: 0)
        case .plan: ScopeTest(kind: 2, bit: UInt8(truncatingIfNeeded: index - Self.builtIns.count))
        }
    }

    /// Whether row `row` of the file-ordered `columns` meets a plan scope's industries and condition.
    func admits(_ row: Int, _ columns: WaveColumns) -> Bool {
        guard case .plan(let industries, let flags, let compare) = filter else { return contains(row, columns) }
        guard (industries >> UInt32(columns.codes[row].industry)) & 1 == 1, columns.flags[row] & flags == flags
        else { return false }
        guard let compare else { return true }
        return compare.comparison.holds(columns.value(compare.column, row), compare.threshold)
    }

    /// Whether the scope is one a plan adds.
    var isPlanScope: Bool { if case .plan = filter { true } else { false } }
}

/// A scope's membership test reduced to a kind and a bit: no payload to unpack per row.
struct ScopeTest: Sendable {
    /// 0 every row, 1 the industrial-scope bit of the packed codes, 2 bit `bit` of the row's scope bits.
    let kind: UInt8
    let bit: UInt8

    @inline(__always)
    func holds(_ row: Int, _ columns: WaveColumns) -> Bool {
        kind == 0 || (kind == 1 ? columns.codes[row].inIndustrialScope : (columns.scopeBits[row] >> bit) & 1 == 1)
    }
}

/// A numeric column compared with a number, for a plan's scope (never true where the column is not given).
struct ScopeComparison: Hashable, Sendable {
    let column: WaveColumn
    let comparison: Comparison
    let threshold: Double
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
