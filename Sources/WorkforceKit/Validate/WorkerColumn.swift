/// Positions of the workers columns in `TableSchemas.workers`.
enum WorkerColumn: Int, CaseIterable {
    case year, workerID, enterpriseID, district, industry, employmentType, sex, age, education, hukou
    case migrant, skillLevel, title, monthlyWage, weeklyHours, trained, trainingHours, trainingSubsidy
    case apprentice, newCertificate, housingFund, socialInsurance, laborContract, unionMember, partyMember
    case commuteMinutes, weight, stratum, psu, fpc
}
