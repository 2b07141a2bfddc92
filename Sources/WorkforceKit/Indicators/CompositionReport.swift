/// Section 1 of docs/indicators.md — composition （一）（二）: weighted headcount and share per domain and year.
///
/// headcount = Σ w over the domain (R `svytotal`); share = Σ w over the domain
/// / Σ w over the scope (R `svymean(~factor(by))` within the scope), both with
/// linearised standard errors; the share also with its design effect. Both come
/// from the design cells' summaries (`DomainCells`).
public enum CompositionReport {
    static let clause = "（一）（二）"

    /// The report, blocks in (year, scope, by-variable, value) order.
    public static func build(_ cells: DomainCells, disclosure: DisclosurePolicy) -> ReportTable {
        var table = ReportTable(name: "composition", columns: EstimateRow.columns)
        for year in cells.years {
            for (scope, by) in DomainBlocks.all(scopes: cells.scopes, breakdowns: cells.breakdowns) {
                for value in 0..<by.cardinality {
                    let domain = Domain(scope: scope, by: by, value: value)
                    let summary = cells[year, domain]
                    guard summary.rows > 0 else { continue }
                    table.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: "headcount", estimate: summary.headcount,
                            clause: clause, disclosure: disclosure))
                    table.append(
                        EstimateRow.make(
                            year: year, domain: domain, indicator: "share", estimate: summary.share, clause: clause,
                            disclosure: disclosure))
                }
            }
        }
        return ComplementarySuppression.apply(to: table, suppressBelow: disclosure.suppressBelow)
    }
}
