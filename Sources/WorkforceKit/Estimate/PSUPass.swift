/// The one pass that gathers per-(domain, PSU) sums: every `LinearTerm` of a list, for every
/// value of a breakdown (scope × by-variable), in one walk over a wave's rows in file order.
///
/// Survey files list a PSU's rows together, so the pass keeps only the current PSU's sums
/// per value and appends them to the value's list when the PSU changes (`PSURuns`); should
/// a PSU come back later, each list is sorted by PSU and its entries merged in file order.
/// A run's sums enter `ExactSum`s on a grid per term fixed from the wave's largest addend,
/// so the domains' totals and the sums rolled up into the whole scope or into groups are
/// exact whatever the weights' scale and however rows group into runs; everything depends
/// on the data alone, never on threads.
/// The hot loop's tables live in manually managed buffers: no array uniqueness or bounds
/// check runs per row.
final class PSUPass {
    let terms: [LinearTerm]
    let values: Int
    let grids: [SumGrid]
    /// Per value then term: the current PSU run's sums.
    let current: UnsafeMutableBufferPointer<Double>
    /// The same, exact, when the whole breakdown or groups are kept (every row enters exactly).
    private let exactNow: UnsafeMutableBufferPointer<ExactSum>
    let rowsNow: UnsafeMutableBufferPointer<Int>
    /// A PSU's exact sums for one value, the whole and a group, while it is flushed.
    private let scratch: UnsafeMutablePointer<ExactSum>
    /// The rounded sums of an entry while it is appended.
    private let entry: UnsafeMutablePointer<Double>
    /// Where each term sits in a PSU entry; −1 for row counts, kept as totals only.
    private let slots: [Int]
    /// Sums per PSU entry.
    private let stride: Int
    /// Terms with a factor of one and a flags-only condition, summed on the fast path.
    let simple: [(term: Int, flags: UInt16, weighted: Bool)]
    /// The other terms.
    let general: [GeneralTerm]
    /// Lists: the values, then the whole breakdown, then each rollup group.
    @exclusivity(unchecked) private var psus: [[Int32]]
    /// Per list, each PSU entry's sums (a run's exact sum, rounded once).
    @exclusivity(unchecked) private var entries: [[Double]]
    /// Per list then term: the domain's total, exact.
    private let totals: UnsafeMutableBufferPointer<ExactSum>
    @exclusivity(unchecked) private var rows: [Int]
    @exclusivity(unchecked) var touched: [Int] = []
    @exclusivity(unchecked) var cameBack = false
    private let rollup: Rollup?
    /// Whether the whole breakdown's sums are kept (`takeWhole`).
    let keepsWhole: Bool
    /// The `.cut` terms: cut k of a domain is term `cutTerms.first + k`.
    let cutTerms: (first: Int, count: Int)
    /// Per value, its domain's wage cuts (`cutWidth` slots), for `.cut` terms.
    private let cuts: UnsafeMutableBufferPointer<WageCuts.Cut>
    private let cutCounts: [Int]
    private let cutWidth: Int

    /// A calibrated wave's rows (`WageSamples.calibration`), and per (value, model column, term)
    /// Σ d·x·y of the term's addends y: each domain's `DomainSums.cells`.
    let calibration: CalibrationRows?
    let cellSums: UnsafeMutableBufferPointer<Double>

    /// Whether a calibrated wave's rows add their cells (false: a walk that has them already).
    var keepsCells = true
    /// Whether each value's per-PSU sums are kept for `take` (false: totals and rows only, the
    /// run sums handed to `atRunEnd`).
    var keepsEntries = true
    /// Whether run sums enter the values' exact totals (false: a walk that has them already).
    var keepsTotals = true
    /// Called at the end of each PSU run with the values that had rows in it (walks of several blocks).
    var atRunEnd: ((_ values: [Int], _ psu: Int32) -> Void)?

    /// Value `value`'s sum of term `term` over the current PSU run (read in `atRunEnd`).
    @inline(__always)
    func runSum(_ value: Int, _ term: Int) -> Double { current[value * terms.count + term] }

    /// Rows of value `value` in the current PSU run (read in `atRunEnd`).
    @inline(__always)
    func runRows(_ value: Int) -> Int { rowsNow[value] }

    /// Values grouped into larger domains as well (industry × skill level into industries).
    struct Rollup: Sendable {
        let groups: Int
        let group: @Sendable (Int) -> Int
    }

