/// Where a policy target stands, judged at its due year (docs/indicators.md §9).
///
/// A target due in year Y is met on time when the figure for Y meets it; met late when it does not
/// but a later year's figure does (the first such year is the target's `met_year`); missed when no
/// figure from Y on meets it; not yet due when the data do not reach Y yet; no data when nothing
/// measures it, or nothing measures it in Y although the data reach Y.
public enum TargetStatus: String, Sendable, CaseIterable {
    case metOnTime = "met on time"
    case metLate = "met late"
    case missed = "missed"
    case notYetDue = "not yet due"
    case noData = "no data"

    /// The status in English, with the year a late target was met: "met late (2021)".
    public func english(metYear: Int?) -> String {
        if self == .metLate, let metYear { return "\(rawValue) (\(metYear))" }
        return rawValue
    }

    /// The status in Chinese, with the year a late target was met: "逾期完成（2021年）".
    public func chinese(metYear: Int?) -> String {
        switch self {
        case .metOnTime: "按期完成"
        case .metLate: metYear.map { "逾期完成（\($0)年）" } ?? "逾期完成"
        case .missed: "未完成"
        case .notYetDue: "未到期"
        case .noData: "无数据"
        }
    }
}

/// Whether a target is met beyond sampling error at its due year, for an actual that is a survey
/// estimate with an interval: met when the whole interval meets the target, missed when the whole
/// interval misses it, not established when the interval reaches both sides.
public enum SamplingVerdict: String, Sendable, CaseIterable {
    case met = "met"
    case missed = "missed"
    case notEstablished = "not established"

    /// The verdict on the interval [lower, upper] of an actual against `target` (`atLeast`: ≥, else ≤).
    static func judge(lower: Double, upper: Double, target: Double, atLeast: Bool) -> SamplingVerdict {
        if atLeast ? lower >= target : upper <= target { return .met }
        if atLeast ? upper < target : lower > target { return .missed }
        return .notEstablished
    }

    /// The verdict in English, as the summary and the README sheet show it.
    public var english: String {
        switch self {
        case .met: "met beyond sampling error"
        case .missed: "missed beyond sampling error"
        case .notEstablished: "within sampling error"
        }
    }

    /// The verdict in Chinese.
    public var chinese: String {
        switch self {
        case .met: "确定完成（置信区间全部达标）"
        case .missed: "确定未完成（置信区间全部未达标）"
        case .notEstablished: "在抽样误差范围内，尚不能确定"
        }
    }
}
