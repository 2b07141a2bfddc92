/// One accepted row of workers.csv, every field typed and checked against the contract.
public struct WorkerRecord: Sendable, Equatable {
    public var year: Int
    public var workerID: String
    public var enterpriseID: String
    /// District code (`District`), 16 = other.
    public var district: UInt8
    /// Industry section code 0–19 (A–T).
    public var industry: UInt8
    /// `WorkerCodes.employmentTypes` code.
    public var employmentType: UInt8
    /// `WorkerCodes.sexes` code.
    public var sex: UInt8
    public var age: Int
    public var education: UInt8
    /// `WorkerCodes.hukou` code.
    public var hukou: UInt8
    public var migrant: Bool
    public var skillLevel: UInt8
    public var title: UInt8
    public var monthlyWage: Double
    public var weeklyHours: Double?
    public var trained: Bool
    public var trainingHours: Double
    public var trainingSubsidy: Double
    public var apprentice: Bool
    public var newCertificate: Bool
    public var housingFund: Bool
    public var socialInsurance: Bool
    public var laborContract: Bool
    public var unionMember: Bool?
    public var partyMember: Bool?
    public var commuteMinutes: Double?
    public var weight: Double
    /// Sampling stratum; the district name when the column is absent or blank.
    public var stratum: String
    /// Primary sampling unit; the enterprise id when the column is absent or blank.
    public var psu: String
    public var fpc: Double?
}

/// Positions of the workers columns in `TableSchemas.workers`.
enum WorkerColumn: Int, CaseIterable {
    case year, workerID, enterpriseID, district, industry, employmentType, sex, age, education, hukou
    case migrant, skillLevel, title, monthlyWage, weeklyHours, trained, trainingHours, trainingSubsidy
    case apprentice, newCertificate, housingFund, socialInsurance, laborContract, unionMember, partyMember
    case commuteMinutes, weight, stratum, psu, fpc
}
