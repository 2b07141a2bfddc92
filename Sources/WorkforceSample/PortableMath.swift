import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Natural logarithm and exponential built only from IEEE-754 +, −, ×, ÷.
    ///
    /// The platform's `log`/`exp` (glibc, Apple libm, musl) may differ in the last bit,
    /// and one different bit can flip a draw and change the output file. Basic
    /// arithmetic and `squareRoot()` are correctly rounded everywhere, so these are
    /// bit-identical on every machine. Accuracy is within a few ulps, ample for simulation.
    enum PortableMath {
        // ln 2 split into a high part with trailing zero bits and a tail (fdlibm's constants),
        // so that k·ln2Hi is exact for the k we meet.
        private static let ln2Hi = 6.931_471_803_691_238_164_90e-01
        private static let ln2Lo = 1.908_214_929_270_587_700_02e-10
        private static let log2e = 1.442_695_040_888_963_387_00

        /// ln(x) for x > 0; −∞ at 0 and NaN below.
        static func log(_ x: Double) -> Double {
            guard x > 0 else { return x == 0 ? -.infinity : .nan }
            guard x.isFinite else { return x }
            // x = m·2^e with m in [√½, √2), so the series argument below stays under 0.172.
            var mantissa = x.significand
            var exponent = Double(Int(x.exponent))
            if mantissa > 1.414_213_562_373_095_1 {
                mantissa *= 0.5
                exponent += 1
            }
            // ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1); |s| < 0.172,
            // so terms beyond s²⁵ are below half an ulp. Coefficients are literals: no divisions.
            let s = (mantissa - 1) / (mantissa + 1)
            let z = s * s
            var series = 0.04
            series = 0.043478260869565216 + z * series
            series = 0.047619047619047616 + z * series
            series = 0.05263157894736842 + z * series
            series = 0.058823529411764705 + z * series
            series = 0.06666666666666667 + z * series
            series = 0.07692307692307693 + z * series
            series = 0.09090909090909091 + z * series
            series = 0.1111111111111111 + z * series
            series = 0.14285714285714285 + z * series
            series = 0.2 + z * series
            series = 0.3333333333333333 + z * series
            series = 1 + z * series
            return exponent * ln2Hi + (exponent * ln2Lo + 2 * s * series)
        }

        /// e^x; overflows to +∞ above 709.78 and underflows to 0 below −745.
        static func exp(_ x: Double) -> Double {
            if x.isNaN { return x }
            if x > 709.78 { return .infinity }
            if x < -745.0 { return 0 }
            // e^x = 2^k · e^r with |r| ≤ ln2/2, then a Taylor polynomial of degree 13.
            let k = (x * log2e).rounded()
            let r = (x - k * ln2Hi) - k * ln2Lo
            // Taylor coefficients 1/n! as literals; |r|¹⁴/14! < 5e-18, below half an ulp of e^r.
            var poly = 1.6059043836821613e-10
            poly = 2.08767569878681e-09 + r * poly
            poly = 2.505210838544172e-08 + r * poly
            poly = 2.755731922398589e-07 + r * poly
            poly = 2.7557319223985893e-06 + r * poly
            poly = 2.48015873015873e-05 + r * poly
            poly = 0.0001984126984126984 + r * poly
            poly = 0.001388888888888889 + r * poly
            poly = 0.008333333333333333 + r * poly
            poly = 0.041666666666666664 + r * poly
            poly = 0.16666666666666666 + r * poly
            poly = 0.5 + r * poly
            poly = 1 + r * poly
            poly = 1 + r * poly
            let power = Int(k)
            // Scaling in two steps keeps each exponent in the normal range near the extremes.
            if power < -1000 {
                return Double(sign: .plus, exponent: power + 1000, significand: poly) * 0x1p-1000
            }
            return Double(sign: .plus, exponent: power, significand: poly)
        }

        /// x^y for x > 0, as e^(y·ln x).
        static func pow(_ x: Double, _ y: Double) -> Double {
            exp(y * log(x))
        }
    }

    /// The logistic function 1/(1 + e^−x): turns a log-odds score into a probability.
    @inline(__always)
    static func logistic(_ x: Double) -> Double {
        1 / (1 + PortableMath.exp(-x))
    }
}
