/// Quantiles a survey plan defines (`[quantiles.<code>]`): weighted quantiles of a numeric
/// column per domain, among workers who give it, each with its Woodruff interval — published
/// in quantiles.csv as `<code>_p<percent>` (`overtime_p50`).
public struct QuantileIndicator: Sendable, Equatable {
    public let code: String
    public let label: IndicatorLabel
    /// Where the wave keeps the column.
    public let column: WaveColumn
    /// Ascending fractions in whole percents.
    public let probabilities: [Double]
    public let unit: IndicatorLabel
    public let clause: String

    public init(
        code: String, label: IndicatorLabel, column: WaveColumn, probabilities: [Double],
        unit: IndicatorLabel, clause: String
    ) {
        self.code = code
        self.label = label
        self.column = column
        self.probabilities = probabilities
        self.unit = unit
        self.clause = clause
    }

    /// Its requests: each probability's quantile with its Woodruff interval.
    var requests: [Request] {
        probabilities.map { p in
            Request(
                indicator: indicator(p),
                statistic: .quantile(RowMeasure(code, .column(column)), probability: p, interval: true))
        }
    }

    /// The published code of probability `p` (0.25 → `<code>_p25`).
    func indicator(_ p: Double) -> String { "\(code)_p\(Int((p * 100).rounded()))" }

    /// The published name of probability `p`.
    func label(_ p: Double) -> IndicatorLabel {
        let percent = Int((p * 100).rounded())
        return IndicatorLabel(
            english: "\(label.english): P\(percent)", chinese: "\(label.chinese)：第\(percent)百分位数")
    }
}
