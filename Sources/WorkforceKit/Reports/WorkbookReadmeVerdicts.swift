import Foundation

/// The README sheet's verdict rows: each pair of waves' `in_step`, and each target's status, in both languages.
extension WorkbookReadme {
    /// One row per pair of waves (all workers): the `in_step` verdict in English and Chinese, and the
    /// interval of real wage growth − real GDP growth it rests on.
    static func inStepRows(_ reports: [ReportTable], tolerance: Double) -> [[ReportCell]] {
        guard let table = reports.first(where: { $0.name == "wage_vs_economy" }) else { return [] }
        let growth = ReportLookup(table)
        guard let base = growth.column("base_year") else { return [] }
        var rows: [[ReportCell]] = [
            [
                "in_step codes",
                .text(
                    StepVerdict.allCases.reversed().map { "\($0.rawValue) = \($0.english) / \($0.chinese)" }
                        .joined(separator: "; ")),
                .text(
                    "in step when the whole interval of real wage growth − real GDP growth lies at or above −tolerance; "
                        + "not in step when it lies wholly below; otherwise not established (docs/indicators.md §3) / "
                        + "差值的置信区间全部不低于−容差为同步，全部低于−容差为未同步，否则尚不能确定"),
            ]
        ]
        for row in table.rows {
            guard case .integer(let year) = row[0], case .integer(let from) = row[base],
                ReportLookup.text(row[growth.column("scope") ?? 0]) == "all",
                ReportLookup.text(row[growth.column("by") ?? 0]) == "all",
                ReportLookup.text(row[growth.column("indicator") ?? 0]) == "in_step"
            else { continue }
            let verdict = growth.number(year, "in_step").flatMap(StepVerdict.init(code:))
            var detail = "no interval / 无置信区间"
            if let gap = growth.number(year, "real_wage_gdp_gap_pp"),
                let low = growth.number(year, "real_wage_gdp_gap_pp", column: "ci_low"),
                let high = growth.number(year, "real_wage_gdp_gap_pp", column: "ci_high")
            {
                let pp = { (value: Double) in String(format: "%+.2f", value) }
                detail =
                    "real wage growth − real GDP growth \(pp(gap)) pp a year, interval \(pp(low)) to \(pp(high)), "
                    + "tolerance \(pp(-tolerance * 100)) / 实际工资增长减实际GDP增长 \(pp(gap)) 百分点/年，"
                    + "置信区间 \(pp(low)) 至 \(pp(high))，容差 \(pp(-tolerance * 100))"
            }
            rows.append([
                .text("in step \(from)→\(year), all workers"),
                .text(verdict.map { "\($0.english) / \($0.chinese)" } ?? "suppressed / 已抑制"),
                .text(detail),
            ])
        }
        return rows
    }

    /// One row per target: its status judged at the due year in English and Chinese, its progress at the
    /// due year and at the latest year, and, for a survey estimate, whether it is met beyond sampling error.
    static func targetRows(_ reports: [ReportTable]) -> [[ReportCell]] {
        guard let table = reports.first(where: { $0.name == "targets" }) else { return [] }
        let column = Dictionary(table.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func text(_ row: [ReportCell], _ name: String) -> String {
            column[name].map { ReportLookup.text(row[$0]) } ?? ""
        }
        func percent(_ row: [ReportCell], _ name: String) -> String? {
            guard let position = column[name], case .number(let value) = row[position] else { return nil }
            return String(format: "%.0f %%", value * 100)
        }
        var rows: [[ReportCell]] = []
        let statuses = table.rows.compactMap { TargetStatus(rawValue: text($0, "status")) }
        let onTime = statuses.filter { $0 == .metOnTime }.count
        rows.append([
            "targets met on time", .text("\(onTime) of \(table.rows.count) / \(table.rows.count) 项中按期完成 \(onTime) 项"),
            .text(
                "each target judged at its due year: met on time, met late (year), missed, not yet due, no data / "
                    + "按到期年份判断：按期完成、逾期完成（年份）、未完成、未到期、无数据 (docs/indicators.md §9)"),
        ])
        for row in table.rows {
            guard let status = TargetStatus(rawValue: text(row, "status")) else { continue }
            let metYear = Int(text(row, "met_year"))
            let due = text(row, "due_year")
            var detail: [String] = []
            if let progress = percent(row, "progress_due") {
                detail.append("progress \(progress) in \(due) / \(due)年完成进度 \(progress)")
            }
            if let progress = percent(row, "progress") {
                let year = text(row, "actual_year")
                detail.append("\(progress) in \(year) / \(year)年 \(progress)")
            }
            if let sampling = SamplingVerdict(rawValue: text(row, "beyond_sampling_error")) {
                detail.append("\(sampling.english) / \(sampling.chinese)")
            }
            rows.append([
                .text("target \(text(row, "indicator")) (due \(due))"),
                .text("\(status.english(metYear: metYear)) / \(status.chinese(metYear: metYear))"),
                .text(detail.joined(separator: "; ")),
            ])
        }
        return rows
    }
}
