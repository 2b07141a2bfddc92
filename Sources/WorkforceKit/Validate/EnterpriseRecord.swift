/// One accepted row of enterprises.csv.
public struct EnterpriseRecord: Sendable, Equatable {
    public var year: Int
    public var enterpriseID: String
    public var district: UInt8?
    public var industry: UInt8?
    /// `EnterpriseRowValidator.ownerships` code: 0 state, 1 private, 2 foreign, 3 collective, 4 other.
    public var ownership: UInt8?
    public var employees: Int
    public var dispatchWorkers: Int?
    public var hasUnion: Bool?
    public var hasPartyOrg: Bool?
    public var partyMembers: Int?
    public var hasWorkerCongress: Bool?
    public var valueAdded: Double?
    public var profit: Double?
    public var trainingSpend: Double?
    public var chiefTechnicianPosts: Int?
    public var weight: Double
}

/// Turns a raw enterprises record into an `EnterpriseRecord`.
struct EnterpriseRowValidator: RecordValidator {
    static let table = TableKind.enterprises
    /// Ownership codes; private, foreign and other are non-public.
    static let ownerships = CodeList(
        english: ["state", "private", "foreign", "collective", "other"],
        chinese: ["国有", "民营", "外资", "集体", "其他"],
        aliases: ["私营": 1, "港澳台": 2, "foreign-invested": 2, "state-owned": 0])

    func validate(_ fields: FieldReader) throws(RowIssue) -> EnterpriseRecord {
        let count = 0...Int(Int32.max)
        let amountRule = "between -10^13 and 10^13 (CNY)"
        let district = try fields.text(2, required: false).map { District.code(of: $0) }
        var industry: UInt8?
        let industryField = fields.bytes(3)
        if !industryField.isEmpty {
            guard industryField.count == 1, let code = Industry.code(ofASCII: industryField[0]) else {
                throw fields.issue(3, "unknown code", "industry = \"\(fields.shown(3))\" is not a section letter A–T")
            }
            industry = code
        }
        return EnterpriseRecord(
            year: try fields.integer(0, 1900...2100, required: true) ?? 0,
            enterpriseID: try fields.text(1, required: true) ?? "",
            district: district,
            industry: industry,
            ownership: try fields.code(4, Self.ownerships, required: false),
            employees: try fields.integer(5, count, required: true) ?? 0,
            dispatchWorkers: try fields.integer(6, count, required: false),
            hasUnion: try fields.boolean(7, required: false),
            hasPartyOrg: try fields.boolean(8, required: false),
            partyMembers: try fields.integer(9, count, required: false),
            hasWorkerCongress: try fields.boolean(10, required: false),
            valueAdded: try fields.decimal(11, required: false, rule: amountRule) {
                abs($0) <= PlausibleMaximum.enterpriseAmount
            },
            profit: try fields.decimal(12, required: false, rule: amountRule) {
                abs($0) <= PlausibleMaximum.enterpriseAmount
            },
            trainingSpend: try fields.decimal(13, required: false, rule: "between 0 and 10^13") {
                $0 >= 0 && $0 <= PlausibleMaximum.enterpriseAmount
            },
            chiefTechnicianPosts: try fields.integer(14, count, required: false),
            weight: try fields.decimal(15, required: false, rule: "greater than 0 and at most 1,000,000,000") {
                $0 > 0 && $0 <= PlausibleMaximum.enterpriseWeight
            } ?? 1)
    }

    static var columnsWithOther: [String] { ["district"] }

    func countMappedToOther(_ row: EnterpriseRecord, into counts: inout [String: Int]) {
        if row.district == District.other { counts["district", default: 0] += 1 }
    }

    func duplicateKey(_ row: EnterpriseRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: row.enterpriseID)
    }
}
