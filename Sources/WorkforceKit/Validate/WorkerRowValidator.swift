/// Checks a raw workers record and writes it into the chunk's columns (`WorkerBatch`), or says
/// which column breaks which rule.
///
/// Nothing is built per row but the columns' values: ids and names are checked on the record's
/// bytes (`FieldText`), the (year, worker_id) key is fingerprinted on them, the enterprise's size
/// band is looked up by them, and the PSU is numbered by comparing them with the previous row's.
struct WorkerRowValidator: RowValidator {
    static let table = TableKind.workers
    /// Largest monthly wage accepted: larger values are keying errors, and bound the exact sums (`ExactSum`).
    static let maxWage = 1e8
    /// Largest weight accepted: no worker stands for more people than a country.
    static let maxWeight = 1e9

    /// Employees of each (year, enterprise) in enterprises.csv: a worker's enterprise size band.
    let employees: EnterpriseSizes
    /// Bit i set for industry code i in the "industrial" scope.
    private let industrialScope: UInt32
    /// The plan's extra columns; its declared columns follow the contract's in the schema.
    let extraColumns: ExtraColumns

    init(
        employees: EnterpriseSizes = EnterpriseSizes(), industrialScope: Set<UInt8> = Industry.defaultIndustrialScope,
        extraColumns: ExtraColumns = ExtraColumns()
    ) {
        self.employees = employees
        self.industrialScope = industrialScope.reduce(0) { $0 | 1 << UInt32($1) }
        self.extraColumns = extraColumns
    }

    func makeBatch() -> WorkerBatch {
        var batch = WorkerBatch()
        batch.extraWidth = extraColumns.count
        return batch
    }

    func validate(_ fields: FieldReader, into batch: inout WorkerBatch) throws(RowIssue) {
        typealias C = WorkerColumn
        let year = try fields.integer(C.year.rawValue, 1900...2100, required: true) ?? 0
        let workerID = try fields.utf8Text(C.workerID.rawValue, required: true) ?? .empty
        let enterpriseID =
            try fields.utf8Text(C.enterpriseID.rawValue, required: true) ?? .empty
        let districtName =
            try fields.utf8Text(C.district.rawValue, required: true) ?? .empty
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
        let stratum = try fields.utf8Text(C.stratum.rawValue, required: false) ?? districtName
        let psu = try fields.utf8Text(C.psu.rawValue, required: false) ?? enterpriseID
        let fpc = try fields.decimal(C.fpc.rawValue, required: false, rule: "greater than 0 and at most 1,000,000,000")
        {
            $0 > 0 && $0 <= PlausibleMaximum.fpc
        }
        if !extraColumns.isEmpty {
            try appendExtras(
                fields, numbers: (age, hours, trainingHours, subsidy, commute), into: &batch)
        }
        // Every rule holds: the row is accepted into the chunk's columns.
        let employees = enterpriseID.withUTF8 { self.employees[year: year, utf8: $0] }
        let district = districtName.withUTF8(District.code(ofUTF8:))
        batch.years.append(Int16(year))
        batch.keys.append(workerID.withUTF8 { DuplicateKey.fingerprint(year: year, id: $0) })
        batch.wages.append(wage)
        batch.weights.append(weight)
        batch.psus.append(batch.psuTable.number(stratum: stratum, psu: psu, fpc: fpc))
        batch.fpcs.append(fpc ?? .nan)
        batch.codes.append(
            WorkerCodesPacked(
                industry: industry, district: district, employmentType: employment, skillLevel: UInt8(skill),
                education: UInt8(education), sex: sex, hukou: hukou, migrant: migrant, age: age,
                inIndustrialScope: industrialScope >> UInt32(industry) & 1 == 1, weeklyHours: hours,
                title: UInt8(title),
                sizeBand: employees.map { EnterpriseSize.band(employees: $0) } ?? EnterpriseSize.unknown))
        batch.flags.append(
            WorkerFlags(
                trained: trained, housingFund: housing, socialInsurance: insurance, laborContract: contract,
                unionMember: union, apprentice: apprentice, newCertificate: certificate, partyMember: party,
                commuteKnown: commute != nil
            ).bits)
        batch.trainingHours.append(Float(trainingHours))
        batch.trainingSubsidy.append(Float(subsidy))
        batch.commuteMinutes.append(commute.map(Float.init) ?? .nan)
    }

    static var columnsWithOther: [String] { ["district"] }

    /// Appends the row's values of the plan's extra columns, or none of them when one breaks its rule.
    /// `numbers`: the row's age, weekly hours, training hours, training subsidy and commute.
    private func appendExtras(
        _ fields: FieldReader, numbers: (Int, Double?, Double, Double, Double?), into batch: inout WorkerBatch
    ) throws(RowIssue) {
        let start = batch.extras.count
        var declared = WorkerColumn.allCases.count
        do {
            for source in extraColumns.sources {
                switch source {
                case .declared(let column):
                    batch.extras.append(try column.value(fields, column: declared))
                    declared += 1
                case .age: batch.extras.append(Double(numbers.0))
                case .weeklyHours: batch.extras.append(numbers.1 ?? .nan)
                case .trainingHours: batch.extras.append(numbers.2)
                case .trainingSubsidy: batch.extras.append(numbers.3)
                case .commuteMinutes: batch.extras.append(numbers.4 ?? .nan)
                }
            }
        } catch {
            batch.extras.removeSubrange(start...)
            throw error
        }
    }

    func duplicateKey(_ fields: FieldReader) throws(RowIssue) -> DuplicateKey? {
        let year = try fields.integer(WorkerColumn.year.rawValue, 1900...2100, required: true) ?? 0
        return DuplicateKey(year: year, id: try fields.text(WorkerColumn.workerID.rawValue, required: true) ?? "")
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
