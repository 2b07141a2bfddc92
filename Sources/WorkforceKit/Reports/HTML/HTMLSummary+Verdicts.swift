import Foundation

/// The headline cards of `summary.html` that state a verdict: wages in step with the economy, and targets met.
extension HTMLSummary {
    /// The `in_step` verdict of the latest pair of waves in both languages (in step, not in step, not
    /// established), with the interval of real wage growth − real GDP growth it rests on.
    static func inStepCard(_ growth: ReportLookup?, latest: Int) -> String {
        let code = growth?.number(latest, "in_step")
        let verdict = code.flatMap(StepVerdict.init(code:))
        let text = verdict.map { say($0.chinese, $0.english) } ?? "—"
        let data = exact(growth, latest, "in_step").map { #" data-value="\#($0)""# } ?? ""
        var basis = ""
        if let gap = growth?.number(latest, "real_wage_gdp_gap_pp"),
            let low = growth?.number(latest, "real_wage_gdp_gap_pp", column: "ci_low"),
            let high = growth?.number(latest, "real_wage_gdp_gap_pp", column: "ci_high")
        {
            let pp = { (value: Double) in String(format: "%+.2f", value) }
            basis =
                "<br/>"
                + say(
                    "实际工资增长减GDP增长 \(pp(gap)) 百分点/年，置信区间 \(pp(low)) 至 \(pp(high))",
                    "real wage − real GDP growth \(pp(gap)) pp a year, interval \(pp(low)) to \(pp(high))")
        }
        return
            #"<div class="card"><div class="v"\#(data)>\#(HTMLText.escape(text))</div><div class="l">\#(say("是否与经济同步增长", "In step with the economy"))\#(basis)</div></div>"#
    }
}

extension HTMLSummary {
    /// How many targets were met on time, each judged at its due year, and how the others stand.
    static func targetsCard(_ targets: ReportLookup?) -> String {
        guard let targets, let status = targets.column("status") else {
            return card("政策目标按期完成", "Policy targets met on time", nil, exact: nil, shown: { _ in "" })
        }
        let rows = targets.table.rows
        let counts = Dictionary(grouping: rows.compactMap { TargetStatus(rawValue: ReportLookup.text($0[status])) }) {
            $0
        }.mapValues(\.count)
        let others = TargetStatus.allCases.filter { $0 != .metOnTime && (counts[$0] ?? 0) > 0 }
        let breakdown = others.map { "\($0.chinese(metYear: nil)) \(counts[$0] ?? 0)" }.joined(separator: " · ")
        let breakdownEnglish = others.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: " · ")
        let onTime = counts[.metOnTime] ?? 0
        let detail = others.isEmpty ? "" : "<br/>\(say(breakdown, breakdownEnglish))"
        return
            #"<div class="card"><div class="v" data-value="\#(onTime)">\#(onTime) / \#(rows.count)</div><div class="l">\#(say("政策目标按期完成（按到期年份判断）", "Policy targets met on time (judged at the due year)"))\#(detail)</div></div>"#
    }
}
