/// The one pass that gathers per-(domain, PSU) sums: every `LinearTerm` of a list, for every
/// value of a breakdown (scope × by-variable), in one walk over a wave's rows in file order.
///
/// Survey files list a PSU's rows together, so the pass keeps only the current PSU's sums
/// per value and appends them to the value's list when the PSU changes (`PSURuns`); should
/// a PSU come back later, each list is sorted by PSU and its entries merged. Sums are
/// `ExactSum`s on a grid per term fixed from the wave's largest addend, so any grouping of
/// rows — runs, values rolled up into the whole scope or into groups — gives the same
/// bits whatever the weights' scale, and the result depends on the data alone.
/// The hot loop's tables live in manually managed buffers: no array uniqueness or bounds
/// check runs per row.
final class PSUPass {
    let terms: [LinearTerm]
    let values: Int
    private let grids: [SumGrid]
    /// Per value then term: the current PSU's sums.
    private let current: UnsafeMutableBufferPointer<ExactSum>
    private let rowsNow: UnsafeMutableBufferPointer<Int>
    /// Lists: the values, then the whole breakdown, then each rollup group.
    @exclusivity(unchecked) private var psus: [[Int32]]
    @exclusivity(unchecked) private var entries: [[ExactSum]]
    @exclusivity(unchecked) private var rows: [Int]
    @exclusivity(unchecked) private var touched: [Int] = []
    @exclusivity(unchecked) private var cameBack = false
    private let rollup: Rollup?
    /// Per value, its domain's wage cuts (`cutWidth` slots), for `.cut` terms.
    private let cuts: UnsafeMutableBufferPointer<WageCuts.Cut>
    private let cutCounts: [Int]
    private let cutWidth: Int

    /// Values grouped into larger domains as well (industry × skill level into industries).
    struct Rollup: Sendable {
        let groups: Int
        let group: @Sendable (Int) -> Int
    }

    /// `cuts`, when `terms` hold `.cut` terms: each value's `WageCuts`.
    init(
        _ samples: WageSamples, values: Int, terms: [LinearTerm], rollup: Rollup? = nil, cuts: [WageCuts] = [],
        expected: [Int]? = nil
    ) {
        self.terms = terms
        self.values = values
        self.rollup = rollup
        grids = terms.map { SumGrid(largest: $0.largestAddend(samples)) }
        current = .allocate(capacity: max(1, values * terms.count))
        current.initialize(repeating: ExactSum())
        rowsNow = .allocate(capacity: values)
        rowsNow.initialize(repeating: 0)
        let lists = values + 1 + (rollup?.groups ?? 0)
        psus = Array(repeating: [], count: lists)
        entries = Array(repeating: [], count: lists)
        rows = Array(repeating: 0, count: lists)
        if let expected, expected.count == values {
            for value in 0..<values where expected[value] > 0 {
                psus[value].reserveCapacity(expected[value])
                entries[value].reserveCapacity(expected[value] * terms.count)
            }
        }
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
        rowsNow.deallocate()
        cuts.deallocate()
    }

    /// Adds every row of `scope` to its value of `by`.
    func run(_ samples: WageSamples, scope: Scope, by: ByVariable) {
        let (current, rowsNow, grids, width, cuts) = (current, rowsNow, grids, cutWidth, cuts)
        let count = terms.count
        terms.withUnsafeBufferPointer { terms in
            cutCounts.withUnsafeBufferPointer { cutCounts in
                cameBack = PSURuns.walk(samples, scope: scope, by: by) { value, row in
                    if rowsNow[value] == 0 { touched.append(value) }
                    rowsNow[value] += 1
                    let w = samples.weights[row], flags = samples.flags[row], codes = samples.codes[row]
                    let sums = current.baseAddress! + value * count
                    for t in 0..<count {
                        let term = terms[t]
                        guard term.condition.holds(samples, row, flags: flags, codes: codes) else { continue }
                        let factor: Double
                        switch term.factor {
                        case .one: factor = 1
                        case .column(let column): factor = column.value(samples, row)
                        case .cut(let k):
                            guard k < cutCounts[value], cuts[value * width + k].holds(samples.wages[row]) else {
                                continue
                            }
                            factor = 1
                        case .wageBelow(let line):
                            guard samples.wages[row] < line else { continue }
                            factor = 1
                        }
                        sums[t].add(term.weighted ? w * factor : factor, on: grids[t])
                    }
                } flush: { psu in
                    flush(psu)
                }
            }
        }
    }

