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

    /// Hands `body` each value of `by` (its code, ascending) with rows in `scope`, and each measure's
    /// linearised ratio over the value's rows (nil where no row has a known y or Σ w·x is 0).
    ///
    /// One value's PSU entries and linearised totals are alive at a time besides `body`'s own.
    /// - Complexity: O(rows × measures + PSU entries × measures); memory O(values × measures) besides the entries.
    /// `expected`: each value's number of PSUs, when known (`DomainCells.psuCounts`).
    func linearize(
        scope: Scope, by: ByVariable, expected: [Int]? = nil,
        _ body: (Int, [SampleEstimator.Linearized?]) throws(DesignError) -> Void
    ) throws(DesignError) {
        let pass = BlockPass(values: by.cardinality, rules: rules, expected: expected)
        pass.run(samples, scope: scope, by: by)
        for value in 0..<by.cardinality {
            let parts = pass.results(of: value)
            if !parts.isEmpty { try body(value, parts) }
        }
    }
}

/// Where a measure's sums sit among a value's current PSU sums (`PSUSumsPass`).
///
/// Slot 0 of every value is its PSU's Σ w, and slot `count` (past the entry) its rows: a
/// measure whose y is known on every row and whose x is 1 ("unconditional") shares them as
/// Σ w·x and n, and keeps only Σ w·y in the entry. Others keep Σ w·x and Σ w·y there and count
/// their own rows. Σ w·y² (for the design effect) is Σ w·y for a yes/no y; otherwise it has a
/// slot past the entry too. Fewer sums per row, fewer stores: the pass is bound by them.
private struct MeasureSlots {
    let rule: RowMeasure.Rule
    let unconditional: Bool
    let isFlag: Bool
    /// Entry slots of Σ w·x (0 for unconditional measures) and Σ w·y.
    let x: Int, y: Int
    /// Slots past the entry of Σ w·y² (that of Σ w·y for yes/no measures) and of the row count.
    let y2: Int, n: Int

    /// The slots of `rules`, and the number of sums per entry and per value.
    static func layout(_ rules: [RowMeasure.Rule]) -> (slots: [MeasureSlots], stride: Int, width: Int) {
        var stride = 1
        for rule in rules { stride += rule.isUnconditional ? 1 : 2 }
        let count = stride
        var width = stride + 1
        var next = 1
        var slots: [MeasureSlots] = []
        for rule in rules {
            let isFlag = rule.isYesNo
            let x = rule.isUnconditional ? 0 : next
            if !rule.isUnconditional { next += 1 }
            let y = next
            next += 1
            var y2 = y
            if !isFlag {
                y2 = width
                width += 1
            }
            var n = count
            if !rule.isUnconditional {
                n = width
                width += 1
            }
            slots.append(
                MeasureSlots(rule: rule, unconditional: rule.isUnconditional, isFlag: isFlag, x: x, y: y, y2: y2, n: n))
        }
        return (slots, stride, width)
    }
}

/// One measure's sums over one domain, added up from its PSUs' sums.
struct MeasureTotals {
    /// Σ w·y.
    var weightedY = 0.0
    /// Σ w·x (the ratio's denominator; Σ w for a mean or share).
    var weightedX = 0.0
    /// Σ w·y², for the element variance of the design effect.
    var weightedYSquared = 0.0
    /// Rows with a known y.
    var rows = 0.0

    @inline(__always)
    mutating func add(weightedY y: Double, weightedX x: Double, weightedYSquared y2: Double, rows n: Double) {
        weightedY += y
        weightedX += x
        weightedYSquared += y2
        rows += n
    }
}

/// The state of one streaming pass over a block: per-PSU sums (`PSUSumsPass`) and each value's totals.
///
/// A PSU entry keeps Σ w and one or two sums per measure (`MeasureSlots`) — all the variance
/// needs — so a block's entries stay small; the domain totals (Σ w·y, Σ w·x, Σ w·y², n) are
/// added up from each PSU's sums when it is complete. The hot loop's tables live in manually
/// managed buffers, so that no array uniqueness or bounds check runs per row.
private final class BlockPass {
    let count: Int
    let values: Int
    let slots: [MeasureSlots]
    let sums: PSUSumsPass
    /// Per value and measure (index value · count + measure): the domain's sums.
    let totals: UnsafeMutableBufferPointer<MeasureTotals>
    /// Per value and measure: whether every x was 1.
    let allOnes: UnsafeMutableBufferPointer<Bool>

