/// The long-form layout shared by worker-level reports: one row per (year, domain, indicator).
public enum EstimateRow {
    /// Stable column names, in order (docs/reports.md).
    public static let columns = [
        "year", "scope", "by", "domain", "domain_en", "domain_zh", "indicator", "label_en", "label_zh", "unit_en",
        "unit_zh", "n", "estimate", "se", "ci_low", "ci_high", "deff", "flag", "clause",
    ]

    /// An indicator's `label_en`, `label_zh`, `unit_en` and `unit_zh` cells (`IndicatorCatalog`); a
    /// code the catalog does not know (a target of the user's own naming) labels itself, without a unit.
    static func labelCells(_ indicator: String, reference: (by: ByVariable, value: Int)? = nil) -> [ReportCell] {
        guard let entry = IndicatorCatalog.entry(indicator) else {
            return [.text(indicator), .text(indicator), .empty, .empty]
        }
        // A gap names the group it is measured from ("gap to Regular", 与正式之差).
        if indicator.hasSuffix("_gap"), let reference, let base = IndicatorCatalog.entry(String(indicator.dropLast(4)))
        {
            return [
                .text("\(base.english): gap to \(reference.by.englishName(reference.value))"),
                .text("\(base.chinese)：与\(reference.by.chineseName(reference.value))之差"),
                .text(entry.unit.english), .text(entry.unit.chinese),
            ]
        }
        return [.text(entry.english), .text(entry.chinese), .text(entry.unit.english), .text(entry.unit.chinese)]
    }

    /// A row; the estimate is blanked and flagged `suppressed` under the disclosure threshold.
    static func make(
        year: Int, domain: Domain, indicator: String, estimate: Estimate, clause: String,
        disclosure: DisclosurePolicy
    ) -> [ReportCell] {
        let flag = disclosure.flag(n: estimate.n)
        let hide = flag == "suppressed"
        func shown(_ value: Double?) -> ReportCell { hide ? .empty : .optional(value) }
        return [
            .integer(year), .text(domain.scope.name), .text(domain.by.name), .text(domain.by.label(domain.value)),
            .text(domain.by.englishName(domain.value)), .text(domain.by.chineseName(domain.value)), .text(indicator),
        ] + labelCells(indicator, reference: domain.by.referenceValue.map { (domain.by, $0) }) + [
            .integer(estimate.n), shown(estimate.value), shown(estimate.standardError), shown(estimate.lower),
            shown(estimate.upper), shown(estimate.designEffect), .text(flag), .text(clause),
        ]
    }
}

/// Small-cell rules: estimates on few rows are flagged, and on very few rows withheld.
public struct DisclosurePolicy: Sendable, Equatable {
    /// Under this many rows the estimate is blanked and flagged `suppressed`.
    public var suppressBelow = 10
    /// Under this many rows the estimate is flagged `low_n`.
    public var lowNBelow = 30

    public init(suppressBelow: Int = 10, lowNBelow: Int = 30) {
        self.suppressBelow = suppressBelow
        self.lowNBelow = lowNBelow
    }

    /// `suppressed`, `low_n`, or "".
    func flag(n: Int) -> String {
        n < suppressBelow ? "suppressed" : n < lowNBelow ? "low_n" : ""
    }
}
