/// Long-form reports of requests for every (year, scope, by, domain), with SEs and gaps.
///
/// Several reports (training, coverage, the plan's rates, means, quantiles, ratios and totals)
/// declare their requests, which the estimation planner runs with the wages report's. A gap row
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

    /// Appends to `tables` (one per spec, in their order) the rows of `estimates` whose requests
    /// are the specs' — the specs' requests one after the other from request `first` on.
    static func append(
        _ estimates: EstimateTable, specs: [Spec], first: Int, disclosure: DisclosurePolicy,
        to tables: inout [ReportTable]
    ) {
        let requests = specs.flatMap(\.requests)
        let clauses = specs.flatMap(\.clauses)
        let reportOf = specs.indices.flatMap { report in specs[report].requests.map { _ in report } }
        for row in estimates.rows where requests.indices.contains(row.request - first) {
            let r = row.request - first
            tables[reportOf[r]].append(
                EstimateRow.make(
                    year: row.year, domain: row.domain, indicator: requests[r].indicator, estimate: row.estimate,
                    clause: clauses[r], disclosure: disclosure))
        }
    }
}
