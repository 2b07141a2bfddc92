/// The summary's table of changes since the previous wave: whole-population rows of changes.csv
/// for the latest wave, each marked significant or not.
extension HTMLSummary {
    /// The latest wave's differences from its base wave (scope all, by all), the significant ones
    /// marked; empty without changes.csv.
    static func changesTable(_ changes: ReportTable?, latest: Int) -> String {
        guard let changes else { return "" }
        let at = Dictionary(uniqueKeysWithValues: changes.columns.enumerated().map { ($1, $0) })
        let text = { (row: [ReportCell], column: String) in at[column].map { ReportLookup.text(row[$0]) } ?? "" }
        let rows = changes.rows.filter {
            text($0, "year") == String(latest) && text($0, "scope") == "all" && text($0, "by") == "all"
                && text($0, "change") == "difference"
        }
        guard !rows.isEmpty else { return "" }
        let shown = { (value: String) -> String in
            guard let number = Double(value) else { return "—" }
            return abs(number) >= 100 ? String(format: "%+.0f", number) : String(format: "%+.4f", number)
        }
        var body = ""
        for row in rows {
            let mark =
                switch text(row, "significant") {
                case "yes": "<strong>\(say("显著", "significant"))</strong>"
                case "no": say("不显著", "not significant")
                default: "—"
                }
            body +=
                "<tr><td class=\"t\">\(HTMLText.escape(say(text(row, "label_zh"), text(row, "label_en"))))</td>"
                + "<td>\(text(row, "base_year"))</td><td data-value=\"\(text(row, "estimate"))\">\(shown(text(row, "estimate")))</td>"
                + "<td>\(shown(text(row, "ci_low"))) … \(shown(text(row, "ci_high")))</td><td class=\"t\">\(mark)</td>"
                + "<td class=\"t\">\(HTMLText.escape(say(text(row, "change_unit_zh"), text(row, "change_unit_en"))))</td></tr>"
        }
        return
            "<section><h2>\(say("\(latest) 年较基期变化", "Changes in \(latest) from the base wave"))</h2>"
            + "<table><tr><th>\(say("指标", "Indicator"))</th><th>\(say("基期", "Base"))</th><th>\(say("变化", "Change"))</th><th>\(say("置信区间", "Interval"))</th><th>\(say("是否显著", "Significant"))</th><th>\(say("单位", "Unit"))</th></tr>"
            + body + "</table>"
            + "<p class=\"meta\">\(say("显著：置信区间不含0；两期样本中重复调查的PSU按同一群计算协方差。", "Significant: the interval leaves out 0; PSUs surveyed in both waves are one cluster, so the covariance of the waves enters."))</p>"
            + source("changes.csv", "（二）（八）（十九）（二十三）（二十四）") + "</section>"
    }
}
