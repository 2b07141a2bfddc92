import Foundation

/// `summary.html`: one self-contained, bilingual page (Chinese first) with the headline numbers,
/// inline SVG charts and tables, each naming the report file and the policy clause it comes from.
///
/// No network, scripts or external fonts: it opens in any browser and prints.
/// Headline numbers carry `data-value` with the exact CSV text, so they can be
/// checked against the reports.
enum HTMLSummary {
    /// The page's language (`--lang`): one language a page.
    @TaskLocal static var language: SummaryLanguage = .english

    /// `zh` or `en`, as the page's language is.
    static func say(_ zh: String, _ en: String) -> String { language == .chinese ? zh : en }

    /// The page of `tables` in `language`; `level`: the run's confidence level, which the intervals' labels name.
    static func build(
        _ tables: [ReportTable], started: Date, level: Double = 0.95, language: SummaryLanguage = .english
    )
        -> String
    {
        $language.withValue(language) { build(tables, started: started, interval: Self.percent(level)) }
    }

    private static func build(_ tables: [ReportTable], started: Date, interval: String) -> String {
        let byName = Dictionary(tables.map { ($0.name, ReportLookup($0)) }, uniquingKeysWith: { first, _ in first })
        guard let wages = byName["wages"], let latest = wages.years.last else {
            return page(body: "<p>\(say("没有可用的职工数据。", "No worker data."))</p>", started: started)
        }
        var body = headline(byName, latest: latest)
        body += growthChart(byName, interval: interval)
        body += skillChart(byName, latest: latest)
        body += percentileChart(byName, latest: latest)
        body += coverageChart(byName, latest: latest)
        body += targetsChart(byName)
        body += headlineTables(tables, latest: latest, interval: interval)
        body += changesTable(tables.first { $0.name == "changes" }, latest: latest)
        body += dataQuality(byName)
        return page(body: body, started: started)
    }

