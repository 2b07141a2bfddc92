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
public struct DesignError: WorkforceError, Equatable {
    public let year: Int
    public let stratum: String

    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        "workers \(year): stratum \"\(stratum)\" has only one PSU, and --lonely-psu fail was given; "
            + "use --lonely-psu adjust (the default), remove, certainty or average, or merge the stratum with a neighbour"
    }
}
