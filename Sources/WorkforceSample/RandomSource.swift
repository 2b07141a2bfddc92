import Foundation
import WorkforceKit

extension SampleGenerator {
    /// SplitMix64: expands seeds and stream keys into well-mixed 64-bit words.
    ///
    /// The algorithm fixes every output, so streams are reproducible on any platform,
    /// which `SystemRandomNumberGenerator` and Foundation's randomness are not.
    struct SplitMix64 {
        private(set) var state: UInt64

        init(state: UInt64) { self.state = state }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SplitMix64.finalize(state)
        }

        /// The SplitMix64 output function: a bijective 64-bit mixer.
        static func finalize(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The concerns that draw random numbers; each gets its own family of streams.
    ///
    /// Keeping them apart means a change in, say, the worker model never shifts the
    /// enterprise frame, and waves can be generated independently of each other.
    enum Stream: UInt64 {
        case frame = 1
        case traits
        case sizeNoise
        case enterpriseYear
        case sampling
        case workers
        case demand
    }

    /// Derives the key of an independent random stream from the seed, a purpose and two coordinates.
    static func streamKey(_ seed: UInt64, _ stream: Stream, _ first: Int = 0, _ second: Int = 0) -> UInt64 {
        let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
        var key = SplitMix64.finalize(seed &+ stream.rawValue &* golden)
        key = SplitMix64.finalize(key ^ UInt64(bitPattern: Int64(first)) &+ golden)
        key = SplitMix64.finalize(key ^ UInt64(bitPattern: Int64(second)) &+ golden)
        return key
    }

    /// xoshiro256** (Blackman & Vigna): the generator behind every draw, seeded through SplitMix64.
    ///
    /// Also caches the second normal variate of the polar method, so each stream is
    /// self-contained and the order of draws alone fixes the output.
    struct Xoshiro256 {
        private var s0: UInt64
        private var s1: UInt64
        private var s2: UInt64
        private var s3: UInt64
        var spareNormal = 0.0
        var hasSpareNormal = false

        init(key: UInt64) {
            // SplitMix64's output function is a bijection of successive distinct states,
            // so it cannot return four zero words in a row: the forbidden all-zero state never occurs.
            var mixer = SplitMix64(state: key)
            s0 = mixer.next()
            s1 = mixer.next()
            s2 = mixer.next()
            s3 = mixer.next()
        }

        mutating func next() -> UInt64 {
            let result = Xoshiro256.rotate(s1 &* 5, 7) &* 9
            let shifted = s1 << 17
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= shifted
            s3 = Xoshiro256.rotate(s3, 45)
            return result
        }

        @inline(__always)
        private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
            (value << count) | (value >> (64 - count))
        }
    }
}
