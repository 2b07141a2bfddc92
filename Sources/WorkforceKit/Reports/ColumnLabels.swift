/// Chinese headers for the report columns and names for the sheets, used in the workbook with `--lang zh`.
/// CSV headers and file names stay the stable English names that scripts rely on.
enum ColumnLabels {
    /// Sheet names (at most 31 characters) by report name.
    static let chineseSheetNames: [String: String] = [
        "README": "说明", "data_quality": "数据质量", "composition": "职工构成", "wages": "工资",
        "training": "职业技能培训", "coverage": "权益保障", "equal_pay": "同工同酬", "wage_vs_economy": "收入与经济增长",
        "skill_fit": "技能结构", "enterprises": "企业组织建设", "targets": "政策目标", "rates": "自定义比例", "means": "自定义均值",
        "quantiles": "自定义分位数", "changes": "较上期变化",
    ].merging(PlanStatisticKind.all.map { ($0.section, $0.chineseSheetName) }) { first, _ in first }

    static let chinese: [String: String] = [
        "year": "年份", "base_year": "基期年份", "scope": "范围", "by": "分组变量", "domain": "分组",
        "domain_en": "分组（英文）", "domain_zh": "分组名称", "indicator": "指标代码", "label_en": "指标（英文）",
        "label_zh": "指标名称", "unit_en": "单位（英文）", "unit_zh": "单位",
        "n": "样本量", "estimate": "估计值", "se": "标准误", "ci_low": "置信区间下限", "ci_high": "置信区间上限",
        "deff": "设计效应", "flag": "标记", "clause": "政策条款", "table": "数据表", "file": "文件",
        "measure": "项目", "value": "数值", "detail": "说明", "target": "目标值", "comparator": "比较",
        "due_year": "完成年份", "actual": "实际值", "actual_year": "实际值年份", "progress": "完成进度",
        "status": "状态", "actual_due": "到期年份实际值", "se_due": "到期年份标准误", "ci_low_due": "到期年份置信区间下限",
        "ci_high_due": "到期年份置信区间上限", "progress_due": "到期年份完成进度", "status_zh": "完成情况", "met_year": "达标年份",
        "beyond_sampling_error": "是否超出抽样误差", "change": "变化方式", "change_unit_en": "变化单位（英文）",
        "change_unit_zh": "变化单位", "significant": "是否显著", "line": "行号", "column": "列", "reason": "原因", "record": "原始记录",
    ]

    /// The Chinese names of a column's codes in the workbook under `--lang zh`: flags, the
    /// built-in scopes, data-quality measures (nil: the column's values stay as they are).
    static func chineseValue(_ column: String) -> ((String) -> String?)? {
        switch column {
        case "flag":
            return { code in
                code.isEmpty
                    ? nil
                    : code.split(separator: ";").map { part in
                        ["low_n": "样本量小", "suppressed": "已抑制"][part.trimmingCharacters(in: .whitespaces)]
                            ?? String(part)
                    }.joined(separator: "；")
            }
        case "scope": return { ["all": "全部", "industrial": "工业"][$0] }
        case "measure":
            return { code in
                if code.hasPrefix("quarantined: ") { return "隔离：" + code.dropFirst("quarantined: ".count) }
                if code.hasPrefix("mapped_to_other: ") { return "计为其他：" + code.dropFirst("mapped_to_other: ".count) }
                return dataQualityMeasures[code]
            }
        default: return nil
        }
    }

    static let dataQualityMeasures: [String: String] = [
        "encoding": "编码", "delimiter": "分隔符", "bytes": "字节数", "rows_read": "读取行数", "rows_accepted": "接受行数",
        "rows_quarantined": "隔离行数", "duplicate_keys": "重复键", "title_lines": "表头上方的标题行", "ignored_columns": "未使用的列",
        "workers_without_enterprise": "未匹配企业的职工", "enterprise_join_rate": "企业匹配率",
        "calibration_method": "校准方法", "calibration_iterations": "校准迭代次数", "g_weight_min": "校准权数比最小值",
        "g_weight_max": "校准权数比最大值", "largest_discrepancy_before": "校准前最大偏差", "largest_discrepancy_after": "校准后最大偏差",
    ]
}
