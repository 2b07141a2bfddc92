/// One wave's sampling design: the strata, their PSUs and finite population corrections.
///
/// Built from the PSUs that hold at least one accepted worker of the wave, as
/// R's `svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc)`
/// sees them; every domain estimate of the wave uses this whole design.
public struct SurveyDesign: Sendable {
    public let year: Int
    /// Stratum names, by stratum number.
    public let strata: [String]
    /// PSUs per stratum (n_h).
    public let psuCount: [Int]
    /// Sampling fraction factor f_h = (N_h − n_h) / N_h, or 1 without fpc.
    public let finiteCorrection: [Double]
    /// Stratum number of each PSU number of the accumulator's `PSUTable` (−1 when not in this wave).
    public let stratumOfPSU: [Int32]
    /// A calibrated wave's regression of z on its calibration variables (nil: not calibrated).
    var calibration: CalibrationDesign?

    init(year: Int, psuNumbers: [Int32], table: PSUTable) {
        self.year = year
        var stratumNumber: [String: Int] = [:]
        var strata: [String] = []
        var counts: [Int] = []
        var fpcs: [Double?] = []
        var stratumOf = [Int32](repeating: -1, count: table.count)
        for psu in psuNumbers.sorted() {
            let name = table.strata[Int(psu)]
            let number: Int
            if let known = stratumNumber[name] {
                number = known
            } else {
                number = strata.count
                stratumNumber[name] = number
                strata.append(name)
                counts.append(0)
                fpcs.append(table.fpc[Int(psu)])
            }
            counts[number] += 1
            stratumOf[Int(psu)] = Int32(number)
        }
        self.strata = strata
        psuCount = counts
        stratumOfPSU = stratumOf
        finiteCorrection = zip(counts, fpcs).map { count, fpc in
            guard let fpc else { return 1 }
            // As R: fpc ≤ 1 is a sampling fraction, so N_h = n_h / fpc; otherwise N_h = fpc.
            let population = fpc <= 1 ? Double(count) / fpc : fpc
            return population == .infinity ? 1 : (population - Double(count)) / population
        }
    }

    /// Variance of an estimator from its linearised PSU totals, as R's `svyrecvar` (one stage).
    ///
    /// Var = Σ_h f_h · n_h/(n_h − 1) · Σ_i (z_hi − z̄_h)², PSUs without rows in the
    /// domain counting as z = 0. `totals` holds (PSU number, z) pairs, any order: the PSUs with
    /// rows of the population estimated over (the domain; the scope, for a share of it). Under
    /// `.average` the sum is scaled by (strata those PSUs touch) / (those strata with two or
    /// more PSUs in the design), as R's `svyby` with `survey.lonely.psu = "average"`.
    /// - Complexity: O(PSUs in `totals` + strata).
    public func variance(_ totals: [(psu: Int32, z: Double)], lonely: LonelyPSUPolicy) throws(DesignError) -> Double {
        try variance(totals, cells: [], lonely: lonely)
    }

    /// `variance(_:lonely:)`; under calibration (`cells`, the statistic's Σ d·x·z, not empty) of
    /// every PSU's residual t = Z − Bᵀ·W (`CalibrationDesign`), PSUs without rows included.
    func variance(_ totals: [(psu: Int32, z: Double)], cells: [Double], lonely: LonelyPSUPolicy)
        throws(DesignError) -> Double
    {
        if let calibration, !cells.isEmpty { return try calibratedVariance(totals, cells: cells, calibration, lonely) }
        // Two passes (stratum means, then squared deviations) rather than Σz² − (Σz)²/n,
        // which cancels catastrophically when the PSU totals are nearly equal.
        var sum = [Double](repeating: 0, count: strata.count)
        var present = [Int](repeating: 0, count: strata.count)
        // Each entry's stratum, looked up once for both passes. A domain's PSUs mostly come
        // stratum by stratum, so a stratum's running sum stays in a register while it lasts
        // (the same additions in the same order as adding into the array each time).
        var stratumOfEntry = [Int32](repeating: 0, count: totals.count)
        var running = (stratum: -1, sum: 0.0, count: 0)
        for (index, (psu, z)) in totals.enumerated() {
            let stratum = Int(stratumOfPSU[Int(psu)])
            stratumOfEntry[index] = Int32(stratum)
            if stratum != running.stratum {
                if running.stratum >= 0 {
                    sum[running.stratum] = running.sum
                    present[running.stratum] = running.count
                }
                running = (stratum, sum[stratum], present[stratum])
            }
            running.sum += z
            running.count += 1
        }
        if running.stratum >= 0 {
            sum[running.stratum] = running.sum
            present[running.stratum] = running.count
        }
        var mean = [Double](repeating: 0, count: strata.count)
        for stratum in strata.indices where psuCount[stratum] > 1 {
            mean[stratum] = sum[stratum] / Double(psuCount[stratum])
        }
        var squares = [Double](repeating: 0, count: strata.count)
        var square = (stratum: -1, sum: 0.0)
        for (index, entry) in totals.enumerated() {
            let stratum = Int(stratumOfEntry[index])
            if stratum != square.stratum {
                if square.stratum >= 0 { squares[square.stratum] = square.sum }
                square = (stratum, squares[stratum])
            }
            let deviation = entry.z - mean[stratum]
            square.sum += deviation * deviation
        }
        if square.stratum >= 0 { squares[square.stratum] = square.sum }
        for stratum in strata.indices where psuCount[stratum] > 1 {
            // PSUs without rows in the domain have z = 0: their deviation is −mean.
            let mean = sum[stratum] / Double(psuCount[stratum])
            squares[stratum] += Double(psuCount[stratum] - present[stratum]) * mean * mean
        }
        return try combine(present: present, squares: squares, lonely: lonely)
    }

