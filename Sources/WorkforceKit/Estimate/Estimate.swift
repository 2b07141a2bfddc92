/// One estimate with its uncertainty: what every row of a worker-level report carries.
public struct Estimate: Sendable, Equatable {
    /// Unweighted rows behind the estimate.
    public var n: Int
    public var value: Double?
    public var standardError: Double?
    public var lower: Double?
    public var upper: Double?
    /// Design effect, for means and proportions.
    public var designEffect: Double?

    public init(
        n: Int, value: Double?, standardError: Double? = nil, lower: Double? = nil, upper: Double? = nil,
        designEffect: Double? = nil
    ) {
        self.n = n
        self.value = value
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
        self.designEffect = designEffect
    }

    /// A point estimate without uncertainty (ratios of quantiles, rates against thresholds …).
    public static func point(n: Int, _ value: Double?) -> Estimate { Estimate(n: n, value: value) }
}
