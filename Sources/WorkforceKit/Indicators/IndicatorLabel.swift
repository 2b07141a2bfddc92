/// An indicator's name in English and Chinese, as a plan gives it in place of the catalog's.
public struct IndicatorLabel: Sendable, Hashable {
    public let english: String
    public let chinese: String

    public init(english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }
}

/// The labels a run publishes where they differ from `IndicatorCatalog`: labels that state a
/// threshold the plan changed (the low-pay fraction, the dispatch cap), then the plan's own names.
///
/// Applied to the finished reports, so every report and the workbook carry the same names.
struct IndicatorRelabeling {
    let labels: [String: IndicatorLabel]
    /// By breakdown, then domain code.
    let domains: [String: [String: IndicatorLabel]]
    /// Units of indicators the catalog does not know: the plan's rates and means.
    let units: [String: IndicatorLabel]

    init(options: PipelineOptions) {
        var labels: [String: IndicatorLabel] = [:]
        if options.lowPayFraction != .twoThirds {
            let fraction = options.lowPayFraction.text
            labels["low_pay_rate"] = IndicatorLabel(
                english: "Low-pay rate (below \(fraction) of the median)", chinese: "低收入比例（低于中位数的\(fraction)）")
        }
        if options.dispatchCap != PipelineOptions.defaultDispatchCap {
            let cap = FieldReader.plain(options.dispatchCap * 100)
            labels["over_dispatch_cap_count"] = IndicatorLabel(
                english: "Enterprises above the \(cap) % dispatch cap (in the sample)",
                chinese: "劳务派遣超过\(cap)%的企业数（样本）")
            labels["over_dispatch_cap_share"] = IndicatorLabel(
                english: "Enterprises above the \(cap) % dispatch cap: share", chinese: "劳务派遣超过\(cap)%的企业比例")
        }
        for rate in options.rateIndicators { labels[rate.code] = rate.label }
        for mean in options.meanIndicators { labels[mean.code] = mean.label }
        for statistic in options.planStatistics { labels[statistic.code] = statistic.label }
        for list in options.quantileIndicators {
            for p in list.probabilities { labels[list.indicator(p)] = list.label(p) }
        }
        labels.merge(options.indicatorLabels) { _, plan in plan }
        self.labels = labels
        domains = options.domainLabels
        let fraction = IndicatorLabel(english: IndicatorUnit.fraction.english, chinese: IndicatorUnit.fraction.chinese)
        units = Dictionary(
            options.rateIndicators.map { ($0.code, fraction) } + options.meanIndicators.map { ($0.code, $0.unit) }
                + options.quantileIndicators.flatMap { list in
                    list.probabilities.map { (list.indicator($0), list.unit) }
                } + options.planStatistics.map { ($0.code, $0.unit) }
        ) { first, _ in first }
    }

    /// The label of `code`, when it is not the catalog's; a `_gap` row follows its base indicator.
    func label(_ code: String) -> IndicatorLabel? {
        if let label = labels[code] { return label }
        if code.hasSuffix("_gap"), let base = labels[String(code.dropLast(4))] {
            return IndicatorLabel(
                english: base.english + ": gap to the reference group", chinese: base.chinese + "：与参照组之差")
        }
        return nil
    }

    /// `table` with its `label_en`/`label_zh` and `domain_en`/`domain_zh` cells renamed where a name differs.
    func apply(_ table: ReportTable) -> ReportTable {
        let column = { (name: String) in table.columns.firstIndex(of: name) }
        let indicatorCells = column("indicator").flatMap { code in
            column("label_en").flatMap { english in column("label_zh").map { (code, english, $0) } }
        }
        let domainCells = column("by").flatMap { by in
            column("domain").flatMap { code in
                column("domain_en").flatMap { english in column("domain_zh").map { (by, code, english, $0) } }
            }
        }
        guard (!labels.isEmpty && indicatorCells != nil) || (!domains.isEmpty && domainCells != nil) else {
            return table
        }
        var renamed = ReportTable(name: table.name, columns: table.columns)
        for var row in table.rows {
            if let (code, english, chinese) = indicatorCells, case .text(let indicator) = row[code],
                let label = label(indicator)
            {
                row[english] = .text(label.english)
                row[chinese] = .text(label.chinese)
                if let unit = units[indicator], let unitEnglish = column("unit_en"), let unitChinese = column("unit_zh")
                {
                    row[unitEnglish] = .text(unit.english)
                    row[unitChinese] = .text(unit.chinese)
                }
            }
            if let (by, code, english, chinese) = domainCells, case .text(let name) = row[by],
                case .text(let domain) = row[code], let label = domains[name]?[domain]
            {
                row[english] = .text(label.english)
                row[chinese] = .text(label.chinese)
            }
            renamed.append(row)
        }
        return renamed
    }
}
