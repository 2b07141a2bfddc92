/// The run's survey estimates for all workers (scope all, by all), by indicator and year: the actual
/// figures of a target named after a survey indicator (`high_skill_share_certified` …).
///
/// Taken from the finished reports, so a target reads exactly the published estimate, its SE and
/// its interval; an estimate withheld as suppressed is no figure.
struct SurveyActuals {
    private var byIndicator: [String: [Int: TargetsReport.Actual]] = [:]
    /// Every survey year among the estimates, ascending.
    private(set) var years: [Int] = []

    init() {}

    init(_ reports: [ReportTable]) {
        var years = Set<Int>()
        for report in reports {
            let position = Dictionary(report.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            guard let year = position["year"], let scope = position["scope"], let by = position["by"],
                let indicator = position["indicator"], let estimate = position["estimate"],
                let se = position["se"], let low = position["ci_low"], let high = position["ci_high"]
            else { continue }
            func number(_ cell: ReportCell) -> Double? {
                if case .number(let value) = cell {
                    value
                } else if case .integer(let value) = cell {
                    Double(value)
                } else {
                    nil
                }
            }
            for row in report.rows {
                guard case .integer(let y) = row[year], case .text("all") = row[scope], case .text("all") = row[by],
                    case .text(let code) = row[indicator]
                else { continue }
                years.insert(y)
                guard let value = number(row[estimate]), byIndicator[code]?[y] == nil else { continue }
                byIndicator[code, default: [:]][y] = TargetsReport.Actual(
                    value: value, standardError: number(row[se]), lower: number(row[low]), upper: number(row[high]))
            }
        }
        self.years = years.sorted()
    }

    /// The figures of `indicator` by year; empty when no report publishes it for all workers.
    func figures(_ indicator: String) -> [Int: TargetsReport.Actual] { byIndicator[indicator] ?? [:] }
}