    /// Appends the PSU's sums to each value that had rows in it, to the whole, and to the groups.
    private func flush(_ psu: Int32) {
        let count = terms.count
        if rollup != nil { touched.sort() }  // groups need their values together
        var whole = [ExactSum](repeating: ExactSum(), count: count)
        var group = whole
        var groupNumber = -1
        var wholeRows = 0, groupRows = 0
        for value in touched {
            let sums = UnsafeBufferPointer(start: current.baseAddress! + value * count, count: count)
            append(sums, rows: rowsNow[value], to: value, psu: psu)
            wholeRows += rowsNow[value]
            for t in 0..<count { whole[t].add(sums[t]) }
            if let rollup {
                let number = rollup.group(value)
                if number != groupNumber {
                    if groupNumber >= 0 { append(group, rows: groupRows, to: values + 1 + groupNumber, psu: psu) }
                    groupNumber = number
                    group = [ExactSum](repeating: ExactSum(), count: count)
                    groupRows = 0
                }
                for t in 0..<count { group[t].add(sums[t]) }
                groupRows += rowsNow[value]
            }
            for t in 0..<count { current[value * count + t] = ExactSum() }
            rowsNow[value] = 0
        }
        if groupNumber >= 0 { append(group, rows: groupRows, to: values + 1 + groupNumber, psu: psu) }
        if !touched.isEmpty { append(whole, rows: wholeRows, to: values, psu: psu) }
        touched.removeAll(keepingCapacity: true)
    }

    private func append(_ sums: some Collection<ExactSum>, rows count: Int, to list: Int, psu: Int32) {
        psus[list].append(psu)
        entries[list].append(contentsOf: sums)
        rows[list] += count
    }

    /// Value `value`'s sums (PSUs ascending, came-back PSUs merged); its entries are released.
    func take(_ value: Int) -> DomainSums { take(list: value) }

    /// The whole breakdown's sums (every value together: the scope).
    func takeWhole() -> DomainSums { take(list: values) }

    /// Rollup group `group`'s sums.
    func take(group: Int) -> DomainSums { take(list: values + 1 + group) }

    private func take(list: Int) -> DomainSums {
        let count = terms.count
        var psuList = psus[list]
        var exact = entries[list]
        psus[list] = []
        entries[list] = []
        if cameBack {
            var mergedPSUs: [Int32] = []
            var merged: [ExactSum] = []
            PSURuns.inPSUOrder(psuList) { index, startsPSU in
                if startsPSU {
                    mergedPSUs.append(psuList[index])
                    merged.append(contentsOf: exact[(index * count)..<((index + 1) * count)])
                } else {
                    let base = merged.count - count
                    for t in 0..<count { merged[base + t].add(exact[index * count + t]) }
                }
            }
            psuList = mergedPSUs
            exact = merged
        }
        var result = DomainSums(stride: count)
        result.psus = psuList
        result.rows = rows[list]
        result.sums.reserveCapacity(exact.count)
        var totals = [ExactSum](repeating: ExactSum(), count: count)
        for (index, sum) in exact.enumerated() {
            let t = index % count
            result.sums.append(sum.value(on: grids[t]))
            totals[t].add(sum)
        }
        result.totals = (0..<count).map { totals[$0].value(on: grids[$0]) }
        return result
    }
}
