/// Whether wages grew in step with the economy, judged on the interval of the difference, not on its point.
///
/// The policy asks that income grow in step with the economy （二）"收入与经济增长同步". A survey
/// measures wage growth with sampling error; the economy's growth is an official series taken
/// as known. With d = real wage growth − real GDP growth (per year) and its confidence interval
/// [lower, upper], and the tolerance t (`in_step_tolerance`, the same unit):
/// - in step when the whole interval lies at or above −t (lower ≥ −t): the wage growth fell
///   short of the economy's by less than the tolerance, beyond sampling error;
/// - not in step when the whole interval lies below −t (upper < −t);
/// - not established otherwise, or when the interval cannot be computed.
///
/// `in_step` in wage_vs_economy.csv publishes `rawValue`: 1, −1 or 0 (docs/indicators.md §3).
public enum StepVerdict: Int, Sendable, CaseIterable {
    case notInStep = -1
    case notEstablished = 0
    case inStep = 1

    /// The verdict on an interval [lower, upper] of d against the tolerance t ≥ 0, in the same unit.
    public static func judge(lower: Double?, upper: Double?, tolerance: Double) -> StepVerdict {
        guard let lower, let upper, lower.isFinite, upper.isFinite, lower <= upper else { return .notEstablished }
        if lower >= -tolerance { return .inStep }
        if upper < -tolerance { return .notInStep }
        return .notEstablished
    }

    /// The verdict an `in_step` value stands for; nil for any other number.
    public init?(code: Double) {
        guard let verdict = Self.allCases.first(where: { Double($0.rawValue) == code }) else { return nil }
        self = verdict
    }

    /// The verdict in English, as the summary and the workbook's README sheet show it ("not established":
    /// the interval reaches both sides of −tolerance, the difference is within sampling error).
    public var english: String {
        switch self {
        case .inStep: "in step"
        case .notInStep: "not in step"
        case .notEstablished: "not established"
        }
    }

    /// The verdict in Chinese.
    public var chinese: String {
        switch self {
        case .inStep: "同步"
        case .notInStep: "未同步"
        case .notEstablished: "尚不能确定"
        }
    }
}
