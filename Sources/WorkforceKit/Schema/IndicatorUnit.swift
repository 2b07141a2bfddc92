/// The unit of an indicator's value as the reports store it, named in English and Chinese.
///
/// Shares, rates and growth are stored as fractions (0.05 = 5 %), so that scripts read
/// them without rescaling; the workbook shows them as percentages. A difference of two
/// fractions is stored as a fraction too (0.01 = 1 percentage point).
public enum IndicatorUnit: String, CaseIterable, Sendable {
    case yuan
    case tenThousandYuan
    case fraction
    case fractionDifference
    case percentagePoints
    case percent
    case ratio
    case weightedPersons
    case count
    case perThousandEmployees
    case hours
    case minutes
    case skillLevel
    case yesNo
    /// The three-valued `in_step` (`StepVerdict`).
    case stepVerdict

    /// The unit in English, as the `unit_en` column shows it.
    public var english: String {
        switch self {
        case .yuan: "CNY"
        case .tenThousandYuan: "10,000 CNY"
        case .fraction: "fraction (0.05 = 5 %)"
        case .fractionDifference: "difference of fractions (0.01 = 1 percentage point)"
        case .percentagePoints: "percentage points"
        case .percent: "%"
        case .ratio: "ratio"
        case .weightedPersons: "persons (weighted)"
        case .count: "count"
        case .perThousandEmployees: "per 1,000 employees"
        case .hours: "hours"
        case .minutes: "minutes"
        case .skillLevel: "skill level (0–5)"
        case .yesNo: "1 = yes, 0 = no"
        case .stepVerdict: "1 = in step, 0 = not established, -1 = not in step"
        }
    }

    /// The unit in Chinese, as the `unit_zh` column shows it.
    public var chinese: String {
        switch self {
        case .yuan: "元"
        case .tenThousandYuan: "万元"
        case .fraction: "比例（小数，0.05 即 5%）"
        case .fractionDifference: "比例之差（小数，0.01 即 1 个百分点）"
        case .percentagePoints: "百分点"
        case .percent: "%"
        case .ratio: "比值"
        case .weightedPersons: "人（加权）"
        case .count: "个"
        case .perThousandEmployees: "每千名职工"
        case .hours: "小时"
        case .minutes: "分钟"
        case .skillLevel: "技能等级（0–5）"
        case .yesNo: "1 = 是，0 = 否"
        case .stepVerdict: "1 = 同步，0 = 尚不能确定，-1 = 未同步"
        }
    }

    /// The unit of a difference between two values in this unit (a `_gap` indicator).
    public var difference: IndicatorUnit {
        self == .fraction ? .fractionDifference : self
    }
}
