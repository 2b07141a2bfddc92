/// Per (domain, stratum, statistic): how many PSUs with rows a statistic's linearised values
/// came from, their mean and their Σ of squared deviations about it (Welford's update) — all
/// the variance needs of a statistic's z, gathered as the PSUs stream by instead of kept as a
/// list of them.
///
/// The variance is then the one variance function's (`SurveyDesign.combine`): with z̄_h over
/// the stratum's n_h PSUs (those without rows count z = 0), Σ_i (z_hi − z̄_h)² is
/// M2_h + p_h (m_h − z̄_h)² + (n_h − p_h) z̄_h², m_h the mean of the p_h values seen.
/// A domain's moments are kept only for the strata where it has PSUs (a district's domains
/// touch one stratum when strata are districts); they live in manually managed buffers, which
/// the walk's hot loop adds to.
final class StratumMoments {
    let strata: Int
    /// Statistics per domain.
    let statistics: Int
    /// Per (domain, stratum): where its statistics' moments start, −1 until the domain has a PSU there.
    let start: UnsafeMutableBufferPointer<Int32>
    /// (count, mean, M2) per statistic, domain-and-stratum after domain-and-stratum.
    private(set) var moments: UnsafeMutableBufferPointer<(count: Double, mean: Double, squares: Double)>
    /// Under calibration, beside each moment: Σ f and Σ f² of the fitted values f = Bᵀ·W of the
    /// PSUs it holds (their residuals are the moment's values), and how many of them count towards
    /// the statistic's PSUs (`psus`; a PSU where a subgroup has no weight holds a residual all the same).
    private(set) var fits: UnsafeMutableBufferPointer<(sum: Double, squares: Double, counted: Double)>
    let calibrated: Bool
    private var used = 0

    init(domains: Int, strata: Int, statistics: Int, calibrated: Bool = false) {
        self.strata = strata
        self.statistics = statistics
        self.calibrated = calibrated
        start = .allocate(capacity: max(1, domains * strata))
        start.initialize(repeating: -1)
        moments = .allocate(capacity: max(1, statistics * min(domains * strata, 1024)))
        fits = .allocate(capacity: calibrated ? moments.count : 1)
    }

    deinit {
        start.deallocate()
        moments.deallocate()
        fits.deallocate()
    }

    /// Where `domain`'s moments in `stratum` start, made on its first PSU there.
    @inline(__always)
    func base(_ domain: Int, stratum: Int) -> Int {
        let at = domain * strata + stratum
        if start[at] >= 0 { return Int(start[at]) }
        if used + statistics > moments.count {
            let larger = UnsafeMutableBufferPointer<(count: Double, mean: Double, squares: Double)>
                .allocate(capacity: max(2 * moments.count, used + statistics))
            _ = larger.initialize(from: moments[0..<used])
            moments.deallocate()
            moments = larger
            if calibrated {
                let wider = UnsafeMutableBufferPointer<(sum: Double, squares: Double, counted: Double)>
                    .allocate(capacity: larger.count)
                _ = wider.initialize(from: fits[0..<used])
                fits.deallocate()
                fits = wider
            }
        }
        (moments.baseAddress! + used).initialize(repeating: (0, 0, 0), count: statistics)
        if calibrated { (fits.baseAddress! + used).initialize(repeating: (0, 0, 0), count: statistics) }
        start[at] = Int32(used)
        used += statistics
        return Int(start[at])
    }

    /// Adds one PSU's z of statistic `statistic` at `base` (`base(_:stratum:)`).
    @inline(__always)
    func add(_ z: Double, base: Int, statistic: Int) {
        let moment = moments.baseAddress! + (base + statistic)
        moment.pointee.count += 1
        let delta = z - moment.pointee.mean
        moment.pointee.mean += delta / moment.pointee.count
        moment.pointee.squares += delta * (z - moment.pointee.mean)
    }

    /// Adds one PSU's residual `t` of `statistic` at `base`, its fitted value `f` (z = t + f), and
    /// whether the PSU counts towards the statistic's PSUs (calibrated moments).
    @inline(__always)
    func add(_ t: Double, fitted f: Double, counted: Bool, base: Int, statistic: Int) {
        add(t, base: base, statistic: statistic)
        let fit = fits.baseAddress! + (base + statistic)
        fit.pointee.sum += f
        fit.pointee.squares += f * f
        if counted { fit.pointee.counted += 1 }
    }

    /// The PSUs `domain`'s `statistic` has values from, and the strata they are in (its df is their difference).
    func psus(domain: Int, statistic: Int) -> (psus: Int, strata: Int) {
        var psus = 0, strata = 0
        for stratum in 0..<self.strata {
            let at = start[domain * self.strata + stratum]
            guard at >= 0 else { continue }
            let count = Int(calibrated ? fits[Int(at) + statistic].counted : moments[Int(at) + statistic].count)
            psus += count
            strata += count > 0 ? 1 : 0
        }
        return (psus, strata)
    }

    /// The variance of `domain`'s `statistic` under `design`, strata of one PSU as `lonely` says.
    func variance(domain: Int, statistic: Int, design: SurveyDesign, lonely: LonelyPSUPolicy) throws(DesignError)
        -> Double
    {
        var present = [Int](repeating: 0, count: strata)
        var deviations = [Double](repeating: 0, count: strata)
        for stratum in 0..<strata {
            let at = start[domain * strata + stratum]
            guard at >= 0 else { continue }
            let (count, mean, squares) = moments[Int(at) + statistic]
            guard count > 0 else { continue }
            present[stratum] = Int(count)
            let n = design.psuCount[stratum]
            // A stratum of one PSU has its values about 0, as the list form takes them.
            let overall = n > 1 ? mean * count / Double(n) : 0
            let shift = mean - overall
            deviations[stratum] =
                squares + count * shift * shift + (n > 1 ? (Double(n) - count) * overall * overall : 0)
        }
        return try design.combine(present: present, squares: deviations, lonely: lonely)
    }
}
