/// Builds long-form reports of `RowMeasure`s for every (year, scope, by, domain), with SEs and gaps.
///
/// Several reports (training and coverage) are built together: one pass per block gathers
/// every measure of all of them (`MeasureEstimates`). A gap row (`<indicator>_gap`) is the
/// group's estimate minus the reference group's — regular workers for employment_type,
/// local for hukou, non-migrant for migrant — in the units of the estimate (rate points
/// for rates), with the SE of the difference from the same linearisation.
enum DomainRateReport {
    /// One report: its name, policy clause and measures.
    struct Spec: Sendable {
        let name: String
        let clause: String
        let measures: [RowMeasure]
    }

    /// The reports of `specs`, in their order.
    static func build(
        _ specs: [Spec], accumulator: WorkerAccumulator, cells: DomainCells,
        estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> [ReportTable] {
        var tables = specs.map { ReportTable(name: $0.name, columns: EstimateRow.columns) }
        let measures = specs.flatMap(\.measures)
        // Report of each measure.
        let reportOf = specs.indices.flatMap { report in specs[report].measures.map { _ in report } }
        for year in accumulator.samples.keys.sorted() {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let blocks = try DomainBlocks.mapBothScopes(jobs: jobs) { by throws(DesignError) in
                let scopes = Scope.allCases
                let cardinality = by.cardinality
                // Per scope, per report: its rows.
                var rows = [[[[ReportCell]]]](
                    repeating: [[[ReportCell]]](repeating: [], count: specs.count), count: scopes.count)
                // Each scope's reference group (value 0) comes first; its linearised measures serve every gap.
                var reference = [[Linearized?]](repeating: [], count: scopes.count)
                try MeasureEstimates.forEach(
                    samples, measures: measures, scopes: scopes, by: by,
                    expected: scopes.flatMap { cells.psuCounts(year: year, scope: $0, by: by) }
                ) { domain throws(DesignError) in
                    let scope = domain.value / cardinality
                    let value = domain.value % cardinality
                    let at = Domain(scope: scopes[scope], by: by, value: value)
                    for (m, measure) in measures.enumerated() {
                        guard let part = domain.parts[m] else { continue }
                        let clause = specs[reportOf[m]].clause
                        rows[scope][reportOf[m]].append(
                            EstimateRow.make(
                                year: year, domain: at, indicator: measure.indicator,
                                estimate: try estimator.estimate(part, deviations: domain.deviations[m]),
                                clause: clause, disclosure: disclosure))
                        if measure.reportsGap, let referenceValue = referenceValue(by), value != referenceValue,
                            m < reference[scope].count, let base = reference[scope][m]
                        {
                            rows[scope][reportOf[m]].append(
                                EstimateRow.make(
                                    year: year, domain: at, indicator: measure.indicator + "_gap",
                                    estimate: try estimator.estimate(part.minus(base)), clause: clause,
                                    disclosure: disclosure))
                        }
                    }
                    if value == referenceValue(by) { reference[scope] = domain.parts }
                }
                return rows
            }
            for block in blocks {
                for (report, rows) in block.enumerated() {
                    for row in rows { tables[report].append(row) }
                }
            }
        }
        return tables
    }

    /// The reference group of a by-variable for gaps: regular, local, non-migrant.
    static func referenceValue(_ by: ByVariable) -> Int? {
        switch by {
        case .employmentType, .hukou, .migrant: 0
        default: nil
        }
    }
}