    /// `cuts`, when `terms` hold `.cut` terms: each value's `WageCuts`. With `whole`, the sums of
    /// the whole breakdown are kept too (`takeWhole`), as they are with a `rollup`.
    init(
        _ samples: WageSamples, values: Int, terms: [LinearTerm], rollup: Rollup? = nil, cuts: [WageCuts] = [],
        whole: Bool = false, expected: [Int]? = nil
    ) {
        keepsWhole = whole || rollup != nil
        self.terms = terms
        self.values = values
        self.rollup = rollup
        var slots: [Int] = []
        var stride = 0
        for term in terms {
            slots.append(term.weighted ? stride : -1)
            if term.weighted { stride += 1 }
        }
        self.slots = slots
        self.stride = stride
        entry = .allocate(capacity: max(1, stride))
        // Simple: a factor of one and a flags-only condition.
        let isSimple = terms.map { $0.factor == .one && $0.condition.testsFlagsOnly }
        simple = terms.indices.filter { isSimple[$0] }.map { ($0, terms[$0].condition.flags, terms[$0].weighted) }
        // `.cut(k)` terms are listed k = 0, 1, … one after the other, weighted and without a
        // condition: the cut loop adds them, a suffix of the domain's cuts per row.
        let cutIndices = terms.indices.filter { if case .cut = terms[$0].factor { true } else { false } }
        precondition(
            cutIndices.enumerated().allSatisfy { k, t in
                terms[t] == LinearTerm(.cut(k)) && t == cutIndices[0] + k
            }, "cut terms must be listed in order, one after the other, without a condition")
        cutTerms = (cutIndices.first ?? 0, cutIndices.count)
        // The rest: a column, a line, or a code in the condition.
        general = terms.indices.filter { t in !isSimple[t] && !cutIndices.contains(t) }.map {
            GeneralTerm(index: $0, terms[$0])
        }
        grids = terms.map { SumGrid(largest: $0.largestAddend(samples)) }
        current = .allocate(capacity: max(1, values * terms.count))
        current.initialize(repeating: 0)
        exactNow = .allocate(capacity: keepsWhole ? max(1, values * terms.count) : 1)
        exactNow.initialize(repeating: ExactSum())
        rowsNow = .allocate(capacity: values)
        rowsNow.initialize(repeating: 0)
        scratch = .allocate(capacity: 3 * max(1, terms.count))
        scratch.initialize(repeating: ExactSum(), count: 3 * max(1, terms.count))
        let lists = values + 1 + (rollup?.groups ?? 0)
        psus = Array(repeating: [], count: lists)
        entries = Array(repeating: [], count: lists)
        totals = .allocate(capacity: max(1, lists * terms.count))
        totals.initialize(repeating: ExactSum())
        rows = Array(repeating: 0, count: lists)
        if let expected, expected.count == values {
            for value in 0..<values where expected[value] > 0 {
                psus[value].reserveCapacity(expected[value])
                entries[value].reserveCapacity(expected[value] * stride)
            }
        }
        calibration = samples.calibration
        cellSums = .allocate(capacity: max(1, values * terms.count * (calibration?.columns ?? 0)))
        cellSums.initialize(repeating: 0)
        cutWidth = max(1, cuts.map(\.cuts.count).max() ?? 0)
        cutCounts = cuts.map(\.cuts.count)
        self.cuts = .allocate(capacity: max(1, cuts.count * cutWidth))
        for (value, domainCuts) in cuts.enumerated() {
            for (k, cut) in domainCuts.cuts.enumerated() {
                (self.cuts.baseAddress! + value * cutWidth + k).initialize(to: cut)
            }
        }
    }

    deinit {
        current.deallocate()
        exactNow.deallocate()
        rowsNow.deallocate()
        scratch.deallocate()
        entry.deallocate()
        totals.deallocate()
        cuts.deallocate()
        cellSums.deallocate()
    }

    /// Adds every row of `scope` to its value of `by`.
    func run(_ samples: WageSamples, scope: Scope, by: ByVariable) {
        if keepsWhole {
            run(samples, scope: scope, by: by, into: ExactRowSums.self)
        } else {
            run(samples, scope: scope, by: by, into: RunSums.self)
        }
    }

