/// A sum of doubles on a fixed binary grid, so that the order of additions cannot change the result.
///
/// Each addend is rounded once to a multiple of 2^-`fractionBits` and added
/// as a 128-bit integer. Integer addition is associative, so a chunk's partial
/// sums merged in any grouping give the same bits as one pass over all rows:
/// results do not depend on the chunk size or the number of threads.
/// Resolution: 2^-32 ≈ 2.3e-10 absolute for the default grid.
public struct ExactSum: Sendable, Equatable {
    private var raw: Int128 = 0
    private let scale: Double

    /// A sum on the grid 2^-`fractionBits`; addends must stay below 2^(126 − fractionBits) in magnitude.
    public init(fractionBits: Int = 32) {
        scale = Double(sign: .plus, exponent: fractionBits, significand: 1)
    }

    @inline(__always)
    public mutating func add(_ value: Double) {
        raw &+= Int128((value * scale).rounded(.toNearestOrEven))
    }

    public mutating func add(_ other: ExactSum) {
        raw &+= other.raw
    }

    /// The sum as a double.
    public var value: Double { Double(raw) / scale }
}
