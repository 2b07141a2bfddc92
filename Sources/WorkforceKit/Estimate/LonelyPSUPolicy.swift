/// What to do with a stratum that has a single PSU, with the meanings of R's `survey.lonely.psu`.
public enum LonelyPSUPolicy: String, CaseIterable, Sendable {
    /// Default: the PSU's linearised total is taken about 0, the overall mean of the
    /// linearised variable (R centres it at the grand mean rather than the stratum mean).
    case adjust
    /// The stratum contributes nothing to the variance.
    case remove
    /// The PSU was sampled with certainty: it contributes nothing to the variance.
    case certainty
    /// The stratum is left out and the variance scaled up by the strata the estimate's rows touch
    /// over those of them with 2+ PSUs (R's `svyby` with `survey.lonely.psu = "average"`).
    case average
    /// Stop with an error naming the stratum.
    case fail
}

/// A design problem that stops estimation.
///
/// The stratum is named by its place among the wave's strata (in order of first appearance
/// in the workers' files), never by its value: messages and logs hold no field content.
public struct DesignError: WorkforceError, Equatable {
    public let year: Int
    /// 1-based place of the stratum in order of first appearance.
    public let stratumNumber: Int
    /// How many strata the wave has.
    public let strata: Int

    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        "workers \(year): the stratum that appears \(Self.ordinal(stratumNumber)) (of \(strata) strata, in file order) "
            + "has only one PSU, and --lonely-psu fail was given; "
            + "use --lonely-psu adjust (the default), remove, certainty or average, or merge the stratum with a neighbour"
    }

    /// 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st.
    static func ordinal(_ number: Int) -> String {
        let suffix =
            (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }
}
