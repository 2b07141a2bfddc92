/// Linearises several `RowMeasure`s for every domain of a (scope, by-variable) block in one
/// streaming pass over a wave's rows in file order.
///
/// Same estimator as `SampleEstimator.linearize` (ratio Σw·y/Σw·x, z = (Σw·y − R·Σw·x)/X
/// per PSU). Surveys list a PSU's rows together, so the pass keeps only the current
/// PSU's sums for each value of the by-variable and appends them to that value's list
/// when the PSU changes: memory is read front to back and the working set stays small.
/// Should a PSU come back later in the file, each value's list is sorted by PSU and its
/// repeated entries summed, in file order. A PSU of the domain where a measure has no
/// known y gets z = 0, which the variance treats exactly as a PSU left out.
struct MeasureLinearizer: Sendable {
    let samples: WageSamples
    private let rules: [RowMeasure.Rule]

    init(samples: WageSamples, measures: [RowMeasure]) {
        self.samples = samples
        rules = measures.map(\.rule)
    }

    /// Per value of `by` (its code), each measure's linearised ratio over the value's rows within
    /// `scope` (nil where no row has a known y or Σ w·x is 0); an empty list for values without rows.
    ///
    /// - Complexity: O(rows × measures + PSU entries × measures); memory O(values × measures) besides the output.
    func linearize(scope: Scope, by: ByVariable) -> [[SampleEstimator.Linearized?]] {
        let pass = BlockPass(values: by.cardinality, measures: rules.count)
        pass.run(samples, rules: rules, scope: scope, by: by)
        return pass.results()
    }
}

/// The state of one streaming pass over a block: per-PSU sums (`PSUSumsPass`) and each value's totals.
///
/// A PSU entry keeps two sums per measure, Σ w·x and Σ w·y — all the variance needs — so a
/// block's entries stay small; the domain totals (Σ w·y, Σ w·x, Σ w·y², n) are added up per
/// row. The hot loop's tables live in manually managed buffers, so that no array uniqueness
/// or bounds check runs per row.
private final class BlockPass {
    static let sumsPerMeasure = 2
    let count: Int
    let values: Int
    let sums: PSUSumsPass
    /// Per value and measure: Σ w·y, Σ w·x, Σ w·y², rows with a known y (four doubles).
    let totals: UnsafeMutableBufferPointer<Double>
    /// Per value and measure: whether every x was 1.
    let allOnes: UnsafeMutableBufferPointer<Bool>

    init(values: Int, measures: Int) {
        self.values = values
        count = measures
        sums = PSUSumsPass(values: values, stride: measures * Self.sumsPerMeasure)
        totals = .allocate(capacity: 4 * values * measures)
        totals.initialize(repeating: 0)
        allOnes = .allocate(capacity: values * measures)
        allOnes.initialize(repeating: true)
    }

    deinit {
        totals.deallocate()
        allOnes.deallocate()
    }

    func run(_ samples: WageSamples, rules: [RowMeasure.Rule], scope: Scope, by: ByVariable) {
        let (totals, allOnes, count) = (totals, allOnes, count)
        rules.withUnsafeBufferPointer { rules in
            sums.run(samples, scope: scope, by: by) { value, row, current in
                let w = samples.weights[row]
                let flags = samples.flags[row]
                var base = 0
                var first = value * count
                for m in 0..<count {
                    defer {
                        base += Self.sumsPerMeasure
                        first += 1
                    }
                    let rule = rules[m]
                    guard let y = rule.numerator(samples, row, flags: flags) else { continue }
                    let x = rule.denominator(flags: flags)
                    if x != 1 { allOnes[first] = false }
                    let wx = w * x, wy = w * y
                    current[base] += wx
                    current[base + 1] += wy
                    totals[4 * first] += wy
                    totals[4 * first + 1] += wx
                    totals[4 * first + 2] += wy * y
                    totals[4 * first + 3] += 1
                }
            }
        }
    }

    func results() -> [[SampleEstimator.Linearized?]] {
        sums.entries().enumerated().map { value, entries in
            guard !entries.psus.isEmpty else { return [] }
            let first = value * count
            let sumX = (0..<count).map { totals[4 * (first + $0) + 1] }
            let ratios = (0..<count).map { m in sumX[m] > 0 ? totals[4 * (first + m)] / sumX[m] : 0 }
            let z = entries.z(ratios: ratios, totals: sumX, stride: sums.stride)
            return (0..<count).map { m in
                let n = Int(totals[4 * (first + m) + 3]), sumY2 = totals[4 * (first + m) + 2]
                guard n > 0, sumX[m] > 0 else { return nil }
                let ratio = ratios[m]
                return SampleEstimator.Linearized(
                    n: n, ratio: ratio, denominatorTotal: sumX[m], z: z[m],
                    elementVariance: max(0, sumY2 / sumX[m] - ratio * ratio), isMean: allOnes[first + m])
            }
        }
    }
}

extension PSUEntries {
    /// z = (Σ w·y − R·Σ w·x) / X per PSU for every measure, in one pass over the entries.
    fileprivate func z(ratios: [Double], totals: [Double], stride: Int) -> [[(psu: Int32, z: Double)]] {
        let per = BlockPass.sumsPerMeasure
        var z = [[(psu: Int32, z: Double)]](repeating: [], count: ratios.count)
        for m in z.indices where totals[m] > 0 { z[m].reserveCapacity(psus.count) }
        sums.withUnsafeBufferPointer { sums in
            for (k, psu) in psus.enumerated() {
                let base = k * stride
                for m in z.indices where totals[m] > 0 {
                    let x = sums[base + per * m], y = sums[base + per * m + 1]
                    z[m].append((psu: psu, z: (y - ratios[m] * x) / totals[m]))
                }
            }
        }
        return z
    }
}
