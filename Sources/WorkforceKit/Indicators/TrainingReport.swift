/// Section 5 of docs/indicators.md — training （八）–（十一）（十七）, per domain and year.
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
        RowMeasure("mean_training_hours", .column(.trainingHours)),
        RowMeasure("mean_training_hours_trained", .column(.trainingHours), requires: WorkerFlags.trained),
        RowMeasure("subsidy_per_trainee", .column(.trainingSubsidy), per: WorkerFlags.trained),
        .flag("apprenticeship_share", WorkerFlags.apprentice, gap: false),
        .flag("new_certificate_share", WorkerFlags.newCertificate, gap: false),
    ]

    /// The report's name, clause and measures, built with the others by `DomainRateReport`.
    static let spec = DomainRateReport.Spec(name: "training", clause: clause, measures: measures)
}
