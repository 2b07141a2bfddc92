/// The wage quantiles the wages report publishes, ascending: P10, P25, P50, P75, P90 unless the
/// survey plan lists others (it must keep P10, P50 and P90, which the decile ratios use).
public struct WageQuantiles: Sendable, Equatable {
    /// Ascending probabilities, each a whole number of percent.
    public let probabilities: [Double]

    public static let standard = WageQuantiles(checked: [0.1, 0.25, 0.5, 0.75, 0.9])
    /// The quantiles every list must hold.
    public static let required: [Double] = [0.1, 0.5, 0.9]

    /// A list already known to be ascending whole percents holding `required`.
    init(checked probabilities: [Double]) {
        self.probabilities = probabilities
    }

    /// The list, or why it cannot be one: percents 1–99 in whole numbers, ascending, none twice,
    /// P10, P50 and P90 among them.
    /// A list that must hold `requiring` (the wage list: P10, P50, P90; a plan's other lists: none).
    public static func make(_ probabilities: [Double], requiring: [Double] = required) -> Result<WageQuantiles, Problem>
    {
        // A whole percent written in two decimals is within rounding of a whole number once × 100 (0.07 × 100 = 7.000000000000001).
        for p in probabilities where !(0.01...0.99).contains(p) || abs(p * 100 - (p * 100).rounded()) > 1e-9 {
            return .failure(.notAPercent(p))
        }
        for (a, b) in zip(probabilities, probabilities.dropFirst()) where a >= b {
            return .failure(.notAscending(a, b))
        }
        if let missing = requiring.first(where: { !probabilities.contains($0) }) { return .failure(.missing(missing)) }
        if probabilities.isEmpty { return .failure(.empty) }
        return .success(WageQuantiles(checked: probabilities))
    }

    /// What is wrong with a list.
    public enum Problem: Error, Equatable {
        case notAPercent(Double)
        case notAscending(Double, Double)
        case missing(Double)
        case empty
    }

    /// The indicator code of each quantile: p10, p25 …
    public var codes: [String] { probabilities.map(Self.code) }

    /// `p` and its whole percent: 0.05 → p5.
    static func code(_ probability: Double) -> String { "p\(Int((probability * 100).rounded()))" }

    /// Position of `probability` in the list (it must be there).
    func index(of probability: Double) -> Int {
        probabilities.firstIndex(of: probability) ?? 0
    }
}
