/// Long-form reports of requests for every (year, scope, by, domain), with SEs and gaps.
///
/// Several reports (training, coverage, the plan's rates, means, ratios and totals) declare
/// their requests together and the estimation planner runs them all at once. A gap row
/// (`<indicator>_gap`) is the group's estimate minus the reference group's — regular workers
/// for employment_type, local for hukou, non-migrant for migrant — in the units of the
/// estimate (rate points for rates), with the SE of the difference from the same linearisation.
enum DomainRateReport {
    /// One report: its name, and the requests it publishes with each one's policy clause.
    struct Spec: Sendable {
        let name: String
        let requests: [Request]
        let clauses: [String]

        /// A report of measures under one clause: each measure's ratio, then its gap where it reports one.
        init(name: String, clause: String, measures: [RowMeasure]) {
            self.name = name
            requests = measures.flatMap(\.requests)
            clauses = requests.map { _ in clause }
        }

        /// A report of requests, each with its own clause (a plan's statistics name theirs).
        init(name: String, requests: [Request], clauses: [String]) {
            self.name = name
            self.requests = requests
            self.clauses = clauses
        }
    }

    /// The reports of `specs`, in their order, from one run of the estimation planner.
    static func build(
        _ specs: [Spec], waves: [Wave], cells: DomainCells, disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> [ReportTable] {
        var tables = specs.map { ReportTable(name: $0.name, columns: EstimateRow.columns) }
        let requests = specs.flatMap(\.requests)
        let clauses = specs.flatMap(\.clauses)
        let reportOf = specs.indices.flatMap { report in specs[report].requests.map { _ in report } }
        let estimates = try EstimationPlanner.estimate(
            requests, waves: waves, scopes: cells.scopes, breakdowns: cells.breakdowns, jobs: jobs,
            psuCounts: { year, scope, by in cells.psuCounts(year: year, scope: scope, by: by) })
        for row in estimates.rows {
            tables[reportOf[row.request]].append(
                EstimateRow.make(
                    year: row.year, domain: row.domain, indicator: requests[row.request].indicator,
                    estimate: row.estimate, clause: clauses[row.request], disclosure: disclosure))
        }
        return tables
    }
}
