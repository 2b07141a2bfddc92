import Foundation

/// The headline cards of `summary.html` that state a verdict: wages in step with the economy.
extension HTMLSummary {
    /// The `in_step` verdict of the latest pair of waves in both languages (in step, not in step, not
    /// established), with the interval of real wage growth − real GDP growth it rests on.
    static func inStepCard(_ growth: ReportLookup?, latest: Int) -> String {
        let code = growth?.number(latest, "in_step")
        let verdict = code.flatMap(StepVerdict.init(code:))
        let text = verdict.map { "\($0.chinese) \($0.english)" } ?? "—"
        let data = exact(growth, latest, "in_step").map { #" data-value="\#($0)""# } ?? ""
        var basis = ""
        if let gap = growth?.number(latest, "real_wage_gdp_gap_pp"),
            let low = growth?.number(latest, "real_wage_gdp_gap_pp", column: "ci_low"),
            let high = growth?.number(latest, "real_wage_gdp_gap_pp", column: "ci_high")
        {
            let pp = { (value: Double) in String(format: "%+.2f", value) }
            basis =
                "<br/>实际工资增长减GDP增长 \(pp(gap)) 百分点/年，置信区间 \(pp(low)) 至 \(pp(high))"
                + "<br/><span class=\"en\">real wage − real GDP growth \(pp(gap)) pp a year, interval \(pp(low)) to \(pp(high))</span>"
        }
        return
            #"<div class="card"><div class="v"\#(data)>\#(HTMLText.escape(text))</div><div class="l">是否与经济同步增长<br/><span class="en">In step with the economy</span>\#(basis)</div></div>"#
    }
}
