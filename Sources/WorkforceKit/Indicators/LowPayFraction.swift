/// The share of the median below which a wage counts as low pay: ⅔ by default (docs/indicators.md).
public struct LowPayFraction: Sendable, Equatable {
    public let numerator: Double
    public let denominator: Double
    /// As the plan writes it, for labels and the manifest: "2/3", "0.6".
    public let text: String

    /// ⅔, the OECD's line.
    public static let twoThirds = LowPayFraction(numerator: 2, denominator: 3, text: "2/3")

    public init(numerator: Double, denominator: Double, text: String) {
        self.numerator = numerator
        self.denominator = denominator
        self.text = text
    }

    /// The low-pay line of a median: median × numerator / denominator (the same rounding as ⅔ always had).
    func line(median: Double) -> Double { median * numerator / denominator }
}
