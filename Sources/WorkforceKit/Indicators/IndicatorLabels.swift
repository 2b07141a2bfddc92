/// English and Chinese labels of every indicator, so that one file serves a Shanghai analyst and a reviewer abroad.
public enum IndicatorLabels {
    /// (English, Chinese) by indicator name.
    static let labels: [String: (String, String)] = [
        "headcount": ("Weighted headcount", "加权职工人数"),
        "share": ("Share of workers", "职工占比"),
        "mean_wage": ("Mean monthly wage (CNY)", "平均月工资（元）"),
        "p10": ("10th percentile of monthly wage", "月工资第10百分位数"),
        "p25": ("25th percentile of monthly wage", "月工资第25百分位数"),
        "p50": ("Median monthly wage", "月工资中位数"),
        "p75": ("75th percentile of monthly wage", "月工资第75百分位数"),
        "p90": ("90th percentile of monthly wage", "月工资第90百分位数"),
        "p90_p10": ("P90/P10 ratio", "P90/P10 比值"),
        "p50_p10": ("P50/P10 ratio", "P50/P10 比值"),
        "low_pay_rate": ("Low-pay rate (below 2/3 of median)", "低收入比例（低于中位数2/3）"),
        "below_min_wage_share": ("Share below the minimum wage", "低于最低工资比例"),
        "kaitz_index": ("Minimum-wage bite (min wage / median)", "最低工资与中位数之比"),
        "gender_pay_gap_mean": ("Gender pay gap, means", "性别工资差距（均值）"),
        "gender_pay_gap_median": ("Gender pay gap, medians", "性别工资差距（中位数）"),
        "mean_to_city_average_wage": ("Mean wage / city average wage", "平均工资与全市平均工资之比"),
        "low_pay_rate_fulltime": ("Low-pay rate, full-time", "低收入比例（全日制）"),
        "p90_p10_fulltime": ("P90/P10, full-time", "P90/P10（全日制）"),
        "p50_p10_fulltime": ("P50/P10, full-time", "P50/P10（全日制）"),
        "share_trained": ("Share trained in the last 12 months", "近12个月参加培训比例"),
        "mean_training_hours": ("Mean training hours, all workers", "人均培训学时"),
        "mean_training_hours_trained": ("Mean training hours, trained workers", "参训者人均培训学时"),
        "subsidy_per_trainee": ("Public training subsidy per trainee (CNY)", "每名参训者培训补贴（元）"),
        "apprenticeship_share": ("Share in new-type apprenticeships", "新型学徒制参与比例"),
        "new_certificate_share": ("Share with a new skill certificate", "新取得技能证书比例"),
        "housing_fund_rate": ("Housing provident fund coverage", "住房公积金覆盖率"),
        "social_insurance_rate": ("Social insurance coverage", "社会保险覆盖率"),
        "labor_contract_rate": ("Written labour contract rate", "劳动合同签订率"),
        "union_membership_rate": ("Union membership rate", "工会入会率"),
        "mean_commute_minutes": ("Mean one-way commute (minutes)", "平均单程通勤时间（分钟）"),
    ]

    /// English label; the name itself when none is defined.
    public static func english(_ name: String) -> String {
        if let label = labels[name] { return label.0 }
        if name.hasSuffix("_gap"), let base = labels[String(name.dropLast(4))] {
            return base.0 + ": gap to reference group"
        }
        return name
    }

    /// Chinese label; the English one when none is defined.
    public static func chinese(_ name: String) -> String {
        if let label = labels[name] { return label.1 }
        if name.hasSuffix("_gap"), let base = labels[String(name.dropLast(4))] { return base.1 + "：与参照组差距" }
        return english(name)
    }
}

extension ByVariable {
    /// The Chinese label of a value code.
    public func chineseLabel(_ value: Int) -> String {
        switch self {
        case .all: "全部"
        case .industry: Industry.chineseNames[value]
        case .district: District.label(UInt8(value))
        case .employmentType: WorkerCodes.employmentTypes.chinese[value]
        case .skillLevel: Self.skillNames[value]
        case .education: ["初中及以下", "高中/中专/技校", "大专", "本科", "研究生"][value]
        case .sex: WorkerCodes.sexes.chinese[value]
        case .hukou: WorkerCodes.hukou.chinese[value]
        case .migrant: value == 1 ? "农民工" : "非农民工"
        case .ageBand: WorkerCodes.ageBands[value] + "岁"
        case .industryBySkill:
            "\(Industry.chineseNames[IndustrySkill.industry(of: value)])/\(Self.skillNames[IndustrySkill.level(of: value)])"
        case .enterpriseSize: value < EnterpriseSize.labels.count ? EnterpriseSize.labels[value] + "人" : "未匹配企业"
        }
    }

    static let skillNames = ["无等级", "初级工", "中级工", "高级工", "技师", "高级技师"]
}
