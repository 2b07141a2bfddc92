/// Turns a raw workers record into a `WorkerRecord`, or says which column breaks which rule.
struct WorkerRowValidator: RowValidator {
    static let table = TableKind.workers
    /// Largest monthly wage accepted: larger values are keying errors, and bound the exact sums (`ExactSum`).
    static let maxWage = 1e8
    /// Largest weight accepted: no worker stands for more people than a country.
    static let maxWeight = 1e9

    func validate(_ fields: FieldReader) throws(RowIssue) -> WorkerRecord {
        typealias C = WorkerColumn
        let year = try fields.integer(C.year.rawValue, 1900...2100, required: true) ?? 0
        let workerID = try fields.text(C.workerID.rawValue, required: true) ?? ""
        let enterpriseID = try fields.text(C.enterpriseID.rawValue, required: true) ?? ""
        let districtName = try fields.text(C.district.rawValue, required: true) ?? ""
        let industry = try industryCode(fields)
        let employment = try fields.code(C.employmentType.rawValue, WorkerCodes.employmentTypes, required: true) ?? 0
        let sex = try fields.code(C.sex.rawValue, WorkerCodes.sexes, required: true) ?? 0
        let age = try fields.integer(C.age.rawValue, 16...75, required: true) ?? 0
        let education = try fields.integer(C.education.rawValue, 1...5, required: true) ?? 0
        let hukou = try fields.code(C.hukou.rawValue, WorkerCodes.hukou, required: true) ?? 0
        let migrant = try fields.boolean(C.migrant.rawValue, required: false) ?? false
        let skill = try fields.integer(C.skillLevel.rawValue, 0...5, required: true) ?? 0
        let title = try fields.integer(C.title.rawValue, 0...3, required: false) ?? 0
        let wage =
            try fields.decimal(
                C.monthlyWage.rawValue, required: true, rule: "greater than 0 and at most 100,000,000 (monthly, CNY)"
            ) { $0 > 0 && $0 <= Self.maxWage } ?? 0
        let hours = try fields.decimal(C.weeklyHours.rawValue, required: false, rule: "between 0 and 112") {
            $0 >= 0 && $0 <= 112
        }
        let trained = try fields.boolean(C.trained.rawValue, required: true) ?? false
        let trainingHours = try nonNegative(fields, C.trainingHours, atMost: PlausibleMaximum.trainingHours) ?? 0
        let subsidy = try nonNegative(fields, C.trainingSubsidy, atMost: PlausibleMaximum.trainingSubsidy) ?? 0
        let apprentice = try fields.boolean(C.apprentice.rawValue, required: false) ?? false
        let certificate = try fields.boolean(C.newCertificate.rawValue, required: false) ?? false
        let housing = try fields.boolean(C.housingFund.rawValue, required: true) ?? false
        let insurance = try fields.boolean(C.socialInsurance.rawValue, required: true) ?? false
        let contract = try fields.boolean(C.laborContract.rawValue, required: true) ?? false
        let union = try fields.boolean(C.unionMember.rawValue, required: false)
        let party = try fields.boolean(C.partyMember.rawValue, required: false)
        let commute = try nonNegative(fields, C.commuteMinutes, atMost: PlausibleMaximum.commuteMinutes)
        let weight =
            try fields.decimal(C.weight.rawValue, required: false, rule: "greater than 0 and at most 1,000,000,000") {
                $0 > 0 && $0 <= Self.maxWeight
            } ?? 1
        let stratum = try fields.text(C.stratum.rawValue, required: false) ?? districtName
        let psu = try fields.text(C.psu.rawValue, required: false) ?? enterpriseID
        let fpc = try fields.decimal(C.fpc.rawValue, required: false, rule: "greater than 0 and at most 1,000,000,000")
        {
            $0 > 0 && $0 <= PlausibleMaximum.fpc
        }
        return WorkerRecord(
            year: year, workerID: workerID, enterpriseID: enterpriseID, district: District.code(of: districtName),
            industry: industry, employmentType: employment, sex: sex, age: age, education: UInt8(education),
            hukou: hukou, migrant: migrant, skillLevel: UInt8(skill), title: UInt8(title), monthlyWage: wage,
            weeklyHours: hours, trained: trained, trainingHours: trainingHours, trainingSubsidy: subsidy,
            apprentice: apprentice, newCertificate: certificate, housingFund: housing, socialInsurance: insurance,
            laborContract: contract, unionMember: union, partyMember: party, commuteMinutes: commute,
            weight: weight, stratum: stratum, psu: psu, fpc: fpc)
    }

    static var columnsWithOther: [String] { ["district"] }

    func countMappedToOther(_ row: WorkerRecord, into counts: inout [String: Int]) {
        if row.district == District.other { counts["district", default: 0] += 1 }
    }

    func duplicateKey(_ row: WorkerRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: row.workerID)
    }

    private func industryCode(_ fields: FieldReader) throws(RowIssue) -> UInt8 {
        let column = WorkerColumn.industry.rawValue
        let field = fields.bytes(column)
        if field.isEmpty { throw fields.issue(column, "missing value", "industry is required but empty") }
        guard field.count == 1, let code = Industry.code(ofASCII: field[0]) else {
            throw fields.issue(
                column, "unknown code",
                "industry = \"\(fields.shown(column))\" is not a GB/T 4754-2017 section letter A–T")
        }
        return code
    }

    private func nonNegative(_ fields: FieldReader, _ column: WorkerColumn, atMost maximum: Double) throws(RowIssue)
        -> Double?
    {
        try fields.decimal(column.rawValue, required: false, rule: "between 0 and \(FieldReader.plain(maximum))") {
            $0 >= 0 && $0 <= maximum
        }
    }
}
