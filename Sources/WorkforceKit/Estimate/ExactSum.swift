/// A sum of doubles on a binary grid, so that the order of additions cannot change the result.
///
/// Each addend is rounded once to a multiple of the grid's step (`SumGrid`), to within one step, and
/// added as a 128-bit integer. Integer addition is associative, so a chunk's
/// partial sums merged in any grouping give the same bits as one pass over all
/// rows: results do not depend on the chunk size or the number of threads.
/// 16 bytes; the grid is held once by whoever owns a family of sums.
public struct ExactSum: Sendable, Equatable {
    private var raw: Int128 = 0

    public init() {}

    @inline(__always)
    public mutating func add(_ value: Double, on grid: SumGrid) {
        let scaled = value * grid.scale
        // One addend is below 2^62 on its grid (`SumGrid`): a single conversion, rounding half
        // away from zero by adding ½ and truncating (no libm call; within one step of the grid).
        if abs(scaled) < 0x1p62 {
            raw &+= Int128(Int64(scaled + (scaled < 0 ? -0.5 : 0.5)))
            return
        }
        // A sum of many addends (a PSU run's): whole multiples of 2^62, then the rest. At this
        // size `scaled` is a multiple of 2^10, so the rest is exact.
        let high = Double(Int64(scaled * 0x1p-62))  // truncated
        let rest = scaled - high * 0x1p62
        raw &+= Int128(Int64(high)) << 62 &+ Int128(Int64(rest))
    }

    public mutating func add(_ other: ExactSum) {
        raw &+= other.raw
    }

    /// The sum in steps of its grid, exactly.
    var steps: Int128 { raw }

    /// The sum as a double, on the grid it was gathered on.
    public func value(on grid: SumGrid) -> Double {
        // The generic Int128 → Double conversion is slow; sums within 64 bits take the hardware path,
        // larger ones are split in two 64-bit halves (deterministic, within one rounding of the sum).
        if let small = Int64(exactly: raw) { return Double(small) * grid.step }
        let high = Double(Int64(truncatingIfNeeded: raw >> 64)) * 0x1p64
        return (high + Double(UInt64(truncatingIfNeeded: raw))) * grid.step
    }
}

/// The step of a family of `ExactSum`s, fixed from the largest addend they will see.
///
/// The step is the power of two 2^(e − 61), e the binary exponent of the largest addend, so
/// every addend scales to below 2^62 (an `Int64`) and 2^64 of them cannot overflow the sum.
/// Tied to the data, not to absolute sizes, the grid keeps every addend to 2^-62 of the
/// largest whatever the weights' scale: weights × 2^k give bit-identical estimates (the
/// grid moves with them), weights × 10^-12 the same estimates to double precision. A fixed
/// grid would round small weights (normalised weights of a large survey) away.
public struct SumGrid: Sendable, Equatable {
    /// Addends are multiplied by this before rounding to an integer.
    public let scale: Double
    /// 1 / scale, exactly (a power of two).
    public let step: Double

    /// A grid for addends of magnitude at most `largest`.
    public init(largest: Double) {
        guard largest.isFinite, largest > 0 else {
            scale = 1
            step = 1
            return
        }
        scale = Double(sign: .plus, exponent: 61 - Int(largest.exponent), significand: 1)
        step = Double(sign: .plus, exponent: Int(largest.exponent) - 61, significand: 1)
    }
}
