/// Number formats of the workbook's cells, chosen by column and by the row's indicator unit.
///
/// A report in long form mixes units row by row (a wage, then a rate), so `estimate`,
/// `se`, `ci_low`, `ci_high`, `target` and `actual` take the format of the row's unit
/// (`IndicatorCatalog`): CNY with thousands separators and no decimals, fractions as
/// percentages with one decimal, differences of fractions signed; an SE carries one more
/// decimal than its estimate. Years print without separators, row counts with them.
/// The CSV reports are untouched: formats change how a number is shown, never its value.
enum WorkbookFormats {
    /// Custom number format codes, numbered from 164 in styles.xml (below are built-in formats).
    static let codes = [
        "0", "#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "0.0%", "0.00%", "+0.0%;-0.0%;0.0%", "+0.00;-0.00;0.00",
        "0.0", "0.00", "0.000", "0.0000",
    ]

    /// Cell styles before the number formats: 0 plain, 1 header, 2 text with quotePrefix.
    static let firstNumberStyle = 3
    /// The same number formats shaded (amber), for the cells of a `low_n` row; then a shaded plain style.
    static var firstLowNStyle: Int { firstNumberStyle + codes.count }
    static var lowNPlainStyle: Int { firstLowNStyle + codes.count }

    /// The style index of format `code` (one of `codes`).
    static func style(_ code: String) -> Int {
        guard let index = codes.firstIndex(of: code) else { preconditionFailure("unknown number format \(code)") }
        return firstNumberStyle + index
    }

    /// Formats of an estimate and of its standard error in `unit`.
    static func formats(_ unit: IndicatorUnit) -> (estimate: String, se: String) {
        switch unit {
        case .yuan: ("#,##0", "#,##0.0")
        case .tenThousandYuan: ("#,##0.00", "#,##0.000")
        case .fraction: ("0.0%", "0.00%")
        case .fractionDifference: ("+0.0%;-0.0%;0.0%", "0.00%")
        case .percentagePoints: ("+0.00;-0.00;0.00", "0.000")
        case .percent, .hours, .minutes: ("0.0", "0.00")
        case .ratio: ("0.000", "0.0000")
        case .weightedPersons, .count: ("#,##0", "#,##0")
        case .perThousandEmployees: ("0.00", "0.000")
        case .skillLevel, .yesNo, .stepVerdict: ("0", "0")
        }
    }

    /// For a table, the style of each numeric cell: `style(row, column)`, nil for the default.
    /// An indicator's unit is the catalog's; for a survey plan's own (its rates, means and
    /// quantiles) it is read from the row's `unit_en` when that names a unit of the catalog.
    static func styler(_ table: ReportTable) -> (_ row: [ReportCell], _ column: Int) -> Int? {
        let formatted = unshadedStyler(table)
        guard let flag = table.columns.firstIndex(of: "flag") else { return formatted }
        // A row flagged low_n is shaded across, its numbers keeping their formats (the README sheet's legend).
        return { row, column in
            let style = formatted(row, column)
            guard case .text(let text) = row[flag], text.contains("low_n") else { return style }
            guard let style, style >= firstNumberStyle, style < firstLowNStyle else { return lowNPlainStyle }
            return style - firstNumberStyle + firstLowNStyle
        }
    }

    private static func unshadedStyler(_ table: ReportTable) -> (_ row: [ReportCell], _ column: Int) -> Int? {
        let indicator = table.columns.firstIndex(of: "indicator")
        let unitColumn = table.columns.firstIndex(of: "unit_en")
        let chineseUnit = table.columns.firstIndex(of: "unit_zh")
        let roles: [Role?] = table.columns.map(Role.init(column:))
        // Per indicator, every column's style is worked out once (a report has ~100 indicators
        // and tens of thousands of rows), not once per cell.
        var known: [String: [Int?]] = [:]
        func styles(for unit: IndicatorUnit?) -> [Int?] {
            roles.map { role in role.flatMap { $0.format(unit: unit) }.map(style) }
        }
        let withoutUnit = styles(for: nil)
        return { row, column in
            guard let indicator, case .text(let code) = row[indicator] else { return withoutUnit[column] }
            if let styles = known[code] { return styles[column] }
            var unit = IndicatorCatalog.entry(code)?.unit
            if unit == nil, let unitColumn, case .text(let english) = row[unitColumn] {
                unit = IndicatorUnit.allCases.first { $0.english == english }
            }
            // A Chinese workbook's sheet keeps the unit in Chinese only.
            if unit == nil, let chineseUnit, case .text(let chinese) = row[chineseUnit] {
                unit = IndicatorUnit.allCases.first { $0.chinese == chinese }
            }
            let computed = styles(for: unit)
            known[code] = computed
            return computed[column]
        }
    }

    /// What a column holds, for its format.
    enum Role {
        case year, rows, value, standardError, designEffect, progress

        init?(column: String) {
            switch column {
            case "year", "base_year", "due_year", "actual_year", "met_year": self = .year
            case "n": self = .rows
            case "estimate", "ci_low", "ci_high", "target", "actual", "actual_due", "ci_low_due", "ci_high_due":
                self = .value
            case "se", "se_due": self = .standardError
            case "deff": self = .designEffect
            case "progress", "progress_due": self = .progress
            default: return nil
            }
        }

        /// The format code, or nil for the default (a value whose unit is not known).
        func format(unit: IndicatorUnit?) -> String? {
            switch self {
            case .year: "0"
            case .rows: "#,##0"
            case .designEffect: "0.00"
            case .progress: "0.0%"
            case .value: unit.map { WorkbookFormats.formats($0).estimate }
            case .standardError: unit.map { WorkbookFormats.formats($0).se }
            }
        }
    }
}