    /// The variance of the residuals t of every PSU of the design. Per stratum, from the PSUs
    /// with rows (Σ Z, Σ (Z² − 2Z·Bᵀ·W)) and the stratum's sums of W and W·Wᵀ
    /// (`CalibrationDesign.fittedSums`): Σ t and Σ t² without visiting the other PSUs. Where
    /// Σ (t − t̄)² is below 1e-6 of Σ Z² + Σ (Bᵀ·W)² (a statistic the calibration nearly fixes,
    /// such as the headcount of a margin), the difference would be mostly rounding, so the
    /// stratum's PSUs are visited one by one and their deviations summed instead; elsewhere the
    /// factored form loses at most ~1e-10 of the variance.
    private func calibratedVariance(
        _ totals: [(psu: Int32, z: Double)], cells: [Double], _ calibration: CalibrationDesign,
        _ lonely: LonelyPSUPolicy
    ) throws(DesignError) -> Double {
        let coefficients = calibration.coefficients(cells)
        var present = [Int](repeating: 0, count: strata.count)
        var sum = [Double](repeating: 0, count: strata.count)
        var sumOfSquares = [Double](repeating: 0, count: strata.count)
        var scale = [Double](repeating: 0, count: strata.count)
        for (psu, z) in totals {
            let stratum = Int(stratumOfPSU[Int(psu)])
            let fitted = calibration.fitted(coefficients, psu: Int(psu))
            present[stratum] += 1
            sum[stratum] += z
            sumOfSquares[stratum] += z * z - 2 * z * fitted
            scale[stratum] += z * z
        }
        var squares = [Double](repeating: 0, count: strata.count)
        var close: [Int] = []
        for stratum in strata.indices {
            let (fittedSum, fittedSquares) = calibration.fittedSums(coefficients, stratum: stratum)
            let total = sum[stratum] - fittedSum
            let all = sumOfSquares[stratum] + fittedSquares
            let n = Double(psuCount[stratum])
            // A stratum of one PSU has its value about 0, as the list form takes it.
            squares[stratum] = psuCount[stratum] > 1 ? all - total * total / n : all
            if squares[stratum] < 1e-6 * (scale[stratum] + fittedSquares) { close.append(stratum) }
        }
        if !close.isEmpty {
            // The close strata's PSUs one by one: t = Z − Bᵀ·W, about the stratum's mean.
            var isClose = [Bool](repeating: false, count: strata.count)
            for stratum in close { isClose[stratum] = true }
            var z = [Double](repeating: 0, count: stratumOfPSU.count)
            for (psu, value) in totals where isClose[Int(stratumOfPSU[Int(psu)])] { z[Int(psu)] += value }
            for stratum in close {
                let t = calibration.strata[stratum].psus.map {
                    z[Int($0)] - calibration.fitted(coefficients, psu: Int($0))
                }
                let mean = psuCount[stratum] > 1 ? t.reduce(0, +) / Double(psuCount[stratum]) : 0
                squares[stratum] = t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            }
        }
        return try combine(present: present, squares: squares.map { max(0, $0) }, lonely: lonely)
    }

    /// The variance from each stratum's PSUs with rows (`present`) and Σ (z − z̄_h)² over all its
    /// PSUs (`squares`; about 0 in a stratum of one PSU): Σ_h f_h · n_h/(n_h − 1) · squares_h,
    /// strata of one PSU as `lonely` says.
    func combine(present: [Int], squares: [Double], lonely: LonelyPSUPolicy) throws(DesignError) -> Double {
        var variance = 0.0
        // Under `average`, as R's `svyby(…, svymean, design)` (survey's `onestage` on the domain's
        // subset): the strata the domain touches, and those of them that give a variance.
        var touched = 0
        var usable = 0
        for stratum in strata.indices {
            let n = psuCount[stratum]
            let f = finiteCorrection[stratum]
            if present[stratum] > 0 {
                touched += 1
                // A self-representing stratum (f ≈ 0) gives 0 before its PSUs are counted (`onestrat`).
                if n > 1 || f < 1e-7 { usable += 1 }
            }
            if n > 1 {
                if f < 1e-7 { continue }
                variance += f * Double(n) / Double(n - 1) * squares[stratum]
                continue
            }
            switch lonely {
            case .adjust:
                if f >= 1e-7 { variance += f * squares[stratum] }
            case .remove, .certainty, .average:
                break
            case .fail:
                throw DesignError(year: year, stratumNumber: stratum + 1, strata: strata.count)
            }
        }
        guard lonely == .average, touched > usable else { return variance }
        guard usable > 0 else { return .nan }
        return variance * Double(touched) / Double(usable)
    }

    /// Design degrees of freedom of a domain: its PSUs minus its strata (R `degf`).
    public func degreesOfFreedom(psus: [Int32]) -> Int {
        var strataSeen = Set<Int32>()
        for psu in psus { strataSeen.insert(stratumOfPSU[Int(psu)]) }
        return psus.count - strataSeen.count
    }
}
