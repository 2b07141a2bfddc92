/// Section 1 of INDICATORS.md — composition （一）（二）: weighted headcount and share per domain and year.
///
/// headcount = Σ w over the domain (R `svytotal`); share = Σ w over the domain
/// / Σ w over the scope (R `svymean(~factor(by))` within the scope), both with
/// linearised standard errors; the share also with its design effect.
public enum CompositionReport {
    static let clause = "（一）（二）"

    /// The report; each (scope, by-variable) block on its own thread when `jobs` > 1, appended in a fixed order.
    public static func build(
        _ cells: DomainCells, estimators: [Int: DesignEstimator], disclosure: DisclosurePolicy, jobs: Int = 1
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "composition", columns: EstimateRow.columns)
        for year in cells.years {
            guard let estimator = estimators[year] else { continue }
            let rows = try DomainBlocks.rows(jobs: jobs) { scope, by throws(DesignError) in
                let scopeCells = cells[year, Domain(scope: scope, by: .all, value: 0)]
                guard scopeCells.total.weight > 0 else { return [] }
                var rows: [[ReportCell]] = []
                for value in 0..<by.cardinality {
                    let domain = Domain(scope: scope, by: by, value: value)
                    let domainCells = cells[year, domain]
                    guard domainCells.total.n > 0 else { continue }
                    rows.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: "headcount",
                            estimate: try estimator.totalWeight(domainCells), clause: clause,
                            disclosure: disclosure))
                    rows.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: "share",
                            estimate: try estimator.share(domainCells, of: scopeCells), clause: clause,
                            disclosure: disclosure))
                }
                return rows
            }
            for row in rows { table.append(row) }
        }
        return ComplementarySuppression.apply(to: table, suppressBelow: disclosure.suppressBelow)
    }
}
