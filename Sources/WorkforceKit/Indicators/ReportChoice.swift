/// Which indicator reports a run publishes (`[reports] publish` of the survey plan): all of
/// them by default. data_quality.csv, the quarantine, summary.html, the workbook and
/// manifest.json are always written; a report left out is not computed, unless another one
/// needs its numbers (wage_vs_economy.csv takes the medians of wages.csv).
public struct ReportChoice: Sendable, Equatable {
    /// The reports chosen; nil for all.
    public let names: Set<String>?

    public static let all = ReportChoice(names: nil)

    public init(names: Set<String>?) { self.names = names }

    /// The indicator reports, in the order a run builds them.
    public static let reports =
        ["composition", "wages", "training", "coverage", "rates", "means", "quantiles"]
        + PlanStatisticKind.all.map(\.section) + ["changes", "equal_pay", "wage_vs_economy", "skill_fit", "enterprises", "targets"]

    /// Whether the run publishes report `name`.
    public func publishes(_ name: String) -> Bool { names?.contains(name) ?? true }
}
