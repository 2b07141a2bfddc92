/// Linearises several `RowMeasure`s of a domain in one pass over its rows.
///
/// Same estimator as `SampleEstimator.linearize` (ratio Σw·y/Σw·x, z = (Σw·y − R·Σw·x)/X
/// per PSU), but each row is read once for all measures, and a PSU's sums for
/// every measure sit side by side, so a row costs one scattered memory access
/// instead of one per measure. A PSU of the domain where a measure has no known
/// y gets z = 0, which the variance treats exactly as a PSU left out.
struct MeasureLinearizer: Sendable {
    let samples: WageSamples
    private let rules: [RowMeasure.Rule]
    /// Per PSU, per measure: Σ w·x, Σ w·y.
    private var sums: [Double]
    private var seen: [Bool]

    init(samples: WageSamples, measures: [RowMeasure], psuCount: Int) {
        self.samples = samples
        rules = measures.map(\.rule)
        sums = [Double](repeating: 0, count: psuCount * measures.count * 2)
        seen = [Bool](repeating: false, count: psuCount)
    }

    /// Each measure's linearised ratio over `members` (nil where no row has a known y or Σ w·x is 0).
    ///
    /// - Complexity: O(members × measures + PSUs of the domain × measures).
    mutating func linearize(_ members: [Int32]) -> [SampleEstimator.Linearized?] {
        let count = rules.count
        let stride = count * 2
        var psus: [Int32] = []
        var n = [Int](repeating: 0, count: count)
        var allOnes = [Bool](repeating: true, count: count)
        var sumY = [Double](repeating: 0, count: count)
        var sumX = [Double](repeating: 0, count: count)
        var sumY2 = [Double](repeating: 0, count: count)
        for index in members {
            let row = Int(index)
            let psu = Int(samples.psus[row])
            if !seen[psu] {
                seen[psu] = true
                psus.append(Int32(psu))
            }
            let w = samples.weights[row]
            let flags = samples.flags[row]
            let base = psu * stride
            for m in 0..<count {
                let rule = rules[m]
                guard let y = rule.numerator(samples, row, flags: flags) else { continue }
                let x = rule.denominator(flags: flags)
                if x != 1 { allOnes[m] = false }
                sums[base + 2 * m] += w * x
                sums[base + 2 * m + 1] += w * y
                sumY[m] += w * y
                sumX[m] += w * x
                sumY2[m] += w * y * y
                n[m] += 1
            }
        }
        // z of every measure in one pass over the domain's PSUs, each PSU's sums read once.
        let ratios = (0..<count).map { m in n[m] > 0 && sumX[m] > 0 ? sumY[m] / sumX[m] : 0 }
        var z = [[(psu: Int32, z: Double)]](repeating: [], count: count)
        for m in 0..<count where n[m] > 0 && sumX[m] > 0 { z[m].reserveCapacity(psus.count) }
        for psu in psus {
            let base = Int(psu) * stride
            for m in 0..<count where n[m] > 0 && sumX[m] > 0 {
                z[m].append((psu: psu, z: (sums[base + 2 * m + 1] - ratios[m] * sums[base + 2 * m]) / sumX[m]))
            }
            for k in base..<(base + stride) { sums[k] = 0 }
            seen[Int(psu)] = false
        }
        var result: [SampleEstimator.Linearized?] = []
        result.reserveCapacity(count)
        for m in 0..<count {
            guard n[m] > 0, sumX[m] > 0 else {
                result.append(nil)
                continue
            }
            result.append(
                SampleEstimator.Linearized(
                    n: n[m], ratio: ratios[m], denominatorTotal: sumX[m], z: z[m],
                    elementVariance: max(0, sumY2[m] / sumX[m] - ratios[m] * ratios[m]), isMean: allOnes[m]))
        }
        return result
    }
}
