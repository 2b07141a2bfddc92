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
        let zh = options.chineseHeaders
        /// The item's name and its detail in the workbook's language (`--lang`).
        func say(_ english: String, _ chinese: String) -> ReportCell { .text(zh ? chinese : english) }
        func sheet(_ name: String) -> String {
            zh ? "工作表 \(ColumnLabels.chineseSheetNames[name] ?? name)" : "sheet \(name)"
        }
        var table = ReportTable(name: "README", columns: zh ? ["项目", "值", "说明"] : ["item", "value", "detail"])
        let formatter = ISO8601DateFormatter()
        table.append([
            "workforce", .text(WorkforceVersion.current),
            "Indicators of Shanghai's industrial-workforce policy / 上海产业工人队伍建设改革指标",
        ])
        table.append([say("run started", "运行开始时间"), .text(formatter.string(from: started)), say("UTC", "协调世界时")])
        for report in reports {
            guard XLSXWriter.fitsOnASheet(report) else {
                table.append([
                    .text(sheet(report.name)),
                    .text("not in this workbook: see \(report.name).csv / 未收入本工作簿，见 \(report.name).csv"),
                    say(
                        "\(report.rows.count + 1) rows and \(report.columns.count) columns: more than an Excel sheet holds "
                            + "(\(XLSXWriter.maxRows) rows, \(XLSXWriter.maxColumns) columns)",
                        "共 \(report.rows.count + 1) 行 \(report.columns.count) 列，超过 Excel 工作表的上限"
                            + "（\(XLSXWriter.maxRows) 行，\(XLSXWriter.maxColumns) 列）"),
                ])
                continue
            }
            let description = descriptions[report.name]
            table.append(
                zh
                    ? [.text(sheet(report.name)), .text(description?.1 ?? ""), .text(description?.0 ?? "")]
                    : [.text(sheet(report.name)), .text(description?.0 ?? ""), .text(description?.1 ?? "")])
        }
        for entry in inputs.entries {
            table.append([
                say("input \(entry.path)", "输入文件 \(entry.path)"), .text("sha256 \(entry.sha256)"),
                say(
                    "\(entry.bytes) bytes, table \(entry.table.rawValue)",
                    "\(entry.bytes) 字节，数据表 \(entry.table.rawValue)"),
            ])
        }
        table.append([
            say("plan", "调查方案"), options.planSHA256.map { .text("sha256 \($0)") } ?? say("built-in", "内置方案"),
            say("the survey plan the settings below came from (docs/plan.md)", "以下设置所依据的调查方案（docs/plan.md）"),
        ])
        table.append([
            say("suppressed below", "抑制阈值"), .integer(options.disclosure.suppressBelow),
            say("rows: estimate blanked, flag suppressed", "样本量低于此值：估计值不公布，标记为“已抑制”"),
        ])
        table.append([
            say("low n below", "小样本阈值"), .integer(options.disclosure.lowNBelow),
            "rows: flag low_n, and the row shaded amber on the data sheets: few sampled workers, read with care / 样本量小（琥珀色底纹），谨慎解读",
        ])
        table.append([
            say("confidence level", "置信水平"), .number(options.confidenceLevel),
            say(
                "intervals: normal for means, shares, totals; t with design df for quantiles",
                "均值、比例、总量用正态区间；分位数用按设计自由度的 t 区间"),
        ])
        table.append([
            say("lonely PSU", "单PSU层处理"), .text(options.lonelyPSU.rawValue),
            say("strata with one PSU (docs/estimation.md)", "只有一个初级抽样单位的层（docs/estimation.md）"),
        ])
        table.append([
            say("in-step tolerance", "同步容差"), .number(options.inStepTolerance),
            say("real wage growth may fall this far below real GDP growth, a year", "实际工资年增长可低于实际GDP年增长的幅度"),
        ])
        for row in inStepRows(reports, tolerance: options.inStepTolerance) + targetRows(reports) { table.append(row) }
        table.append([
            say("wage quantiles", "工资分位数"), .text(options.wageQuantiles.codes.joined(separator: ", ")),
            say("published in the wages sheet, each with its interval", "在工资表中公布，各附置信区间"),
        ])
        table.append([
            say("low-pay fraction", "低工资线（中位数的比例）"), .text(options.lowPayFraction.text),
            say("wages below this share of the median are low pay", "低于中位数此比例的工资为低工资"),
        ])
        table.append([
            say("dispatch cap", "劳务派遣用工比例上限"), .number(options.dispatchCap),
            say(
                "enterprises whose dispatched workers exceed this share of their workforce are over the cap",
                "劳务派遣人数占用工总量超过此比例的企业为超限"),
        ])
        return table
    }
}
