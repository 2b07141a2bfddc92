/// A quantile's probability p as an exact fraction, so that "F̂(x) ≥ p" is decided without rounding.
///
/// p = numerator / (denominator · 2^shift). A published quantile is the whole percent it names
/// (p10 is 1/10, not the double nearest 0.1, which is a little more); a computed probability (a
/// Woodruff interval's end) is its double's exact value. `WeightedQuantile` compares these with
/// the domain's running weight sums held as exact integers (`ExactSum`), so whether F̂ reaches p
/// at a value does not depend on the weights' scale (docs/estimation.md).
public struct QuantileLevel: Sendable, Equatable {
    let numerator: UInt64
    let denominator: UInt64
    let shift: Int
    /// The nearest double, to order levels and to report them.
    public let value: Double

    /// A whole number of percent: `probability` rounded to hundredths, taken as k/100 exactly.
    public static func percent(_ probability: Double) -> QuantileLevel {
        let hundredths = (probability * 100).rounded()
        guard hundredths > 0 else { return QuantileLevel(numerator: 0, denominator: 1, shift: 0, value: 0) }
        return QuantileLevel(
            numerator: UInt64(min(hundredths, 100)), denominator: 100, shift: 0, value: min(hundredths, 100) / 100)
    }

    /// The exact value of a double in [0, 1] (clamped there; NaN reads as 1, the last value).
    public init(exactly probability: Double) {
        let p = probability.isNaN ? 1 : min(max(probability, 0), 1)
        value = p
        guard p > 0 else {
            (numerator, denominator, shift) = (0, 1, 0)
            return
        }
        // p = m · 2^(e − 52), m < 2^53 a whole number; drop m's trailing zeros to keep the shift small.
        var m = UInt64(p.significand * 0x1p52)
        var s = 52 - Int(p.exponent)
        let zeros = min(m.trailingZeroBitCount, s)
        m >>= UInt64(zeros)
        s -= zeros
        (numerator, denominator, shift) = (m, 1, s)
    }

    private init(numerator: UInt64, denominator: UInt64, shift: Int, value: Double) {
        self.numerator = numerator
        self.denominator = denominator
        self.shift = shift
        self.value = value
    }

    /// The least running sum C with C / `total` ≥ p, exactly: ⌈numerator · total / (denominator · 2^shift)⌉
    /// (nested ceilings of whole numbers give the same). At most `total`, since p ≤ 1.
    func threshold(of total: UInt128) -> UInt128 {
        let scaled = Wide(total, times: numerator).dividedByPowerOfTwoRoundingUp(shift)
        guard scaled.high < UInt128(denominator) else { return total }  // cannot happen for p ≤ 1
        let (quotient, remainder) = UInt128(denominator).dividingFullWidth((scaled.high, scaled.low))
        return min(remainder == 0 ? quotient : quotient + 1, total)
    }
}

/// An unsigned 256-bit number, just wide enough for a 128-bit sum times a 64-bit factor.
private struct Wide {
    var high: UInt128
    var low: UInt128

    init(_ value: UInt128, times factor: UInt64) {
        (high, low) = value.multipliedFullWidth(by: UInt128(factor))
    }

    /// ⌈self / 2^shift⌉.
    func dividedByPowerOfTwoRoundingUp(_ shift: Int) -> Wide {
        guard shift > 0 else { return self }
        var result = self
        let isZero = high == 0 && low == 0
        guard shift < 256 else {
            result.high = 0
            result.low = isZero ? 0 : 1
            return result
        }
        let dropped: Bool
        if shift >= 128 {
            let s = shift - 128
            dropped = low != 0 || (s > 0 && high & ((1 << UInt128(s)) - 1) != 0)
            result.low = high >> UInt128(s)
            result.high = 0
        } else {
            dropped = low & ((1 << UInt128(shift)) - 1) != 0
            result.low = (low >> UInt128(shift)) | (high << UInt128(128 - shift))
            result.high = high >> UInt128(shift)
        }
        if dropped {
            let (sum, carry) = result.low.addingReportingOverflow(1)
            result.low = sum
            if carry { result.high += 1 }
        }
        return result
    }
}
