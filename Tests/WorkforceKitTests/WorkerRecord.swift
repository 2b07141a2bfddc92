@testable import WorkforceKit

/// One worker row written out field by field: tests build waves from these and compute the
/// expected estimates from them, independently of how validation writes its columns.
struct WorkerRecord: Sendable, Equatable {
    var year: Int
    var workerID: String
    var enterpriseID: String
    /// District code (`District`), 16 = other.
    var district: UInt8
    /// Industry section code 0–19 (A–T).
    var industry: UInt8
    /// `WorkerCodes.employmentTypes` code.
    var employmentType: UInt8
    /// `WorkerCodes.sexes` code.
    var sex: UInt8
    var age: Int
    var education: UInt8
    /// `WorkerCodes.hukou` code.
    var hukou: UInt8
    var migrant: Bool
    var skillLevel: UInt8
    var title: UInt8
    var monthlyWage: Double
    var weeklyHours: Double?
    var trained: Bool
    var trainingHours: Double
    var trainingSubsidy: Double
    var apprentice: Bool
    var newCertificate: Bool
    var housingFund: Bool
    var socialInsurance: Bool
    var laborContract: Bool
    var unionMember: Bool?
    var partyMember: Bool?
    var commuteMinutes: Double?
    var weight: Double
    /// Sampling stratum; the district name when the column is absent or blank.
    var stratum: String
    /// Primary sampling unit; the enterprise id when the column is absent or blank.
    var psu: String
    var fpc: Double?
}

extension WorkerCodesPacked {
    init(_ row: WorkerRecord, industrialScope: Set<UInt8>, sizeBand: Int = EnterpriseSize.unknown) {
        self.init(
            industry: row.industry, district: row.district, employmentType: row.employmentType,
            skillLevel: row.skillLevel, education: row.education, sex: row.sex, hukou: row.hukou,
            migrant: row.migrant, age: row.age, inIndustrialScope: industrialScope.contains(row.industry),
            weeklyHours: row.weeklyHours, title: row.title, sizeBand: sizeBand)
    }
}

extension WageSamples {
    /// Appends `row` in PSU number `psu`, as validation would write it.
    mutating func append(_ row: WorkerRecord, psu: Int32, codes: WorkerCodesPacked) {
        var batch = WorkerBatch()
        batch.years.append(Int16(row.year))
        batch.keys.append(DuplicateKey(year: row.year, id: row.workerID).fingerprint)
        batch.wages.append(row.monthlyWage)
        batch.weights.append(row.weight)
        batch.psus.append(0)
        batch.fpcs.append(row.fpc ?? .nan)
        batch.codes.append(codes)
        batch.flags.append(
            WorkerFlags(
                trained: row.trained, housingFund: row.housingFund, socialInsurance: row.socialInsurance,
                laborContract: row.laborContract, unionMember: row.unionMember, apprentice: row.apprentice,
                newCertificate: row.newCertificate, partyMember: row.partyMember,
                commuteKnown: row.commuteMinutes != nil
            ).bits)
        batch.trainingHours.append(Float(row.trainingHours))
        batch.trainingSubsidy.append(Float(row.trainingSubsidy))
        batch.commuteMinutes.append(row.commuteMinutes.map(Float.init) ?? .nan)
        append(batch, rows: 0..<1, psuMap: [psu])
    }
}
