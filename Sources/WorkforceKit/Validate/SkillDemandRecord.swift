/// One accepted row of skill_demand.csv: headcount demanded at one skill level in one industry.
public struct SkillDemandRecord: Sendable, Equatable {
    public var year: Int
    public var industry: UInt8
    public var skillLevel: UInt8
    public var demand: Double
}

/// Turns a raw skill_demand record into a `SkillDemandRecord`.
struct SkillDemandRowValidator: RecordValidator {
    static let table = TableKind.skillDemand

    func validate(_ fields: FieldReader) throws(RowIssue) -> SkillDemandRecord {
        let year = try fields.integer(0, 1900...2100, required: true) ?? 0
        let industryField = fields.bytes(1)
        guard industryField.count == 1, let industry = Industry.code(ofASCII: industryField[0]) else {
            throw fields.issue(1, "unknown code", "industry = \"\(fields.shown(1))\" is not a section letter A–T")
        }
        let level = try fields.integer(2, 0...5, required: true) ?? 0
        let demand =
            try fields.decimal(3, required: true, rule: "between 0 and 10^9") {
                $0 >= 0 && $0 <= PlausibleMaximum.skillDemand
            } ?? 0
        return SkillDemandRecord(year: year, industry: industry, skillLevel: UInt8(level), demand: demand)
    }

    func duplicateKey(_ row: SkillDemandRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: "\(row.industry)/\(row.skillLevel)")
    }
}