    init(values: Int, rules: [RowMeasure.Rule], expected: [Int]?) {
        self.values = values
        count = rules.count
        let layout = MeasureSlots.layout(rules)
        slots = layout.slots
        sums = PSUSumsPass(values: values, stride: layout.stride, width: layout.width, expected: expected)
        totals = .allocate(capacity: values * rules.count)
        totals.initialize(repeating: MeasureTotals())
        allOnes = .allocate(capacity: values * rules.count)
        allOnes.initialize(repeating: true)
    }

    deinit {
        totals.deallocate()
        allOnes.deallocate()
    }

    func run(_ samples: WageSamples, scope: Scope, by: ByVariable) {
        let (totals, allOnes, count, rowsSlot) = (totals, allOnes, count, sums.stride)
        slots.withUnsafeBufferPointer { slots in
            sums.run(samples, scope: scope, by: by) { value, row, current in
                let w = samples.weights[row]
                let flags = samples.flags[row]
                current[0] += w
                current[rowsSlot] += 1
                for m in 0..<count {
                    let slot = slots[m]
                    if slot.unconditional {
                        let y = slot.rule.numerator(samples, row, flags: flags) ?? 0
                        let wy = w * y
                        current[slot.y] += wy
                        if !slot.isFlag { current[slot.y2] += wy * y }
                        continue
                    }
                    guard let y = slot.rule.numerator(samples, row, flags: flags) else { continue }
                    let x = slot.rule.denominator(flags: flags)
                    if x != 1 { allOnes[value * count + m] = false }
                    let wy = w * y
                    current[slot.x] += w * x
                    current[slot.y] += wy
                    if !slot.isFlag { current[slot.y2] += wy * y }
                    current[slot.n] += 1
                }
            } flushed: { value, current in
                for m in 0..<count {
                    let slot = slots[m]
                    totals[value * count + m].add(
                        weightedY: current[slot.y], weightedX: current[slot.x], weightedYSquared: current[slot.y2],
                        rows: current[slot.n])
                }
            }
        }
    }

    /// The linearised measures of one value (empty when it has no rows); its entries are released.
    func results(of value: Int) -> [SampleEstimator.Linearized?] {
        let entries = sums.takeEntries(of: value)
        guard !entries.psus.isEmpty else { return [] }
        let first = value * count
        let sumX = (0..<count).map { totals[first + $0].weightedX }
        let ratios = (0..<count).map { m in sumX[m] > 0 ? totals[first + m].weightedY / sumX[m] : 0 }
        let z = entries.z(ratios: ratios, totals: sumX, slots: slots, stride: sums.stride)
        return (0..<count).map { m in
            let n = Int(totals[first + m].rows), sumY2 = totals[first + m].weightedYSquared
            guard n > 0, sumX[m] > 0 else { return nil }
            let ratio = ratios[m]
            return SampleEstimator.Linearized(
                n: n, ratio: ratio, denominatorTotal: sumX[m], z: z[m],
                elementVariance: max(0, sumY2 / sumX[m] - ratio * ratio), isMean: allOnes[first + m])
        }
    }
}

extension PSUEntries {
    /// z = (Σ w·y − R·Σ w·x) / X per PSU for every measure, in one pass over the entries.
    fileprivate func z(ratios: [Double], totals: [Double], slots: [MeasureSlots], stride: Int) -> [[(
        psu: Int32, z: Double
    )]] {
        var z = [[(psu: Int32, z: Double)]](repeating: [], count: ratios.count)
        for m in z.indices where totals[m] > 0 { z[m].reserveCapacity(psus.count) }
        sums.withUnsafeBufferPointer { sums in
            for (k, psu) in psus.enumerated() {
                let base = k * stride
                for m in z.indices where totals[m] > 0 {
                    let x = sums[base + slots[m].x], y = sums[base + slots[m].y]
                    z[m].append((psu: psu, z: (y - ratios[m] * x) / totals[m]))
                }
            }
        }
        return z
    }
}
