/// A statistic a report needs, for every domain of the run's breakdowns in its scopes, published
/// under an indicator code: what reports declare, and all the estimation engine takes.
struct Request: Sendable, Equatable {
    let indicator: String
    let statistic: Statistic
    /// The scopes (`Scope.index`) it covers; nil: every scope of the run.
    var scopes: Set<Int>? = nil
    /// The breakdowns (`ByVariable.index`) it covers; nil: every breakdown of the run.
    var breakdowns: Set<Int>? = nil

    /// Whether it asks for a point alone (a quantile without its interval), which needs no walk of the wave.
    var isPoint: Bool {
        if case .quantile(_, _, interval: false) = statistic { return true }
        return false
    }

    /// Whether it is estimated for the domains of `by` within `scope` (a gap only where `by` has a reference group).
    func covers(_ scope: Scope, _ by: ByVariable) -> Bool {
        if case .gapToReference = statistic, by.referenceValue == nil { return false }
        return (scopes?.contains(scope.index) ?? true) && (breakdowns?.contains(by.index) ?? true)
    }
}

extension ByVariable {
    /// The reference group of gaps: regular workers for employment_type, local for hukou, non-migrant for migrant.
    var referenceValue: Int? {
        switch self {
        case .employmentType, .hukou, .migrant: 0
        default: nil
        }
    }
}
