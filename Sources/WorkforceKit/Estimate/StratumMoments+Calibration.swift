extension StratumMoments {
    /// The variance of `domain`'s `statistic` on a calibrated wave: of every PSU's residual
    /// t = z − Bᵀ·W (`b`: the statistic's B), as `SurveyDesign.variance(_:cells:lonely:)` takes it
    /// from a list of PSUs.
    ///
    /// The moments hold the residuals of the PSUs where the walk met the domain (`presence`: their
    /// numbers, ascending or not) with Σ f and Σ f² of their fitted values; every other PSU of a
    /// stratum has t = −f, whose Σ and Σ² are the stratum's (`CalibrationDesign.fittedSums`) less
    /// the present ones'. Then Σ_i (t_i − t̄_h)² = M2 + p(m − t̄)² + Σ_absent (f + t̄)². Where that
    /// is below 1e-6 of the squares it is made of (a statistic the calibration nearly fixes), the
    /// stratum's absent PSUs are visited one by one instead.
    func calibratedVariance(
        domain: Int, statistic: Int, coefficients b: [Double], design: SurveyDesign, calibration: CalibrationDesign,
        presence: () -> [[Int32]], lonely: LonelyPSUPolicy
    ) throws(DesignError) -> Double {
        var present = [Int](repeating: 0, count: strata)
        var squares = [Double](repeating: 0, count: strata)
        var marked: [Bool]? = nil
        for stratum in 0..<strata {
            let n = design.psuCount[stratum]
            var (p, m, m2) = (0.0, 0.0, 0.0)
            var (presentSum, presentSquares) = (0.0, 0.0)
            let at = Int(start[domain * strata + stratum])
            if at >= 0 {
                (p, m, m2) = moments[at + statistic]
                let fit = fits[at + statistic]
                (presentSum, presentSquares) = (fit.sum, fit.squares)
                present[stratum] = Int(fit.counted)
            }
            let (fittedSum, fittedSquares) = calibration.fittedSums(b, stratum: stratum)
            // Σ f and Σ f² over the absent PSUs (none absent: exactly 0; none present: the stratum's).
            let (absentSum, absentSquares) =
                Int(p) == n
                ? (0, 0)
                : p == 0 ? (fittedSum, fittedSquares) : (fittedSum - presentSum, fittedSquares - presentSquares)
            let mean = n > 1 ? (p * m - absentSum) / Double(n) : 0
            var s =
                m2 + p * (m - mean) * (m - mean) + absentSquares + 2 * mean * absentSum
                + (Double(n) - p) * mean * mean
            if Int(p) < n, s < 1e-6 * (m2 + p * m * m + presentSquares + fittedSquares) {
                if marked == nil {
                    marked = [Bool](repeating: false, count: design.stratumOfPSU.count)
                    for list in presence() { for psu in list { marked![Int(psu)] = true } }
                }
                // The absent PSUs' values −f, exactly: two passes about the stratum's mean.
                var absent: [Double] = []
                for psu in calibration.strata[stratum].psus where !marked![Int(psu)] {
                    absent.append(-calibration.fitted(b, psu: Int(psu)))
                }
                let exactMean = n > 1 ? (p * m + absent.reduce(0, +)) / Double(n) : 0
                s = m2 + p * (m - exactMean) * (m - exactMean)
                for a in absent { s += (a - exactMean) * (a - exactMean) }
            }
            squares[stratum] = max(0, s)
        }
        return try design.combine(present: present, squares: squares, lonely: lonely)
    }
}