    static func page(body: String, started: Date) -> String {
        let date = ISO8601DateFormatter().string(from: started)
        return """
            <!DOCTYPE html>
            <html lang="\(say("zh-CN", "en"))"><head><meta charset="utf-8"/><title>\(say("上海产业工人队伍建设改革指标", "Shanghai industrial-workforce indicators"))</title>
            <style>\(style)</style></head><body>
            <h1>\(say("上海产业工人队伍建设改革指标", "Shanghai industrial-workforce reform: indicators"))</h1>
            <p class="meta">\(say("运行时间", "Run")): \(date) · \(say("各图表注明所依据的报表文件和政策条款。", "Every figure names the report file and the policy clause it serves."))</p>
            \(body)
            </body></html>

            """
    }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:24px;color:#000;max-width:1000px}
        h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #000}.en{font-size:0.85em;color:#333;font-weight:normal}
        .meta,.source{font-size:12px;color:#333}.cards{display:flex;flex-wrap:wrap;gap:10px}
        .card{border:1px solid #000;padding:8px 10px;min-width:170px;flex:1 1 170px}.card .v{font-size:20px;font-weight:bold}
        .card .l{font-size:12px}table{border-collapse:collapse;font-size:12px;margin:6px 0}td,th{border:1px solid #999;padding:2px 6px;text-align:right}
        th{background:#eee}td.t{text-align:left}.chart{max-width:100%;height:auto;display:block;margin:8px 0}
        .chart-title{font-size:13px;font-weight:bold}.tick,.legend,.value{font-size:10px}.axis-label{font-size:11px}
        .grid{stroke:#ccc;stroke-width:0.5}.axis{stroke:#000;stroke-width:1}.whisker{stroke:#000;stroke-width:1.2}
        .suppressed{color:#666;font-style:italic}section{page-break-inside:avoid}
        @page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
        """

    /// `value` with `decimals` decimals and its thousands grouped by commas, as the workbook shows
    /// it (`#,##0`): 12,345 and −1,234.5.
    static func grouped(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        let whole = String(digits) + (parts.count > 1 ? "." + parts[1] : "")
        return (value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "−" : "") + whole
    }

    /// A confidence level as its label shows it: 0.95 → "95%", 0.9 → "90%", 0.975 → "97.5%".
    static func percent(_ level: Double) -> String {
        let value = level * 100
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%g%%", value)
    }

    static func source(_ file: String, _ clause: String) -> String {
        #"<p class="source">\#(say("来源", "Source")): <code>\#(file)</code> · \#(say("政策条款", "Clause")): \#(clause)</p>"#
    }

    static func card(_ zh: String, _ en: String, _ value: Double?, exact: String?, shown: (Double) -> String) -> String
    {
        let text = value.map(shown) ?? "—"
        let data = exact.map { #" data-value="\#($0)""# } ?? ""
        return
            #"<div class="card"><div class="v"\#(data)>\#(HTMLText.escape(text))</div><div class="l">\#(say(zh, en))</div></div>"#
    }

    static func exact(
        _ lookup: ReportLookup?, _ year: Int, _ indicator: String, by: String = "all", domain: String = "all"
    ) -> String? {
        guard let lookup, let row = lookup.row(year, indicator, by: by, domain: domain),
            let column = lookup.column("estimate")
        else { return nil }
        return ReportLookup.text(row[column])
    }

    static func headline(_ r: [String: ReportLookup], latest: Int) -> String {
        let percent: (Double) -> String = { String(format: "%.1f%%", $0 * 100) }
        let money: (Double) -> String = { grouped($0, decimals: 0) + say(" 元", " CNY") }
        let growth = r["wage_vs_economy"]
        var cards = ""
        cards += card(
            "平均月工资", "Mean monthly wage", r["wages"]?.number(latest, "mean_wage"),
            exact: exact(r["wages"], latest, "mean_wage"), shown: money)
        cards += card(
            "月工资中位数", "Median monthly wage", r["wages"]?.number(latest, "p50"), exact: exact(r["wages"], latest, "p50"),
            shown: money)
        cards += card(
            "实际工资年增长（均值）", "Real wage growth a year (mean)", growth?.number(latest, "real_mean_growth_annual"),
            exact: exact(growth, latest, "real_mean_growth_annual"), shown: percent)
        cards += card(
            "实际GDP年增长", "Real GDP growth a year", growth?.number(latest, "real_gdp_growth_annual"),
            exact: exact(growth, latest, "real_gdp_growth_annual"), shown: percent)
        cards += inStepCard(growth, latest: latest)
        cards += card(
            "技能结构相异指数", "Skill dissimilarity index", r["skill_fit"]?.number(latest, "dissimilarity_index"),
            exact: exact(r["skill_fit"], latest, "dissimilarity_index"), shown: { String(format: "%.3f", $0) })
        cards += card(
            "高技能人才占技能劳动者比例", "High-skill share of certified",
            r["skill_fit"]?.number(latest, "high_skill_share_certified"),
            exact: exact(r["skill_fit"], latest, "high_skill_share_certified"), shown: percent)
        cards += card(
            "参加培训比例", "Share trained", r["training"]?.number(latest, "share_trained"),
            exact: exact(r["training"], latest, "share_trained"), shown: percent)
        cards += card(
            "劳务派遣同工同酬（调整后）", "Equal pay, dispatch (adjusted)",
            r["equal_pay"]?.number(latest, "adjusted_pay_ratio", by: "employment_type", domain: "dispatch"),
            exact: exact(r["equal_pay"], latest, "adjusted_pay_ratio", by: "employment_type", domain: "dispatch"),
            shown: { String(format: "%.3f", $0) })
        cards += card(
            "住房公积金覆盖率", "Housing fund coverage", r["coverage"]?.number(latest, "housing_fund_rate"),
            exact: exact(r["coverage"], latest, "housing_fund_rate"), shown: percent)
        cards += targetsCard(r["targets"])
        return
            "<section><h2>\(say("\(latest) 年要点", "Headlines, \(latest)"))</h2><div class=\"cards\">\(cards)</div>"
            + source(
                "wages.csv, wage_vs_economy.csv, skill_fit.csv, training.csv, equal_pay.csv, coverage.csv, targets.csv",
                "（二）（八）（十三）（二十三）（二十四）") + "</section>"
    }
}

/// The one language of a summary.html page (`--lang`).
public enum SummaryLanguage: Sendable {
    case english, chinese
}
