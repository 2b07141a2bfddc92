import Foundation
import TOMLKit

/// A plan's `[means.<code>]` and `[quantiles.<code>]` sections: summaries of numeric columns.
extension PlanValue {
    /// Most means a plan defines.
    static let maxMeans = 40

    /// `[means.<code>]`: the mean of a numeric column.
    func mean(code: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError) -> MeanIndicator {
        let section = "means.\(code)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a mean's code is lower-case letters, digits and _, e.g. mean_overtime_hours")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the mean a code of its own")
        }
        let table = try entries(section, "column, en and zh")
        try onlyKeys(table, ["column", "en", "zh", "unit", "clause"], section: section, lines: lines, kind: "a mean")
        let (columnName, column) = try measuredColumn(table, section: section, lines: lines, extras: &extras)
        let (label, unit) = try nameAndUnit(table, of: columnName, section: section, lines: lines, extras: extras)
        return MeanIndicator(
            code: code, label: label, column: column, unit: unit,
            clause: table["clause"]?.string ?? "")
    }

    /// A mean's or quantile list's `column`: a numeric column, not a yes/no one (with `keptWhole`
    /// as `numericColumn`).
    func measuredColumn(
        _ table: TOMLTable, _ key: String = "column", section: String, lines: PlanKeyLines,
        extras: inout ExtraColumns, keptWhole: Bool = false
    ) throws(PlanError) -> (String, WaveColumn) {
        let name = try text(table, key, "the column it summarises", section: section, lines: lines)
        let column = try PlanValue(
            value: table[key] ?? "", key: "\(section).\(key)", file: file,
            line: lines.line(section, key) ?? line
        ).numericColumn(name, extras: &extras, flags: false, keptWhole: keptWhole)
        return (name, column)
    }

    /// A measure's `en` and `zh` names, and its `unit` (else the column's own).
    func nameAndUnit(
        _ table: TOMLTable, of columnName: String, section: String, lines: PlanKeyLines, extras: ExtraColumns
    ) throws(PlanError) -> (IndicatorLabel, IndicatorLabel) {
        let label = IndicatorLabel(
            english: try text(table, "en", "its English name", section: section, lines: lines),
            chinese: try text(table, "zh", "its Chinese name", section: section, lines: lines))
        guard let given = table["unit"] else {
            // A ratio of two columns names no column of its own: its unit is a ratio's.
            guard !columnName.isEmpty else { return (label, IndicatorLabel(english: "ratio", chinese: "比值")) }
            return (label, ExtraColumns.unit(of: columnName, in: extras))
        }
        let unit = try PlanValue(
            value: given, key: "\(section).unit", file: file, line: lines.line(section, "unit") ?? line
        ).label()
        return (label, unit)
    }

    /// Most quantile lists a plan defines: each keeps two copies of its column's rows while it runs.
    static let maxQuantileLists = 10

    /// `[quantiles.<code>]`: quantiles of a numeric column, each with its Woodruff interval.
    func quantileList(code: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError)
        -> QuantileIndicator
    {
        let section = "quantiles.\(code)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a quantile list's code is lower-case letters, digits and _, e.g. overtime")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the quantiles a code of their own")
        }
        let table = try entries(section, "column, probabilities, en and zh")
        try onlyKeys(
            table, ["column", "probabilities", "en", "zh", "unit", "clause"], section: section, lines: lines,
            kind: "a quantile list")
        let (columnName, column) = try measuredColumn(
            table, section: section, lines: lines, extras: &extras, keptWhole: true)
        let listed = table["probabilities"].map {
            PlanValue(
                value: $0, key: "\(section).probabilities", file: file,
                line: lines.line(section, "probabilities") ?? line)
        }
        guard let listed else {
            throw PlanError(
                file: file, line: lines.line(section) ?? line, message: "\(section) lacks its probabilities",
                fix: "a list of fractions in whole percents, ascending, e.g. [0.25, 0.5, 0.75]")
        }
        let probabilities = try listed.quantiles(requiring: []).probabilities
        let (label, unit) = try nameAndUnit(table, of: columnName, section: section, lines: lines, extras: extras)
        return QuantileIndicator(
            code: code, label: label, column: column, probabilities: probabilities, unit: unit,
            clause: table["clause"]?.string ?? "")
    }
}
