/// A mean a survey plan defines (`[means.<code>]`): the weighted mean of a numeric column per
/// domain, among workers who give it, with its SE and design effect — published in means.csv.
public struct MeanIndicator: Sendable, Equatable {
    public let code: String
    public let label: IndicatorLabel
    /// Where the wave keeps the column averaged.
    public let column: WaveColumn
    /// The unit of the column's values, in both languages.
    public let unit: IndicatorLabel
    /// The policy clause the mean serves, for the `clause` column.
    public let clause: String

    public init(
        code: String, label: IndicatorLabel, column: WaveColumn, unit: IndicatorLabel,
        clause: String
    ) {
        self.code = code
        self.label = label
        self.column = column
        self.unit = unit
        self.clause = clause
    }

    /// The mean as a measure of the one pass (`RowMeasure`).
    var measure: RowMeasure { RowMeasure(code, .column(column)) }
}
