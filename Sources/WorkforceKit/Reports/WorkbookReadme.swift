import Foundation

/// The README sheet of the workbook: what each sheet is, when the run was, its inputs and thresholds.
enum WorkbookReadme {
    static let descriptions: [String: (String, String)] = [
        "data_quality": ("Rows read, accepted and quarantined per input file", "各输入文件读取、接受、隔离行数"),
        "composition": ("Weighted headcount and shares by domain （一）（二）", "职工构成"),
        "wages": ("Wage level, distribution, low pay, gender gap （二）（十三）（二十四）", "工资水平与分布"),
        "training": ("Vocational training （八）–（十一）（十七）", "职业技能培训"),
        "coverage": ("Housing fund, social insurance, contracts, unions （十九）（二十三）（二十四）", "权益保障覆盖"),
        "changes": ("Change of each mean, rate, share, ratio and total from the previous wave, with SE", "较上期变化及其标准误"),
        "equal_pay": ("Dispatch and outsourced pay against regular pay （二十三）", "同工同酬"),
        "wage_vs_economy": ("Wage growth against GDP and enterprise development （二）", "收入与经济增长同步"),
        "skill_fit": ("Skill supply against industry demand （二）（八）–（十五）", "技能结构与产业需求"),
        "enterprises": ("Unions, workers' congresses, party presence, dispatch cap （七）（二十三）（二十六）", "企业组织建设"),
        "targets": ("Numeric policy targets and their status （十）（十四）", "政策目标完成情况"),
    ]

    static func build(options: PipelineOptions, started: Date, inputs: InputChecksums, reports: [ReportTable])
        -> ReportTable
    {
        var table = ReportTable(name: "README", columns: ["item", "value", "detail"])
        let formatter = ISO8601DateFormatter()
        table.append([
            "workforce", .text(WorkforceVersion.current),
            "Indicators of Shanghai's industrial-workforce policy / 上海产业工人队伍建设改革指标",
        ])
        table.append(["run started", .text(formatter.string(from: started)), "UTC"])
        for report in reports {
            guard XLSXWriter.fitsOnASheet(report) else {
                table.append([
                    .text("sheet \(report.name)"),
                    .text("not in this workbook: see \(report.name).csv / 未收入本工作簿，见 \(report.name).csv"),
                    .text(
                        "\(report.rows.count + 1) rows and \(report.columns.count) columns: more than an Excel sheet holds "
                            + "(\(XLSXWriter.maxRows) rows, \(XLSXWriter.maxColumns) columns)"),
                ])
                continue
            }
            let description = descriptions[report.name]
            table.append([.text("sheet \(report.name)"), .text(description?.0 ?? ""), .text(description?.1 ?? "")])
        }
        for entry in inputs.entries {
            table.append([
                .text("input \(entry.path)"), .text("sha256 \(entry.sha256)"),
                .text("\(entry.bytes) bytes, table \(entry.table.rawValue)"),
            ])
        }
        table.append([
            "plan", .text(options.planSHA256.map { "sha256 \($0)" } ?? "built-in"),
            "the survey plan the settings below came from (docs/plan.md)",
        ])
        table.append([
            "suppressed below", .integer(options.disclosure.suppressBelow), "rows: estimate blanked, flag suppressed",
        ])
        table.append([
            "low n below", .integer(options.disclosure.lowNBelow),
            "rows: flag low_n, and the row shaded amber on the data sheets: few sampled workers, read with care / 样本量小（琥珀色底纹），谨慎解读",
        ])
        table.append([
            "confidence level", .number(options.confidenceLevel),
            "intervals: normal for means, shares, totals; t with design df for quantiles",
        ])
        table.append(["lonely PSU", .text(options.lonelyPSU.rawValue), "strata with one PSU (docs/estimation.md)"])
        table.append([
            "in-step tolerance", .number(options.inStepTolerance),
            "real wage growth may fall this far below real GDP growth, a year",
        ])
        for row in inStepRows(reports, tolerance: options.inStepTolerance) + targetRows(reports) { table.append(row) }
        table.append([
            "wage quantiles", .text(options.wageQuantiles.codes.joined(separator: ", ")),
            "published in the wages sheet, each with its interval",
        ])
        table.append([
            "low-pay fraction", .text(options.lowPayFraction.text), "wages below this share of the median are low pay",
        ])
        table.append([
            "dispatch cap", .number(options.dispatchCap),
            "enterprises whose dispatched workers exceed this share of their workforce are over the cap",
        ])
        return table
    }
}
