import TOMLKit

/// `[ratios.<code>]`: the ratio of two numeric columns' totals, Σ w·numerator / Σ w·denominator,
/// among workers who give both, per domain (R `svyratio`), published in ratios.csv.
extension PlanStatisticKind {
    static let ratios = PlanStatisticKind(
        section: "ratios", chineseSheetName: "自定义比率", keys: ["numerator", "denominator"],
        example: """
            # Ratios of two columns' totals, published in ratios.csv for every domain with their SEs
            # (among workers who give both columns), e.g.
            # [ratios.subsidy_per_training_hour]
            # numerator = "training_subsidy"
            # denominator = "training_hours"
            # en = "Training subsidy per training hour"
            # zh = "每培训学时补贴"
            """
    ) { value, code, table, section, lines, extras throws(PlanError) in
        let numerator = try value.measuredColumn(table, "numerator", section: section, lines: lines, extras: &extras)
        let denominator = try value.measuredColumn(
            table, "denominator", section: section, lines: lines, extras: &extras)
        guard numerator.0 != denominator.0 else {
            throw PlanError(
                file: value.file, line: lines.line(section, "denominator") ?? value.line,
                message: "\(section) divides \(numerator.0) by itself", fix: "name two different columns")
        }
        let measure = RowMeasure(code, .column(numerator.1), over: denominator.1)
        return ("", .ratio(measure))
    }
}

/// `[totals.<code>]`: a numeric column's population total, Σ w·column among workers who give it,
/// per domain (R `svytotal`), published in totals.csv.
extension PlanStatisticKind {
    static let totals = PlanStatisticKind(
        section: "totals", chineseSheetName: "自定义总量", keys: ["column"],
        example: """
            # Population totals of a column, published in totals.csv for every domain with their
            # SEs (among workers who give it), e.g.
            # [totals.total_training_hours]
            # column = "training_hours"
            # en = "Total training hours"
            # zh = "培训总学时"
            """
    ) {
        value, code, table, section, lines, extras throws(PlanError) in
        let (name, column) = try value.measuredColumn(table, "column", section: section, lines: lines, extras: &extras)
        return (name, .total(RowMeasure(code, .column(column))))
    }
}
