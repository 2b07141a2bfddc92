import Foundation

/// The charts of `summary.html`, one function per chart.
extension HTMLSummary {
    static func section(_ zh: String, _ en: String, _ content: String, file: String, clause: String) -> String {
        "<section><h2>\(say(zh, en))</h2>\(content)\(source(file, clause))</section>"
    }

    /// Real wage growth against real GDP growth for each pair of waves, with the wage growth's interval.
    static func growthChart(_ r: [String: ReportLookup], interval: String = "95%") -> String {
        guard let growth = r["wage_vs_economy"], let base = growth.column("base_year") else { return "" }
        var pairs: [(Int, Int)] = []
        for row in growth.table.rows {
            if case .integer(let year) = row[0], case .integer(let from) = row[base],
                !pairs.contains(where: { $0 == (from, year) })
            {
                pairs.append((from, year))
            }
        }
        guard !pairs.isEmpty else { return "" }
        var wage: [Double?] = [], gdp: [Double?] = [], lower: [Double?] = [], upper: [Double?] = []
        for (from, year) in pairs {
            let real = growth.number(year, "real_mean_growth_annual")
            wage.append(real.map { $0 * 100 })
            gdp.append(growth.number(year, "real_gdp_growth_annual").map { $0 * 100 })
            // Interval of the log growth, deflated and annualised like the estimate.
            let span = Double(year - from)
            if let nominal = growth.number(year, "nominal_mean_growth"),
                let realTotal = growth.number(year, "real_mean_growth"),
                let lo = growth.number(year, "log_mean_growth", column: "ci_low"),
                let hi = growth.number(year, "log_mean_growth", column: "ci_high")
            {
                let deflator = (1 + nominal) / (1 + realTotal)
                lower.append((pow(exp(lo) / deflator, 1 / span) - 1) * 100)
                upper.append((pow(exp(hi) / deflator, 1 / span) - 1) * 100)
            } else {
                lower.append(nil)
                upper.append(nil)
            }
        }
        let chart = SVGBarChart(
            title: say("实际工资增长与实际GDP增长（年增长率，%）", "Real wage growth vs real GDP growth (% a year)"),
            groups: pairs.map { "\($0.0)→\($0.1)" },
            series: [
                .init(
                    name: say("实际平均工资（\(interval) 置信区间）", "real mean wage (\(interval) CI)"), values: wage,
                    lower: lower,
                    upper: upper),
                .init(name: say("实际GDP", "real GDP"), values: gdp),
            ],
            yLabel: say("年增长率，%", "growth, % a year"), xLabel: say("调查波次", "survey waves"))
        return section(
            "收入与经济增长同步", "Wages in step with the economy", chart.render(), file: "wage_vs_economy.csv", clause: "（二）")
    }

    /// Supply and demand shares by skill level for manufacturing, transport and information.
    static func skillChart(_ r: [String: ReportLookup], latest: Int) -> String {
        guard let fit = r["skill_fit"] else { return "" }
        var charts = ""
        for (letter, name) in [
            ("C", say("制造业", "Manufacturing")), ("G", say("交通运输仓储邮政", "Transport")),
            ("I", say("信息技术", "Information")),
        ] {
            let supply = (0..<6).map {
                fit.number(latest, "supply_share_level_\($0)", by: "industry", domain: letter).map { $0 * 100 }
            }
            let demand = (0..<6).map {
                fit.number(latest, "demand_share_level_\($0)", by: "industry", domain: letter).map { $0 * 100 }
            }
            guard supply.contains(where: { $0 != nil }) else { continue }
            charts += SVGBarChart(
                title: say("\(name)：技能供给与需求，\(latest)", "\(name): skill supply vs demand, \(latest)"),
                groups: (0..<6).map { ByVariable.skillLevel.chineseName($0) },
                series: [
                    .init(name: say("供给", "supply"), values: supply), .init(name: say("需求", "demand"), values: demand),
                ],
                yLabel: say("占比，%", "share, %"), xLabel: say("技能等级", "skill level")
            ).render()
        }
        return charts.isEmpty
            ? ""
            : section(
                "技能结构与产业需求", "Skill structure against demand", charts, file: "skill_fit.csv", clause: "（二）（八）–（十五）")
    }

