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

/// The state of one streaming pass over a block: the current PSU's sums per value, and each value's output.
///
/// Per row and measure the pass adds to four sums of the current PSU — Σ w·x, Σ w·y, Σ w·y²
/// and the rows with a known y — which sit in one small, manually managed buffer (no array
/// uniqueness or bounds check per row). A domain's totals are summed from its PSU entries
/// at the end, in PSU-list order.
private final class BlockPass {
    static let sumsPerMeasure = 4
    let count: Int
    let stride: Int
    let values: Int
    var runs: [ValueRuns]
    /// Per value: the current PSU's sums, `sumsPerMeasure` per measure (`stride` doubles).
    let current: UnsafeMutableBufferPointer<Double>
    /// Per value and measure: whether every x was 1.
    let allOnes: UnsafeMutableBufferPointer<Bool>
    let isTouched: UnsafeMutableBufferPointer<Bool>
    var touched: [Int] = []
    var currentPSU: Int32 = -1
    var highestPSU: Int32 = -1
    var cameBack = false

    init(values: Int, measures: Int) {
        self.values = values
        count = measures
        stride = measures * Self.sumsPerMeasure
        runs = Array(repeating: ValueRuns(), count: values)
        current = .allocate(capacity: values * stride)
        current.initialize(repeating: 0)
        allOnes = .allocate(capacity: values * measures)
        allOnes.initialize(repeating: true)
        isTouched = .allocate(capacity: values)
        isTouched.initialize(repeating: false)
    }

    deinit {
        current.deallocate()
        allOnes.deallocate()
        isTouched.deallocate()
    }

    func run(_ samples: WageSamples, rules: [RowMeasure.Rule], scope: Scope, by: ByVariable) {
        let (current, allOnes, isTouched) = (current, allOnes, isTouched)
        rules.withUnsafeBufferPointer { rules in
            for row in 0..<samples.count {
                let codes = samples.codes[row]
                guard codes.belongs(to: scope) else { continue }
                let psu = samples.psus[row]
                if psu != currentPSU {
                    flush()
                    if psu < highestPSU { cameBack = true } else { highestPSU = psu }
                    currentPSU = psu
                }
                let value = by.value(of: codes)
                if !isTouched[value] {
                    isTouched[value] = true
                    touched.append(value)
                }
                let w = samples.weights[row]
                let flags = samples.flags[row]
                var base = value * stride
                for m in 0..<count {
                    defer { base += Self.sumsPerMeasure }
                    let rule = rules[m]
                    guard let y = rule.numerator(samples, row, flags: flags) else { continue }
                    let x = rule.denominator(flags: flags)
                    if x != 1 { allOnes[value * count + m] = false }
                    let wy = w * y
                    current[base] += w * x
                    current[base + 1] += wy
                    current[base + 2] += wy * y
                    current[base + 3] += 1
                }
            }
        }
        flush()
    }

    /// Appends the current PSU's sums to each value that had rows in it.
    func flush() {
        for value in touched {
            runs[value].psus.append(currentPSU)
            let base = value * stride
            runs[value].sums.append(contentsOf: current[base..<(base + stride)])
            for k in base..<(base + stride) { current[k] = 0 }
            isTouched[value] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    func results() -> [[SampleEstimator.Linearized?]] {
        let per = Self.sumsPerMeasure
        return runs.indices.map { value in
            let entries = cameBack ? runs[value].mergedByPSU(stride: stride) : runs[value]
            guard !entries.psus.isEmpty else { return [] }
            // Totals per measure, summed over the PSU entries in list order.
            var totals = [Double](repeating: 0, count: stride)
            totals.withUnsafeMutableBufferPointer { totals in
                entries.sums.withUnsafeBufferPointer { sums in
                    var base = 0
                    while base < sums.count {
                        for k in 0..<stride { totals[k] += sums[base + k] }
                        base += stride
                    }
                }
            }
            let ratios = (0..<count).map { m in totals[m * per] > 0 ? totals[m * per + 1] / totals[m * per] : 0 }
            let z = entries.z(ratios: ratios, totals: (0..<count).map { totals[$0 * per] }, stride: stride)
            return (0..<count).map { m in
                let sumX = totals[m * per], sumY2 = totals[m * per + 2]
                let n = Int(totals[m * per + 3])
                guard n > 0, sumX > 0 else { return nil }
                let ratio = ratios[m]
                return SampleEstimator.Linearized(
                    n: n, ratio: ratio, denominatorTotal: sumX, z: z[m],
                    elementVariance: max(0, sumY2 / sumX - ratio * ratio), isMean: allOnes[value * count + m])
            }
        }
    }
}

/// One value's per-PSU sums: Σ w·x, Σ w·y, Σ w·y², n per measure, `stride` doubles per PSU.
private struct ValueRuns {
    var psus: [Int32] = []
    var sums: [Double] = []

    /// The entries sorted by PSU (stable), repeated PSUs summed in file order.
    func mergedByPSU(stride: Int) -> ValueRuns {
        var merged = ValueRuns()
        let order = psus.indices.sorted { psus[$0] < psus[$1] || (psus[$0] == psus[$1] && $0 < $1) }
        for index in order {
            let entry = sums[(index * stride)..<((index + 1) * stride)]
            if merged.psus.last == psus[index] {
                let base = merged.sums.count - stride
                for (k, value) in entry.enumerated() { merged.sums[base + k] += value }
            } else {
                merged.psus.append(psus[index])
                merged.sums.append(contentsOf: entry)
            }
        }
        return merged
    }

    /// z = (Σ w·y − R·Σ w·x) / X per PSU for every measure, in one pass over the entries.
    func z(ratios: [Double], totals: [Double], stride: Int) -> [[(psu: Int32, z: Double)]] {
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
