/// Section 5 of INDICATORS.md — training （八）–（十一）（十七）, per domain and year.
///
/// share_trained; mean_training_hours (all workers) and among the trained;
/// subsidy_per_trainee = Σ w·subsidy / Σ w·trained; apprenticeship_share;
/// new_certificate_share; gaps of dispatch/outsourced/flexible, nonlocal and
/// migrant workers to regular, local and non-migrant ones. Training by
/// enterprise size band is the `enterprise_size` domain (joined from enterprises.csv).
enum TrainingReport {
    static let clause = "（八）（九）（十）（十一）（十七）"

    static let measures: [RowMeasure] = [
        .flag("share_trained", WorkerFlags.trained),
        RowMeasure("mean_training_hours") { samples, row in Double(samples.trainingHours[row]) },
        RowMeasure("mean_training_hours_trained") { samples, row in
            samples.flags[row] & WorkerFlags.trained != 0 ? Double(samples.trainingHours[row]) : nil
        },
        RowMeasure(
            "subsidy_per_trainee", numerator: { samples, row in Double(samples.trainingSubsidy[row]) },
            denominator: { samples, row in samples.flags[row] & WorkerFlags.trained != 0 ? 1 : 0 }),
        .flag("apprenticeship_share", WorkerFlags.apprentice, gap: false),
        .flag("new_certificate_share", WorkerFlags.newCertificate, gap: false),
    ]

    static func build(
        _ accumulator: WorkerAccumulator, estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> ReportTable {
        try DomainRateReport.build(
            name: "training", clause: clause, measures: measures, accumulator: accumulator, estimators: estimators,
            disclosure: disclosure, jobs: jobs)
    }
}