    /// P10, P50 and P90 of the monthly wage for the largest industries.
    static func percentileChart(_ r: [String: ReportLookup], latest: Int) -> String {
        guard let wages = r["wages"], let composition = r["composition"] else { return "" }
        let largest = Industry.letters.sorted {
            (composition.number(latest, "headcount", by: "industry", domain: $0) ?? 0)
                > (composition.number(latest, "headcount", by: "industry", domain: $1) ?? 0)
        }.prefix(6)
        let series = ["p10", "p50", "p90"].map { p in
            SVGBarChart.Series(
                name: p.uppercased(), values: largest.map { wages.number(latest, p, by: "industry", domain: $0) })
        }
        // Each section by its letter and name (cut to fit under its bars: six characters, or fourteen letters).
        let names = largest.map { letter in
            let index = Industry.letters.firstIndex(of: letter)
            let name =
                index.map { say(ByVariable.industry.chineseName($0), ByVariable.industry.englishName($0)) } ?? ""
            let room = language == .chinese ? 6 : 14
            return "\(letter) " + (name.count > room ? name.prefix(room - 1) + "…" : name)
        }
        let chart = SVGBarChart(
            title: say("分行业工资分布，\(latest)", "Wage distribution by industry, \(latest)"), groups: names, series: series,
            yLabel: say("月工资，元", "monthly wage, CNY"), xLabel: say("行业（GB/T 4754门类）", "industry section"),
            format: { String(format: "%.0f", $0) })
        return section("工资分布", "Wage distribution", chart.render(), file: "wages.csv", clause: "（二）（十三）（二十四）")
    }

    /// Housing fund, social insurance and contract rates by hukou and employment type.
    static func coverageChart(_ r: [String: ReportLookup], latest: Int) -> String {
        guard let coverage = r["coverage"] else { return "" }
        let groups: [(String, String, String)] = [
            ("hukou", "local", "本市"), ("hukou", "nonlocal", "外省市"), ("employment_type", "regular", "正式"),
            ("employment_type", "dispatch", "派遣"), ("employment_type", "outsourced", "外包"),
        ]
        let measures = [
            ("housing_fund_rate", say("公积金", "housing fund")), ("social_insurance_rate", say("社保", "insurance")),
            ("labor_contract_rate", say("合同", "contract")),
        ]
        let series = measures.map { indicator, name in
            SVGBarChart.Series(
                name: name,
                values: groups.map { by, domain, _ in
                    coverage.number(latest, indicator, by: by, domain: domain).map { $0 * 100 }
                })
        }
        let chart = SVGBarChart(
            title: say("权益保障覆盖率（按户籍与用工形式），\(latest)", "Coverage by hukou and employment type, \(latest)"),
            groups: groups.map { say($0.2, $0.1) },
            series: series, yLabel: say("覆盖率，%", "coverage, %"), xLabel: say("户籍与用工形式", "hukou and employment type"),
            format: { String(format: "%.0f", $0) })
        return section(
            "权益保障", "Rights and services coverage", chart.render(), file: "coverage.csv", clause: "（十九）（二十三）（二十四）")
    }

    /// Progress towards each numeric policy target (100 % = target), at its due year and at the latest year.
    static func targetsChart(_ r: [String: ReportLookup]) -> String {
        guard let targets = r["targets"], let indicator = targets.column("indicator"),
            let progress = targets.column("progress"), let progressDue = targets.column("progress_due")
        else { return "" }
        let rows = targets.table.rows
        func percent(_ column: Int) -> [Double?] {
            rows.map { if case .number(let value) = $0[column] { value * 100 } else { nil } }
        }
        let chart = SVGBarChart(
            title: say("政策目标完成进度（100% = 目标）", "Progress towards the policy targets (100% = target)"),
            groups: rows.map { ReportLookup.text($0[indicator]).replacingOccurrences(of: "_", with: " ") },
            series: [
                .init(name: say("到期年份", "at the due year"), values: percent(progressDue)),
                .init(name: say("最新年份", "latest year"), values: percent(progress)),
            ], yLabel: say("进度，%", "progress, %"), xLabel: say("目标", "target"),
            format: { String(format: "%.0f", $0) }, width: 760, reference: (100, say("目标 = 100%", "target = 100%")))
        return section("政策目标", "Policy targets", chart.render(), file: "targets.csv", clause: "（十）（十四）（三十三）")
    }
}
