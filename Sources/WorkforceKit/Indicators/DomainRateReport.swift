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
        /// A clause per measure, in place of `clause` (a plan's rates each name theirs).
        var clauses: [String]? = nil

        /// The clause of measure `index`.
        func clause(of index: Int) -> String { clauses?[index] ?? clause }
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
        // Each measure's clause: its report's, or its own (a plan's rate).
        let clauses = specs.flatMap { spec in spec.measures.indices.map { spec.clause(of: $0) } }
        for year in accumulator.samples.keys.sorted() {
            guard let samples = accumulator.samples[year], let estimator = estimators[year] else { continue }
            let blocks = try DomainBlocks.map(jobs: jobs, scopes: cells.scopes, breakdowns: cells.breakdowns) {
                scope, by throws(DesignError) in
                var rows = [[[ReportCell]]](repeating: [], count: specs.count)
                // The reference group (value 0) comes first; its linearised measures serve every gap.
                var reference: [Linearized?] = []
                try MeasureEstimates.forEach(
                    samples, measures: measures, scope: scope, by: by,
                    expected: cells.psuCounts(year: year, scope: scope, by: by)
                ) { domain throws(DesignError) in
                    let value = domain.value
                    let at = Domain(scope: scope, by: by, value: value)
                    for (m, measure) in measures.enumerated() {
                        guard let part = domain.parts[m] else { continue }
                        let clause = clauses[m]
                        rows[reportOf[m]].append(
                            EstimateRow.make(
                                year: year, domain: at, indicator: measure.indicator,
                                estimate: try estimator.estimate(part, deviations: domain.deviations[m]),
                                clause: clause, disclosure: disclosure))
                        if measure.reportsGap, let referenceValue = referenceValue(by), value != referenceValue,
                            m < reference.count, let base = reference[m]
                        {
                            rows[reportOf[m]].append(
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
