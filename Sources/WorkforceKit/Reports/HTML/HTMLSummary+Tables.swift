/// The tables of `summary.html`: each report's headline rows, and data quality.
extension HTMLSummary {
    static let titles: [String: (String, String, String)] = [
        "composition": ("职工构成", "Composition", "（一）（二）"), "wages": ("工资", "Wages", "（二）（十三）（二十四）"),
        "training": ("职业技能培训", "Training", "（八）–（十一）（十七）"), "coverage": ("权益保障", "Coverage", "（十九）（二十三）（二十四）"),
        "equal_pay": ("同工同酬", "Equal pay", "（二十三）"), "wage_vs_economy": ("收入与经济增长", "Wages and the economy", "（二）"),
        "skill_fit": ("技能结构", "Skill fit", "（二）（八）–（十五）"), "enterprises": ("企业组织建设", "Enterprises", "（七）（二十三）（二十六）"),
        // The survey plan's own statistics (docs/plan.md), each with the clause its rows name.
        "rates": ("调查方案的比率", "The plan's rates", "—"), "means": ("调查方案的均值", "The plan's means", "—"),
        "quantiles": ("调查方案的分位数", "The plan's quantiles", "—"), "ratios": ("调查方案的比值", "The plan's ratios", "—"),
        "totals": ("调查方案的总量", "The plan's totals", "—"),
    ]

    /// For each report, the latest year's rows for all workers (by = all), estimates with their intervals.
    static func headlineTables(_ tables: [ReportTable], latest: Int, interval: String = "95%") -> String {
        var html = ""
        for table in tables {
            guard let title = titles[table.name] else { continue }
            let lookup = ReportLookup(table)
            guard let by = lookup.column("by"), let indicator = lookup.column("indicator"),
                let zh = lookup.column("label_zh"),
                let en = lookup.column("label_en"), let estimate = lookup.column("estimate"),
                let low = lookup.column("ci_low"),
                let high = lookup.column("ci_high"), let n = lookup.column("n"), let flag = lookup.column("flag"),
                let scope = lookup.column("scope")
            else { continue }
            let rows =
                table.rows.filter {
                    ReportLookup.text($0[0]) == String(latest) && ReportLookup.text($0[by]) == "all"
                        && ReportLookup.text($0[scope]) == "all" && (table.name != "equal_pay")
                }
                + table.rows.filter {
                    table.name == "equal_pay" && ReportLookup.text($0[0]) == String(latest)
                        && ReportLookup.text($0[scope]) == "all"
                }
            guard !rows.isEmpty else { continue }
            var body =
                "<table><tr><th>\(say("指标", "indicator"))</th><th>\(say("估计值", "estimate"))</th><th>\(say("\(interval) 置信区间", "\(interval) CI"))</th><th>\(say("单位", "unit"))</th><th>n</th><th>\(say("标记", "flag"))</th></tr>"
            for row in rows.prefix(40) {
                let suppressed = ReportLookup.text(row[flag]) == "suppressed"
                var english = ""
                // A plan's statistic is not in the catalog: its row names its unit.
                let unit =
                    IndicatorCatalog.entry(ReportLookup.text(row[indicator]))?.unit
                    ?? lookup.column("unit_en").flatMap { column in
                        IndicatorUnit.allCases.first { $0.english == ReportLookup.text(row[column]) }
                    }
                let value =
                    suppressed
                    ? #"<span class="suppressed">\#(say("已抑制", "suppressed"))</span>"#
                    : HTMLText.escape(shortNumber(row[estimate], unit: unit))
                let interval =
                    ReportLookup.text(row[low]).isEmpty
                    ? "" : "\(shortNumber(row[low], unit: unit)) – \(shortNumber(row[high], unit: unit))"
                // Equal pay compares groups: the group's name follows the indicator's.
                var group = ""
                if table.name == "equal_pay", let zhName = lookup.column("domain_zh"),
                    let enName = lookup.column("domain_en")
                {
                    group = "（\(HTMLText.escape(ReportLookup.text(row[zhName])))）"
                    english = " (\(HTMLText.escape(ReportLookup.text(row[enName]))))"
                }
                let unitText = unit.map { say(shownUnit($0).zh, shownUnit($0).en) } ?? ""
                let label =
                    language == .chinese
                    ? HTMLText.escape(ReportLookup.text(row[zh])) + group
                    : HTMLText.escape(ReportLookup.text(row[en])) + english
                body +=
                    "<tr><td class=\"t\">\(label)"
                    + "</td><td>\(value)</td><td>\(HTMLText.escape(interval))</td><td class=\"t\">\(unitText)</td><td>\(ReportLookup.text(row[n]))</td><td>\(HTMLText.escape(ReportLookup.text(row[flag])))</td></tr>"
            }
            body += "</table>"
            html += section(
                "\(title.0)，\(latest) 年，全部职工", "\(title.1), \(latest), all workers", body, file: "\(table.name).csv",
                clause: title.2)
        }
        return html
    }

    /// Rows read, accepted and quarantined per input file, and quarantined rows by reason.
    static func dataQuality(_ r: [String: ReportLookup]) -> String {
        guard let quality = r["data_quality"] else { return "" }
        var body =
            "<table><tr><th>\(say("文件", "file"))</th><th>\(say("项目", "measure"))</th><th>\(say("数值", "value"))</th></tr>"
        for row in quality.table.rows
        where ["rows_read", "rows_accepted", "rows_quarantined", "encoding"].contains(ReportLookup.text(row[2]))
            || ReportLookup.text(row[2]).hasPrefix("quarantined:")
            || ReportLookup.text(row[2]) == "enterprise_join_rate"
        {
            body +=
                "<tr><td class=\"t\">\(HTMLText.escape(ReportLookup.text(row[1])))</td><td class=\"t\">\(HTMLText.escape(ReportLookup.text(row[2])))</td><td>\(HTMLText.escape(ReportLookup.text(row[3])))</td></tr>"
        }
        body += "</table>"
        return section("数据质量", "Data quality", body, file: "data_quality.csv", clause: "—")
    }

    /// A number for reading: four significant digits, or the text as it is; fractions as percentages
    /// (one decimal) and differences of fractions in percentage points.
    static func shortNumber(_ cell: ReportCell, unit: IndicatorUnit? = nil) -> String {
        switch (cell, unit) {
        case (.number(let value), .fraction?): String(format: "%.1f", value * 100)
        case (.number(let value), .fractionDifference?): String(format: "%+.1f", value * 100)
        case (.number(let value), _):
            abs(value) >= 1000 ? grouped(value, decimals: 0) : String(format: "%.4g", value)
        default: ReportLookup.text(cell)
        }
    }

    /// The unit shown next to a number written by `shortNumber` (HTML-safe).
    static func shownUnit(_ unit: IndicatorUnit) -> (zh: String, en: String) {
        switch unit {
        case .fraction: ("%", "%")
        case .fractionDifference: ("百分点", "percentage points")
        default: (HTMLText.escape(unit.chinese), HTMLText.escape(unit.english))
        }
    }
}
