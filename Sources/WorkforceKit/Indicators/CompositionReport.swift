/// Section 1 of INDICATORS.md — composition （一）（二）: weighted headcount and share per domain and year.
///
/// share = Σ w over the domain / Σ w over the scope: the ratio estimator of
/// the proportion of the scope's workers that fall in the domain.
public enum CompositionReport {
    static let clause = "（一）（二）"

    public static func build(_ totals: DomainTotals, disclosure: DisclosurePolicy) -> ReportTable {
        var table = ReportTable(name: "composition", columns: EstimateRow.columns)
        for year in totals.years {
            for scope in Scope.allCases {
                let scopeWeight = totals[year, Domain(scope: scope, by: .all, value: 0)].weight
                guard scopeWeight > 0 else { continue }
                for by in ByVariable.allCases {
                    for value in 0..<by.cardinality {
                        let domain = Domain(scope: scope, by: by, value: value)
                        let cell = totals[year, domain]
                        guard cell.n > 0 else { continue }
                        table.append(EstimateRow.make(
                            year: year, domain: domain, indicator: "headcount", n: cell.n, estimate: cell.weight,
                            clause: clause, disclosure: disclosure))
                        table.append(EstimateRow.make(
                            year: year, domain: domain, indicator: "share", n: cell.n,
                            estimate: cell.weight / scopeWeight, clause: clause, disclosure: disclosure))
                    }
                }
            }
        }
        return table
    }
}
