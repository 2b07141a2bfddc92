/// One year's accepted workers as columns (the contract's and the plan's declared ones), with
/// the year's design: what aggregation hands to estimation.
struct Wave: Sendable {
    let year: Int
    /// The workers in file order.
    let samples: WageSamples
    let estimator: DesignEstimator
}
