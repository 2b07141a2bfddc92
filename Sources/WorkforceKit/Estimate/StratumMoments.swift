/// Per (slot, stratum): how many PSUs with rows a statistic's linearised values came from, their
/// mean and their Σ of squared deviations about it (Welford's update) — all the variance needs of
/// a statistic's z, gathered as the PSUs stream by instead of kept as a list of them.
///
/// The variance is then the one variance function's (`SurveyDesign.combine`): with z̄_h over
/// the stratum's n_h PSUs (those without rows count z = 0), Σ_i (z_hi − z̄_h)² is
/// M2_h + p_h (m_h − z̄_h)² + (n_h − p_h) z̄_h², m_h the mean of the p_h values seen.
/// The moments live in manually managed buffers: the walk's hot loop adds to them.
final class StratumMoments {
    let strata: Int
    /// Per (slot, stratum): (count, mean, M2).
    private let moments: UnsafeMutableBufferPointer<(count: Double, mean: Double, squares: Double)>

    init(slots: Int, strata: Int) {
        self.strata = strata
        moments = .allocate(capacity: max(1, slots * strata))
        moments.initialize(repeating: (0, 0, 0))
    }

    deinit { moments.deallocate() }

    /// Adds one PSU's z to `slot` in `stratum`.
    @inline(__always)
    func add(_ z: Double, slot: Int, stratum: Int) {
        let moment = moments.baseAddress! + (slot * strata + stratum)
        moment.pointee.count += 1
        let delta = z - moment.pointee.mean
        moment.pointee.mean += delta / moment.pointee.count
        moment.pointee.squares += delta * (z - moment.pointee.mean)
    }

    /// The variance of `slot`'s statistic under `design`, strata of one PSU as `lonely` says.
    func variance(slot: Int, design: SurveyDesign, lonely: LonelyPSUPolicy) throws(DesignError) -> Double {
        var present = [Int](repeating: 0, count: strata)
        var deviations = [Double](repeating: 0, count: strata)
        for stratum in 0..<strata {
            let (count, mean, squares) = moments[slot * strata + stratum]
            guard count > 0 else { continue }
            present[stratum] = Int(count)
            let n = design.psuCount[stratum]
            // A stratum of one PSU has its values about 0, as the list form takes them.
            let overall = n > 1 ? mean * count / Double(n) : 0
            let shift = mean - overall
            deviations[stratum] = squares + count * shift * shift + (n > 1 ? (Double(n) - count) * overall * overall : 0)
        }
        return try design.combine(present: present, squares: deviations, lonely: lonely)
    }
}
