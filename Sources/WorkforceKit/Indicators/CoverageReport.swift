/// Section 7 of docs/indicators.md — coverage of rights and services （十九）（二十三）（二十四）, per domain and year.
///
/// housing_fund_rate, social_insurance_rate, labor_contract_rate,
/// union_membership_rate (among workers whose membership is given), each with
/// the gap of nonlocal, migrant, dispatch and outsourced workers to the
/// reference group; mean_commute_minutes (among workers who gave it), which
/// the `district` domains break down by district.
enum CoverageReport {
    static let clause = "（十九）（二十三）（二十四）"

    static let measures: [RowMeasure] = [
        .flag("housing_fund_rate", WorkerFlags.housingFund),
        .flag("social_insurance_rate", WorkerFlags.socialInsurance),
        .flag("labor_contract_rate", WorkerFlags.laborContract),
        .flag("union_membership_rate", WorkerFlags.unionMember, requires: WorkerFlags.unionKnown),
        RowMeasure("mean_commute_minutes", .column(.commuteMinutes)),
    ]

    /// The report's name, clause and measures, built with the others by `DomainRateReport`.
    static let spec = DomainRateReport.Spec(name: "coverage", clause: clause, measures: measures)
}