    /// `run`, specialised for where rows are added (no test per row and term).
    @inline(__always)
    private func run<Sums: RowSums>(_ samples: WageSamples, scope: Scope, by: ByVariable, into: Sums.Type) {
        let (current, rowsNow, width, cuts, cutTerms) = (current, rowsNow, cutWidth, cuts, cutTerms)
        let exactNow = exactNow
        let count = terms.count
        // A calibrated row's design-weighted addends (each over w, times d) and their terms.
        let scaled = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        let scaledTerms = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count))
        defer {
            scaled.deallocate()
            scaledTerms.deallocate()
        }
        withCellRows { cellRows in
            samples.withColumns { columns in
                grids.withUnsafeBufferPointer { grids in
                    terms.withUnsafeBufferPointer { terms in
                        simple.withUnsafeBufferPointer { simple in
                            general.withUnsafeBufferPointer { general in
                                // (terms stay for the cut loop's bounds)
                                cutCounts.withUnsafeBufferPointer { cutCounts in
                                    cameBack = PSURuns.walk(columns, scope: scope, by: by) { value, row in
                                        if rowsNow[value] == 0 { touched.append(value) }
                                        rowsNow[value] += 1
                                        let w = columns.weights[row], flags = columns.flags[row]
                                        let sums = current.baseAddress! + value * count
                                        let exact = exactNow.baseAddress! + (Sums.exact ? value * count : 0)
                                        let ratio = cellRows.map { $0.designWeights[row] / w } ?? 0
                                        var nonzero = 0
                                        defer {
                                            if let rows = cellRows, nonzero > 0 {
                                                addCells(
                                                    rows, value: value, row: row, scaled: scaled, terms: scaledTerms,
                                                    count: nonzero)
                                            }
                                        }
                                        /// Adds to the run's double sum, or (design cells) to its exact sum.
                                        @inline(__always) func add(_ t: Int, _ addend: Double) {
                                            if Sums.exact {
                                                exact[t].add(addend, on: grids[t])
                                            } else {
                                                sums[t] += addend
                                            }
                                            if cellRows != nil, addend != 0, terms[t].weighted {
                                                scaled[nonzero] = addend * ratio
                                                scaledTerms[nonzero] = Int32(t)
                                                nonzero += 1
                                            }
                                        }
                                        for (t, need, weighted) in simple {
                                            add(t, flags & need == need ? (weighted ? w : 1) : 0)
                                        }
                                        let wage = columns.wages[row]
                                        if cutTerms.count > 0 {
                                            // Cuts ascend: a cut that holds the wage is followed only by cuts that do.
                                            let first = cuts.baseAddress! + value * width
                                            var k = cutCounts[value] - 1
                                            while k >= 0, first[k].holds(wage) {
                                                add(cutTerms.first + k, w)
                                                k -= 1
                                            }
                                        }
                                        guard !general.isEmpty else { return }
                                        let codes = columns.codes[row]
                                        for term in general {
                                            add(term.index, term.addend(row, columns, w: w, flags: flags, codes: codes))
                                        }
                                    } flush: { psu in
                                        flush(psu)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Appends the PSU's sums to each value that had rows in it, to the whole, and to the groups.
    ///
    /// A PSU run's sums are added in file order as doubles (the rows of a run come in the order
    /// of the file whatever the number of threads) and enter the domains' exact totals here,
    /// once per (value, run, term). When the whole breakdown or groups are kept (the design
    /// cells), every row entered exact sums instead, and the values', the whole's and the
    /// groups' per-PSU sums are rounded once from them: a domain's and its scope's sums agree
    /// to the bit, and nearly equal PSU totals keep every digit of their differences.
    private func flush(_ psu: Int32) {
        let count = terms.count
        guard keepsWhole else {
            flushSeparately(&touched, psu: psu)
            return
        }
        if rollup != nil { touched.sort() }  // groups need their values together
        let (exact, whole, group) = (scratch, scratch + count, scratch + 2 * count)
        whole.initialize(repeating: ExactSum(), count: count)
        var groupNumber = -1
        var wholeRows = 0, groupRows = 0
        for value in touched {
            for t in 0..<count {
                exact[t] = exactNow[value * count + t]
                exactNow[value * count + t] = ExactSum()
                whole[t].add(exact[t])
            }
            append(exact, rows: rowsNow[value], to: value, psu: psu)
            wholeRows += rowsNow[value]
            if let rollup {
                let number = rollup.group(value)
                if number != groupNumber {
                    if groupNumber >= 0 { append(group, rows: groupRows, to: values + 1 + groupNumber, psu: psu) }
                    groupNumber = number
                    group.initialize(repeating: ExactSum(), count: count)
                    groupRows = 0
                }
                for t in 0..<count { group[t].add(exact[t]) }
                groupRows += rowsNow[value]
            }
            rowsNow[value] = 0
        }
        if groupNumber >= 0 { append(group, rows: groupRows, to: values + 1 + groupNumber, psu: psu) }
        if !touched.isEmpty { append(whole, rows: wholeRows, to: values, psu: psu) }
        touched.removeAll(keepingCapacity: true)
    }

    /// Appends each value's run sums to its list as they are (their totals exact), and clears them.
    /// Without entries kept, `atRunEnd` sees the run's sums (`runSum`) instead, before they are cleared.
    func flushSeparately(_ values: inout [Int], psu: Int32) {
        let count = terms.count
        if let atRunEnd { atRunEnd(values, psu) }
        if !keepsTotals, !keepsEntries {
            for value in values {
                (current.baseAddress! + value * count).update(repeating: 0, count: count)
                rows[value] += rowsNow[value]
                rowsNow[value] = 0
            }
            values.removeAll(keepingCapacity: true)
            return
        }
        for value in values {
            let base = value * count
            for t in 0..<count {
                let sum = current[base + t]
                if sum != 0 {
                    totals[base + t].add(sum, on: grids[t])
                    current[base + t] = 0
                }
                if slots[t] >= 0 { entry[slots[t]] = sum }
            }
            if keepsEntries {
                psus[value].append(psu)
                entries[value].append(contentsOf: UnsafeBufferPointer(start: entry, count: stride))
            }
            rows[value] += rowsNow[value]
            rowsNow[value] = 0
        }
        values.removeAll(keepingCapacity: true)
    }

    private func append(_ sums: UnsafeMutablePointer<ExactSum>, rows count: Int, to list: Int, psu: Int32) {
        psus[list].append(psu)
        let base = list * terms.count
        for t in 0..<terms.count {
            totals[base + t].add(sums[t])
            if slots[t] >= 0 { entry[slots[t]] = sums[t].value(on: grids[t]) }
        }
        entries[list].append(contentsOf: UnsafeBufferPointer(start: entry, count: stride))
        rows[list] += count
    }

    /// `body` with a view of the calibrated rows whose cells the pass adds (nil: none, or
    /// `keepsCells` off), valid while it runs.
    func withCellRows<R>(_ body: (CalibrationRows.View?) -> R) -> R {
        guard keepsCells, let calibration else { return body(nil) }
        return calibration.withView { body($0) }
    }

    /// Adds d·x_j·y of a row's terms at once (`scaled[k]` for term `listed[k]`, k < `count`: each
    /// weighted term's addend over the row's weight, times its design weight) to each of the
    /// row's model columns j in value `value`'s cells.
    @inline(__always)
    func addCells(
        _ rows: CalibrationRows.View, value: Int, row: Int, scaled: UnsafeMutablePointer<Double>,
        terms listed: UnsafeMutablePointer<Int32>, count: Int
    ) {
        let cells = cellSums.baseAddress! + value * rows.columns * terms.count
        for k in 0..<rows.width {
            let x = rows.entryValues[row * rows.width + k]
            guard x != 0 else { continue }
            let target = cells + Int(rows.entryColumns[row * rows.width + k]) * terms.count
            for n in 0..<count { target[Int(listed[n])] += scaled[n] * x }
        }
    }

    /// Value `value`'s Σ d·x_j·y of term `term`, j = `column`.
    func cellSum(value: Int, column: Int, term: Int) -> Double {
        guard let calibration else { return 0 }
        return cellSums[(value * calibration.columns + column) * terms.count + term]
    }

    /// Rows of value `value` so far (before its sums are taken).
    func rowCount(of value: Int) -> Int { rows[value] }

    /// Value `value`'s totals so far, per term (before its sums are taken).
    func totals(of value: Int) -> [Double] {
        terms.indices.map { totals[value * terms.count + $0].value(on: grids[$0]) }
    }

    /// Value `value`'s sums (PSUs ascending, came-back PSUs merged); its entries are released.
    func take(_ value: Int) -> DomainSums { take(list: value) }

    /// The whole breakdown's sums (every value together: the scope).
    func takeWhole() -> DomainSums { take(list: values) }

    /// Rollup group `group`'s sums.
    func take(group: Int) -> DomainSums { take(list: values + 1 + group) }

    private func take(list: Int) -> DomainSums {
        let count = stride
        var result = DomainSums(slots: slots, stride: stride)
        result.psus = psus[list]
        result.sums = entries[list]
        psus[list] = []
        entries[list] = []
        if cameBack {
            // A PSU listed in several runs: its entries added in file order.
            var mergedPSUs: [Int32] = []
            var merged: [Double] = []
            let (psuList, sums) = (result.psus, result.sums)
            PSURuns.inPSUOrder(psuList) { index, startsPSU in
                if startsPSU {
                    mergedPSUs.append(psuList[index])
                    merged.append(contentsOf: sums[(index * count)..<((index + 1) * count)])
                } else {
                    let base = merged.count - count
                    for t in 0..<count { merged[base + t] += sums[index * count + t] }
                }
            }
            result.psus = mergedPSUs
            result.sums = merged
        }
        result.rows = rows[list]
        result.totals = terms.indices.map { totals[list * terms.count + $0].value(on: grids[$0]) }
        if let calibration {
            // A value's cells; the whole's and a group's, those of their values summed.
            let members: [Int] =
                list < values
                ? [list]
                : list == values ? Array(0..<values) : (0..<values).filter { rollup!.group($0) == list - values - 1 }
            let columns = calibration.columns
            result.cellColumns = columns
            result.cells = [Double](repeating: 0, count: columns * stride)
            for value in members {
                for t in 0..<terms.count where slots[t] >= 0 {
                    for j in 0..<columns {
                        result.cells[j * stride + slots[t]] += cellSums[(value * columns + j) * terms.count + t]
                    }
                }
            }
        }
        return result
    }
}
