/// Every indicator the reports publish: its name in English and Chinese and its unit, in one table.
///
/// Reports name indicators by their stable code (`mean_wage`); the labels and units that
/// people read come from here only. A `_gap` indicator (a group's value minus its
/// reference group's) takes its base indicator's label and the unit of a difference.
public enum IndicatorCatalog {
    /// Name in English and Chinese, and unit, of one indicator.
    public struct Entry: Sendable, Equatable {
        public let english: String
        public let chinese: String
        public let unit: IndicatorUnit
    }

    /// The entry of `code`; nil for a code no report publishes (a target of the user's own naming).
    public static func entry(_ code: String) -> Entry? {
        if let entry = entries[code] { return entry }
        if let percent = percentile(code) {
            // A quantile the plan adds to the wages report (`WageQuantiles`).
            return Entry(
                english: "Monthly wage, \(percent)\(ordinalSuffix(percent)) percentile", chinese: "月工资第\(percent)百分位数",
                unit: .yuan)
        }
        if code.hasSuffix("_gap"), let base = entries[String(code.dropLast(4))] {
            return Entry(
                english: base.english + ": gap to the reference group", chinese: base.chinese + "：与参照组之差",
                unit: base.unit.difference)
        }
        return nil
    }

    /// The percent of a quantile code `p1` … `p99`, nil for any other code.
    static func percentile(_ code: String) -> Int? {
        guard code.hasPrefix("p"), let percent = Int(code.dropFirst()), (1...99).contains(percent),
            code == "p\(percent)"
        else { return nil }
        return percent
    }

