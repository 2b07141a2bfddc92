/// Builds a long-form report of `RowMeasure`s for every (year, scope, by, domain), with SEs and gaps.
///
/// A gap row (`<indicator>_gap`) is the group's estimate minus the reference
/// group's — regular workers for employment_type, local for hukou, non-migrant
/// for migrant — in the units of the estimate (rate points for rates), with
/// the SE of the difference from the same linearisation.
enum DomainRateReport {
    static func build(
        name: String, clause: String, measures: [RowMeasure], accumulator: WorkerAccumulator, cells: DomainCells,
        estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: name, columns: EstimateRow.columns)
        for year in accumulator.samples.keys.sorted() {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let rows = try DomainBlocks.rows(jobs: jobs) { scope, by throws(DesignError) in
                var rows: [[ReportCell]] = []
                // The reference group (value 0) comes first; its linearised measures serve every gap.
                var reference: [Linearized?] = []
                let domains = MeasureEstimates.gather(
                    samples, measures: measures, scope: scope, by: by,
                    expected: cells.psuCounts(year: year, scope: scope, by: by))
                for domain in domains {
                    let value = domain.value
                    let at = Domain(scope: scope, by: by, value: value)
                    for (m, measure) in measures.enumerated() {
                        guard let part = domain.parts[m] else { continue }
                        rows.append(
                            EstimateRow.make(
                                year: year, domain: at, indicator: measure.indicator,
                                estimate: try estimator.estimate(part, deviations: domain.deviations[m]),
                                clause: clause, disclosure: disclosure))
                        if measure.reportsGap, let referenceValue = referenceValue(by), value != referenceValue,
                            m < reference.count, let base = reference[m]
                        {
                            rows.append(
                                EstimateRow.make(
                                    year: year, domain: at, indicator: measure.indicator + "_gap",
                                    estimate: try estimator.estimate(part.minus(base)), clause: clause,
                                    disclosure: disclosure))
                        }
                    }
                    if value == referenceValue(by) { reference = domain.parts }
                }
                return rows
            }
            for row in rows { table.append(row) }
        }
        return table
    }

    /// The reference group of a by-variable for gaps: regular, local, non-migrant.
    static func referenceValue(_ by: ByVariable) -> Int? {
        switch by {
        case .employmentType, .hukou, .migrant: 0
        default: nil
        }
    }
}
