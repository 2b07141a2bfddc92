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
                case "yes": "<strong>显著 significant</strong>"
                case "no": "不显著 not significant"
                default: "—"
                }
            body +=
                "<tr><td class=\"t\">\(HTMLText.escape(text(row, "label_zh")))<br/><span class=\"en\">\(HTMLText.escape(text(row, "label_en")))</span></td>"
                + "<td>\(text(row, "base_year"))</td><td data-value=\"\(text(row, "estimate"))\">\(shown(text(row, "estimate")))</td>"
                + "<td>\(shown(text(row, "ci_low"))) … \(shown(text(row, "ci_high")))</td><td class=\"t\">\(mark)</td>"
                + "<td class=\"t\">\(HTMLText.escape(text(row, "change_unit_zh")))</td></tr>"
        }
        return
            "<section><h2>\(latest) 年较基期变化 <span class=\"en\">Changes in \(latest) from the base wave</span></h2>"
            + "<table><tr><th>指标 Indicator</th><th>基期 Base</th><th>变化 Change</th><th>置信区间 Interval</th><th>是否显著 Significant</th><th>单位 Unit</th></tr>"
            + body + "</table>"
            + "<p class=\"meta\">显著：置信区间不含0；两期样本中重复调查的PSU按同一群计算协方差。Significant: the interval leaves out 0; PSUs surveyed in both waves are one cluster, so the covariance of the waves enters.</p>"
            + source("changes.csv", "（二）（八）（十九）（二十三）（二十四）") + "</section>"
    }
}