    /// "st", "nd", "rd" or "th" after a number in English.
    static func ordinalSuffix(_ number: Int) -> String {
        if (11...13).contains(number % 100) { return "th" }
        switch number % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// Every code with an entry of its own (gaps derive from these).
    public static var codes: [String] { entries.keys.sorted() }

    /// Skill levels 0–5 (`skill_level`), as indicator names spell them.
    static let skillLevels: [(english: String, chinese: String)] = [
        ("no skill level", "无技能等级"), ("junior worker", "初级工"), ("intermediate worker", "中级工"),
        ("senior worker", "高级工"), ("technician", "技师"), ("senior technician", "高级技师"),
    ]

    private static let entries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ code: String, _ english: String, _ chinese: String, _ unit: IndicatorUnit) {
            precondition(table[code] == nil, "indicator \(code) listed twice")
            table[code] = Entry(english: english, chinese: chinese, unit: unit)
        }
        // composition.csv
        add("headcount", "Weighted headcount", "加权职工人数", .weightedPersons)
        add("share", "Share of workers", "职工占比", .fraction)
        // wages.csv
        add("mean_wage", "Mean monthly wage", "平均月工资", .yuan)
        add("p10", "Monthly wage, 10th percentile", "月工资第10百分位数", .yuan)
        add("p25", "Monthly wage, 25th percentile", "月工资第25百分位数", .yuan)
        add("p50", "Median monthly wage", "月工资中位数", .yuan)
        add("p75", "Monthly wage, 75th percentile", "月工资第75百分位数", .yuan)
        add("p90", "Monthly wage, 90th percentile", "月工资第90百分位数", .yuan)
        add("p90_p10", "Wage dispersion P90/P10", "工资离散度 P90/P10", .ratio)
        add("p50_p10", "Wage dispersion P50/P10", "工资离散度 P50/P10", .ratio)
        add("low_pay_rate", "Low-pay rate (below 2/3 of the median)", "低收入比例（低于中位数的2/3）", .fraction)
        add("below_min_wage_share", "Share paid below the minimum wage", "低于最低工资标准的比例", .fraction)
        add("kaitz_index", "Minimum wage / median wage (Kaitz index)", "最低工资与工资中位数之比", .ratio)
        add("gender_pay_gap_mean", "Gender pay gap, means (1 − women/men)", "性别工资差距（均值，1 − 女/男）", .fraction)
        add(
            "gender_pay_gap_median", "Gender pay gap, medians (1 − women/men)", "性别工资差距（中位数，1 − 女/男）",
            .fraction)
        add("mean_to_city_average_wage", "Mean wage / city average wage", "平均工资与全市职工平均工资之比", .ratio)
        add("low_pay_rate_fulltime", "Low-pay rate, full-time workers", "低收入比例（全日制职工）", .fraction)
        add("p90_p10_fulltime", "Wage dispersion P90/P10, full-time workers", "工资离散度 P90/P10（全日制职工）", .ratio)
        add("p50_p10_fulltime", "Wage dispersion P50/P10, full-time workers", "工资离散度 P50/P10（全日制职工）", .ratio)
        // training.csv
        add("share_trained", "Share trained in the last 12 months", "近12个月参加培训的比例", .fraction)
        add("mean_training_hours", "Training hours per worker", "人均培训学时", .hours)
        add("mean_training_hours_trained", "Training hours per trained worker", "参训职工人均培训学时", .hours)
        add("subsidy_per_trainee", "Public training subsidy per trainee", "参训职工人均培训补贴", .yuan)
        add("apprenticeship_share", "Share in new-type apprenticeships", "参加新型学徒制的比例", .fraction)
        add("new_certificate_share", "Share with a new skill certificate", "新取得技能证书的比例", .fraction)
        // coverage.csv
        add("housing_fund_rate", "Housing provident fund coverage", "住房公积金覆盖率", .fraction)
        add("social_insurance_rate", "Social insurance coverage", "社会保险覆盖率", .fraction)
        add("labor_contract_rate", "Written labour contract rate", "劳动合同签订率", .fraction)
        add("union_membership_rate", "Trade union membership rate", "工会入会率", .fraction)
        add("mean_commute_minutes", "Mean one-way commute", "平均单程通勤时间", .minutes)
        // equal_pay.csv
        add("raw_pay_ratio", "Mean wage / regular workers' mean wage", "平均工资与正式职工平均工资之比", .ratio)
        add(
            "adjusted_pay_ratio", "Pay ratio to regular workers, same industry × skill mix",
            "同行业、同技能结构下与正式职工的工资之比", .ratio)
        add("cells_used", "Industry × skill cells compared", "参与比较的行业×技能单元数", .count)
        add("cells_left_out", "Industry × skill cells left out (under 10 rows)", "未参与比较的单元数（样本不足10）", .count)
        add(
            "weight_share_left_out", "Share of the group's weight in cells left out", "未参与比较单元的权重占比",
            .fraction)
        // skill_fit.csv
        for (level, name) in skillLevels.enumerated() {
            add(
                "supply_share_level_\(level)", "Workers at level \(level) (\(name.english)): share",
                "技能等级\(level)（\(name.chinese)）职工占比", .fraction)
            add(
                "demand_share_level_\(level)", "Demand at level \(level) (\(name.english)): share",
                "技能等级\(level)（\(name.chinese)）需求占比", .fraction)
            add(
                "supply_minus_demand_level_\(level)",
                "Level \(level) (\(name.english)): workers − demand (negative: shortage)",
                "技能等级\(level)（\(name.chinese)）：供给减需求（负值为缺口）", .weightedPersons)
            add(
                "wage_ladder_level_\(level)", "Mean wage at level \(level) (\(name.english)) / at level 1",
                "技能等级\(level)（\(name.chinese)）平均工资与初级工之比", .ratio)
        }
        add("dissimilarity_index", "Skill mismatch (dissimilarity index)", "技能结构错配指数（相异指数）", .fraction)
        add("largest_shortage_level", "Skill level with the largest shortage", "缺口最大的技能等级", .skillLevel)
        add(
            "high_skill_share_certified", "High-skilled share of certified workers", "高技能人才占技能劳动者比例",
            .fraction)
        add("high_skill_share_all", "High-skilled share of all workers", "高技能人才占全部职工比例", .fraction)
        add(
            "parity_senior_worker_to_assistant_engineer", "Pay parity: senior worker / assistant engineer",
            "工资比：高级工 / 助理工程师", .ratio)
        add("parity_technician_to_engineer", "Pay parity: technician / engineer", "工资比：技师 / 工程师", .ratio)
        add(
            "parity_senior_technician_to_senior_engineer", "Pay parity: senior technician / senior engineer",
            "工资比：高级技师 / 高级工程师", .ratio)
        // wage_vs_economy.csv
        add("nominal_mean_growth", "Mean wage growth, nominal, whole period", "平均工资名义增长（全期）", .fraction)
        add("nominal_mean_growth_annual", "Mean wage growth, nominal, per year", "平均工资名义年均增长", .fraction)
        add("nominal_median_growth", "Median wage growth, nominal, whole period", "工资中位数名义增长（全期）", .fraction)
        add("nominal_median_growth_annual", "Median wage growth, nominal, per year", "工资中位数名义年均增长", .fraction)
        add("real_mean_growth", "Mean wage growth, real, whole period", "平均工资实际增长（全期）", .fraction)
        add("real_mean_growth_annual", "Mean wage growth, real, per year", "平均工资实际年均增长", .fraction)
        add("real_median_growth_annual", "Median wage growth, real, per year", "工资中位数实际年均增长", .fraction)
        add("log_mean_growth", "Mean wage growth, log (ln m1/m0)", "平均工资对数增长（ln m1/m0）", .ratio)
        add("significant", "Mean wage change significant (interval excludes 0)", "平均工资变化显著（区间不含0）", .yesNo)
        add("real_gdp_growth", "Real GDP growth, whole period", "地区生产总值实际增长（全期）", .fraction)
        add("real_gdp_growth_annual", "Real GDP growth, per year", "地区生产总值实际年均增长", .fraction)
        add(
            "real_wage_gdp_gap_pp", "Real wage growth − real GDP growth, per year", "实际工资年均增长减实际GDP年均增长",
            .percentagePoints)
        add("elasticity_to_gdp", "Real wage growth / real GDP growth", "实际工资增长与实际GDP增长之比（弹性）", .ratio)
        add(
            "in_step", "Wages grow in step with the economy (judged on the interval of the gap)",
            "工资与经济同步增长（按差值的置信区间判断）", .stepVerdict)
        add(
            "va_per_employee_growth_annual", "Value added per employee, growth per year (nominal)",
            "人均增加值名义年均增长", .fraction)
        add(
            "wage_minus_va_growth_pp", "Wage growth − value-added-per-employee growth, per year",
            "工资年均增长减人均增加值年均增长", .percentagePoints)
        // enterprises.csv
        add("union_share", "Enterprises with a trade union", "建立工会的企业比例", .fraction)
        add("worker_congress_share", "Enterprises with a workers' congress", "建立职工代表大会的企业比例", .fraction)
        add(
            "party_member_presence_share", "Non-public enterprises, 50+ employees: with a party member",
            "50人以上非公企业中有党员的比例", .fraction)
        add(
            "party_org_share", "Non-public enterprises, 100+ employees: with a party organisation",
            "100人以上非公企业中建立党组织的比例", .fraction)
        add("dispatch_share", "Dispatched workers / total workforce", "劳务派遣用工占用工总量比例", .fraction)
        add(
            "over_dispatch_cap_count", "Enterprises above the 10 % dispatch cap (in the sample)",
            "劳务派遣超过10%的企业数（样本）", .count)
        add(
            "over_dispatch_cap_share", "Enterprises above the 10 % dispatch cap: share", "劳务派遣超过10%的企业比例",
            .fraction)
        add("value_added_per_employee", "Value added per employee", "人均增加值", .tenThousandYuan)
        add("training_spend_per_employee", "Training spend per employee", "人均职工培训经费", .tenThousandYuan)
        add(
            "chief_technician_posts_per_1000", "Chief-technician posts per 1,000 employees", "每千名职工首席技师岗位数",
            .perThousandEmployees)
        // targets.csv (the policy text's targets)
        add("dual_qualified_teacher_share", "Share of dual-qualified teachers", "“双师型”教师比例", .percent)
        add("high_skill_training_bases", "High-skill training bases", "高技能人才培养基地", .count)
        add("open_training_centers", "Open public training centres", "开放式公共实训基地", .count)
        add("chief_technicians_funded", "Chief technicians funded", "资助的首席技师", .count)
        add("skill_master_studios", "Skill master studios", "技能大师工作室", .count)
        return table
    }()
}
