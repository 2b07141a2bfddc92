import Foundation
import Synchronization

/// Quantiles of the normal and Student t distributions, for confidence intervals.
///
/// Both invert the distribution function numerically to full double
/// precision (checked against R's `qnorm` and `qt` in the tests), so intervals
/// agree with R's `confint` to far better than 1e-6.
public enum Distributions {
    /// Standard normal distribution function Φ(x).
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Standard normal quantile Φ⁻¹(p), 0 < p < 1.
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normal quantile needs 0 < p < 1")
        // Start from a logistic approximation, then Newton steps on Φ.
        var x = log(p / (1 - p)) * 0.6266570686577501
        for _ in 0..<60 {
            let error = normalCDF(x) - p
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            guard density > 0 else { break }
            let step = error / density
            x -= step
            if abs(step) < 1e-15 * max(1, abs(x)) { break }
        }
        return x
    }

    /// Student t distribution function with `df` degrees of freedom.
    public static func studentCDF(_ t: Double, df: Double) -> Double {
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(a: df / 2, b: 0.5, x: x)
        return t >= 0 ? 1 - tail : tail
    }

    /// Student t quantile; the normal quantile when `df` is infinite.
    public static func studentQuantile(_ p: Double, df: Double) -> Double {
        guard df.isFinite else { return normalQuantile(p) }
        // Every domain of a run asks at one level, for the few df its PSUs give: each is solved once.
        let key = StudentKey(p: p, df: df)
        if let known = studentQuantiles.withLock({ $0[key] }) { return known }
        let quantile = solveStudentQuantile(p, df: df)
        studentQuantiles.withLock { $0[key] = quantile }
        return quantile
    }

    private struct StudentKey: Hashable {
        let p: Double
        let df: Double
    }

    /// The t quantiles solved so far.
    private static let studentQuantiles = Mutex<[StudentKey: Double]>([:])

    /// The t quantile by bisection of the CDF.
    private static func solveStudentQuantile(_ p: Double, df: Double) -> Double {
        precondition(df > 0 && p > 0 && p < 1, "t quantile needs df > 0 and 0 < p < 1")
        // Bracket, then bisect: the CDF is monotone, and 200 halvings reach machine precision.
        var low = -1.0
        var high = 1.0
        while studentCDF(low, df: df) > p { low *= 2 }
        while studentCDF(high, df: df) < p { high *= 2 }
        for _ in 0..<200 {
            let mid = 0.5 * (low + high)
            if mid == low || mid == high { break }
            if studentCDF(mid, df: df) < p { low = mid } else { high = mid }
        }
        return 0.5 * (low + high)
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method).
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logGammas + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(a: b, b: a, x: 1 - x) / b
    }

    private static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
