/// The columns of each input table, in the order of the contract.
///
/// Validators read columns by their position in these lists (the `…Column`
/// enums), so the order here and the enums must agree.
public enum TableSchemas {
    /// The columns of `table`, each also accepting the header spellings `aliases` gives for it
    /// by column name (the survey plan's `[column_aliases.<table>]`).
    public static func columns(of table: TableKind, aliases: [String: [String]]) -> [ColumnSpec] {
        columns(of: table).map { column in
            guard let extra = aliases[column.name], !extra.isEmpty else { return column }
            return ColumnSpec(
                column.name, column.chinese, required: column.required, aliases: column.aliases + extra)
        }
    }

    public static func columns(of table: TableKind) -> [ColumnSpec] {
        switch table {
        case .workers: workers
        case .enterprises: enterprises
        case .economy: economy
        case .skillDemand: skillDemand
        case .programs: programs
        case .targets: targets
        case .population: population
        }
    }

    static let workers: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("worker_id", "职工编号", required: true),
        ColumnSpec("enterprise_id", "企业编号", required: true),
        ColumnSpec("district", "区", required: true),
        ColumnSpec("industry", "行业", required: true),
        ColumnSpec("employment_type", "用工形式", required: true),
        ColumnSpec("sex", "性别", required: true),
        ColumnSpec("age", "年龄", required: true),
        ColumnSpec("education", "学历", required: true),
        ColumnSpec("hukou", "户籍", required: true),
        ColumnSpec("migrant", "农民工"),
        ColumnSpec("skill_level", "技能等级", required: true),
        ColumnSpec("title", "职称"),
        ColumnSpec("monthly_wage", "月工资", required: true),
        ColumnSpec("weekly_hours", "周工时"),
        ColumnSpec("trained", "参加培训", required: true),
        ColumnSpec("training_hours", "培训学时"),
        ColumnSpec("training_subsidy", "培训补贴"),
        ColumnSpec("apprentice", "学徒"),
        ColumnSpec("new_certificate", "新取得证书"),
        ColumnSpec("housing_fund", "住房公积金", required: true),
        ColumnSpec("social_insurance", "社会保险", required: true),
        ColumnSpec("labor_contract", "劳动合同", required: true),
        ColumnSpec("union_member", "工会会员"),
        ColumnSpec("party_member", "党员"),
        ColumnSpec("commute_minutes", "通勤时间"),
        ColumnSpec("weight", "权数"),
        ColumnSpec("stratum", "层"),
        ColumnSpec("psu", "初级抽样单位"),
        ColumnSpec("fpc", "有限总体校正"),
    ]

    static let enterprises: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("enterprise_id", "企业编号", required: true),
        ColumnSpec("district", "区"),
        ColumnSpec("industry", "行业"),
        ColumnSpec("ownership", "所有制"),
        ColumnSpec("employees", "职工人数", required: true),
        ColumnSpec("dispatch_workers", "劳务派遣人数"),
        ColumnSpec("has_union", "建立工会"),
        ColumnSpec("has_party_org", "建立党组织"),
        ColumnSpec("party_members", "党员人数"),
        ColumnSpec("has_worker_congress", "职代会"),
        ColumnSpec("value_added", "增加值"),
        ColumnSpec("profit", "利润"),
        ColumnSpec("training_spend", "培训经费"),
        ColumnSpec("chief_technician_posts", "首席技师岗位"),
        ColumnSpec("weight", "权数"),
    ]

    static let economy: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("gdp", "生产总值"),
        ColumnSpec("gdp_real_growth", "实际增长率"),
        ColumnSpec("cpi", "居民消费价格指数"),
        ColumnSpec("avg_wage", "平均工资"),
        ColumnSpec("min_wage", "最低工资"),
        ColumnSpec("wage_guideline", "工资指导线"),
    ]

    static let skillDemand: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("industry", "行业", required: true),
        ColumnSpec("skill_level", "技能等级", required: true),
        ColumnSpec("demand", "需求人数", required: true),
    ]

    static let programs: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("program", "项目", required: true),
        ColumnSpec("value", "数值", required: true),
    ]

    static let targets: [ColumnSpec] = [
        ColumnSpec("indicator", "指标", required: true),
        ColumnSpec("target", "目标值", required: true),
        ColumnSpec("comparator", "比较", required: true),
        ColumnSpec("due_year", "完成年份", required: true),
        ColumnSpec("clause", "条款"),
    ]

    static let population: [ColumnSpec] = [
        ColumnSpec("year", "年份", required: true),
        ColumnSpec("margin", "校准维度", required: true),
        ColumnSpec("code", "代码"),
        ColumnSpec("total", "总体数", required: true),
    ]
}
