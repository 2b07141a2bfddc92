/// A sum of doubles on a fixed binary grid, so that the order of additions cannot change the result.
///
/// Each addend is rounded once to a multiple of 2^-`Grid.fractionBits` and
/// added as a 128-bit integer. Integer addition is associative, so a chunk's
/// partial sums merged in any grouping give the same bits as one pass over all
/// rows: results do not depend on the chunk size or the number of threads.
/// 16 bytes; the grid is a type parameter so that it costs no storage.
public struct ExactSum<Grid: ExactSumGrid>: Sendable, Equatable {
    private var raw: Int128 = 0

    public init() {}

    @inline(__always)
    public mutating func add(_ value: Double) {
        let scaled = (value * Grid.scale).rounded(.toNearestOrEven)
        // Most addends fit in 64 bits, whose conversion is a single instruction.
        if abs(scaled) < 0x1p62 {
            raw &+= Int128(Int64(scaled))
        } else {
            raw &+= Int128(scaled)
        }
    }

    public mutating func add(_ other: ExactSum) {
        raw &+= other.raw
    }

    /// The sum as a double.
    public var value: Double {
        // The generic Int128 → Double conversion is slow; sums within 64 bits take the hardware path.
        if let small = Int64(exactly: raw) { return Double(small) / Grid.scale }
        return Double(raw) / Grid.scale
    }
}

/// The resolution of an `ExactSum`: addends must stay below 2^(126 − fractionBits) in magnitude.
public protocol ExactSumGrid: Sendable {
    static var scale: Double { get }
}

/// Resolution 2^-32 ≈ 2.3e-10, for weights and weighted values (|addend| < 2^94 ≈ 2e28).
public enum FineGrid: ExactSumGrid {
    public static let scale = 0x1p32
}

/// Resolution 2^-8, for weighted squares that reach 1e25 (|addend| < 2^118).
public enum CoarseGrid: ExactSumGrid {
    public static let scale = 0x1p8
}
