/// The wages at which a domain's distribution function is evaluated: its quantiles ("wage ≤ q")
/// and fixed thresholds ("wage < t"), in ascending order.
///
/// The `PSUPass` adds each row's weight to the sum of every cut that holds its wage (`.cut`
/// terms); `DesignEstimator.distribution` turns those per-PSU sums into shares and Woodruff intervals.
struct WageCuts: Sendable {
    /// What a cut stands for: the quantile or the threshold with that index.
    enum Kind: Sendable {
        case quantile(Int)
        case share(Int)
    }

    struct Cut: Sendable {
        let value: Double
        /// "≤ value" for a quantile, "< value" for a threshold.
        let inclusive: Bool
        let kind: Kind

        @inline(__always)
        func holds(_ wage: Double) -> Bool { inclusive ? wage <= value : wage < value }
    }

    /// The domain's quantiles at the report's probabilities (nil when it has no weight).
    let points: [Double?]
    /// The domain's Σ w as `WeightedQuantile.total` gives it, reused to map intervals back to wages.
    let weight: WeightedQuantile.Total?
    let thresholdCount: Int
    /// Ascending; at equal values "< t" comes before "≤ q".
    let cuts: [Cut]

    init(points: [Double?], thresholds: [Double], weight: WeightedQuantile.Total? = nil) {
        self.points = points
        self.weight = weight
        thresholdCount = thresholds.count
        var cuts: [Cut] = []
        for (k, point) in points.enumerated() {
            if let q = point { cuts.append(Cut(value: q, inclusive: true, kind: .quantile(k))) }
        }
        for (k, t) in thresholds.enumerated() { cuts.append(Cut(value: t, inclusive: false, kind: .share(k))) }
        cuts.sort { ($0.value, $0.inclusive ? 1 : 0) < ($1.value, $1.inclusive ? 1 : 0) }
        self.cuts = cuts
    }
}
