/// The few values per worker that quantiles and the worker-level rates need, stored column-wise for one wave.
///
/// Quantiles cannot be computed from sums, so each accepted worker keeps its
/// wage, weight, PSU number and packed codes (24 bytes); the coverage and
/// training indicators use 2 bytes of flags and three 4-byte amounts more:
/// 38 bytes a row, growing linearly with the rows of the wave (about 380 MB
/// for 10 million rows). Keeping a dozen more sums in every (domain, PSU)
/// cell instead would cost 16 bytes × 12 × ~45 cells per PSU — more, whenever
/// PSUs hold fewer than ~230 sampled workers, as they do in enterprise surveys.
public struct WageSamples: Sendable {
    public private(set) var wages: [Double] = []
    public private(set) var weights: [Double] = []
    public private(set) var psus: [Int32] = []
    public private(set) var codes: [WorkerCodesPacked] = []
    /// `WorkerFlags` bits.
    public private(set) var flags: [UInt16] = []
    public private(set) var trainingHours: [Float] = []
    public private(set) var trainingSubsidy: [Float] = []
    /// One-way commute in minutes; NaN when not given.
    public private(set) var commuteMinutes: [Float] = []
    /// The plan's extra columns (`ExtraColumns`), `extraWidth` values a row, row after row; NaN where not given.
    public private(set) var extras: [Double] = []
    public private(set) var extraWidth = 0
    /// Per row, bit k set when the row is in the plan's scope k (`markScopes`); empty without plan scopes.
    public private(set) var scopeBits: [UInt8] = []
    /// Per extra column, the largest magnitude of its values (grids of their terms' sums).
    private(set) var largestExtras: [Double] = []
    /// Per row, the design weight and calibration variables of a calibrated wave (`calibrate`); nil otherwise.
    private(set) var calibration: CalibrationRows?
    /// Whether the rows are in wage order (ties in file order), after `sortByWage()`.
    public private(set) var isWageOrdered = false
    /// The largest weight and wage of the wave: they fix the grids of its exact sums (`LinearTerm.largestAddend`).
    public private(set) var largestWeight = 0.0
    public private(set) var largestWage = 0.0
    /// The largest training hours, subsidy and commute of the wave (grids of their terms' sums).
    private(set) var largestAmounts: (hours: Float, subsidy: Float, commute: Float) = (0, 0, 0)

    public init() {}

    /// Two waves' rows as one, each PSU's rows together — the earlier wave's first, each wave's
    /// in file order — and each row marked `WorkerFlags.earlierWave` or `.laterWave`: what the
    /// changes between them are estimated from (`Wave.paired`). PSU numbers are shared by the
    /// waves (the same stratum and PSU is the same number), so a PSU of both is one run.
    static func paired(_ earlier: WageSamples, _ later: WageSamples) -> WageSamples {
        precondition(earlier.extraWidth == later.extraWidth || earlier.count == 0 || later.count == 0)
        let highest = Int(max(earlier.psus.max() ?? -1, later.psus.max() ?? -1))
        // A counting sort by PSU number, the earlier wave's rows first.
        var starts = [Int](repeating: 0, count: highest + 2)
        for psu in earlier.psus { starts[Int(psu) + 1] += 1 }
        for psu in later.psus { starts[Int(psu) + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        let count = earlier.count + later.count
        var order = [(wave: Int8, row: Int32)](repeating: (0, 0), count: count)
        for (wave, samples) in [earlier, later].enumerated() {
            for (row, psu) in samples.psus.enumerated() {
                order[starts[Int(psu)]] = (Int8(wave), Int32(row))
                starts[Int(psu)] += 1
            }
        }
        var paired = WageSamples()
        let waves = [earlier, later]
        let marks = [WorkerFlags.earlierWave, WorkerFlags.laterWave]
        paired.extraWidth = max(earlier.extraWidth, later.extraWidth)
        paired.wages = order.map { waves[Int($0.wave)].wages[Int($0.row)] }
        paired.weights = order.map { waves[Int($0.wave)].weights[Int($0.row)] }
        paired.psus = order.map { waves[Int($0.wave)].psus[Int($0.row)] }
        paired.codes = order.map { waves[Int($0.wave)].codes[Int($0.row)] }
        paired.flags = order.map { waves[Int($0.wave)].flags[Int($0.row)] | marks[Int($0.wave)] }
        paired.trainingHours = order.map { waves[Int($0.wave)].trainingHours[Int($0.row)] }
        paired.trainingSubsidy = order.map { waves[Int($0.wave)].trainingSubsidy[Int($0.row)] }
        paired.commuteMinutes = order.map { waves[Int($0.wave)].commuteMinutes[Int($0.row)] }
        paired.calibration = CalibrationRows.paired(earlier.calibration, later.calibration, order: order)
        if !earlier.scopeBits.isEmpty || !later.scopeBits.isEmpty {
            paired.scopeBits = order.map { waves[Int($0.wave)].scopeBits[Int($0.row)] }
        }
        if paired.extraWidth > 0 {
            paired.extras.reserveCapacity(count * paired.extraWidth)
            for (wave, row) in order {
                let start = Int(row) * paired.extraWidth
                paired.extras.append(contentsOf: waves[Int(wave)].extras[start..<(start + paired.extraWidth)])
            }
            paired.largestExtras = zip(
                earlier.largestExtras.isEmpty ? later.largestExtras : earlier.largestExtras,
                later.largestExtras.isEmpty ? earlier.largestExtras : later.largestExtras
            ).map { max($0, $1) }
        }
        paired.largestWeight = max(earlier.largestWeight, later.largestWeight)
        paired.largestWage = max(earlier.largestWage, later.largestWage)
        paired.largestAmounts = (
            max(earlier.largestAmounts.hours, later.largestAmounts.hours),
            max(earlier.largestAmounts.subsidy, later.largestAmounts.subsidy),
            max(earlier.largestAmounts.commute, later.largestAmounts.commute)
        )
        return paired
    }

    public var count: Int { wages.count }

    /// Appends rows `rows` of a validated chunk, renumbering its PSUs through `psuMap`.
    mutating func append(_ batch: WorkerBatch, rows: Range<Int>, psuMap: [Int32]) {
        wages.append(contentsOf: batch.wages[rows])
        weights.append(contentsOf: batch.weights[rows])
        psus.append(contentsOf: batch.psus[rows].lazy.map { psuMap[Int($0)] })
        codes.append(contentsOf: batch.codes[rows])
        flags.append(contentsOf: batch.flags[rows])
        trainingHours.append(contentsOf: batch.trainingHours[rows])
        trainingSubsidy.append(contentsOf: batch.trainingSubsidy[rows])
        commuteMinutes.append(contentsOf: batch.commuteMinutes[rows])
        if batch.extraWidth > 0 {
            extraWidth = batch.extraWidth
            if largestExtras.isEmpty { largestExtras = Array(repeating: 0, count: extraWidth) }
            let values = batch.extras[(rows.lowerBound * extraWidth)..<(rows.upperBound * extraWidth)]
            extras.append(contentsOf: values)
            for (index, value) in zip(values.indices, values) where !value.isNaN {
                let slot = index % extraWidth
                largestExtras[slot] = max(largestExtras[slot], abs(value))
            }
        }
        for row in rows {
            largestWeight = max(largestWeight, batch.weights[row])
            largestWage = max(largestWage, batch.wages[row])
            let commute = batch.commuteMinutes[row]
            largestAmounts = (
                max(largestAmounts.hours, batch.trainingHours[row]),
                max(largestAmounts.subsidy, batch.trainingSubsidy[row]),
                max(largestAmounts.commute, commute.isNaN ? 0 : commute)
            )
        }
        isWageOrdered = false
    }
}

/// Yes/no answers of a worker, one bit each; "known" bits for the optional ones.
public struct WorkerFlags: Sendable, Equatable {
    public let bits: UInt16

    public static let trained: UInt16 = 1 << 0
    public static let housingFund: UInt16 = 1 << 1
    public static let socialInsurance: UInt16 = 1 << 2
    public static let laborContract: UInt16 = 1 << 3
    public static let unionKnown: UInt16 = 1 << 4
    public static let unionMember: UInt16 = 1 << 5
    public static let apprentice: UInt16 = 1 << 6
    public static let newCertificate: UInt16 = 1 << 7
    public static let partyKnown: UInt16 = 1 << 8
    public static let partyMember: UInt16 = 1 << 9
    /// The one-way commute is given.
    public static let commuteKnown: UInt16 = 1 << 10
    /// The row is the earlier (later) wave's in a paired wave (`Wave.paired`); never set on a wave of its own.
    public static let earlierWave: UInt16 = 1 << 14
    public static let laterWave: UInt16 = 1 << 15

    /// A worker's answers as validation reads them; nil for an optional answer not given.
    init(
        trained: Bool, housingFund: Bool, socialInsurance: Bool, laborContract: Bool, unionMember: Bool?,
        apprentice: Bool, newCertificate: Bool, partyMember: Bool?, commuteKnown: Bool
    ) {
        var bits: UInt16 = 0
        if trained { bits |= Self.trained }
        if housingFund { bits |= Self.housingFund }
        if socialInsurance { bits |= Self.socialInsurance }
        if laborContract { bits |= Self.laborContract }
        if let unionMember {
            bits |= Self.unionKnown
            if unionMember { bits |= Self.unionMember }
        }
        if apprentice { bits |= Self.apprentice }
        if newCertificate { bits |= Self.newCertificate }
        if let partyMember {
            bits |= Self.partyKnown
            if partyMember { bits |= Self.partyMember }
        }
        if commuteKnown { bits |= Self.commuteKnown }
        self.bits = bits
    }
}

extension WageSamples {
    /// Row numbers sorted by wage, ties in row order (so the order never depends on the sort algorithm).
    ///
    /// With `jobs` > 1, two halves are sorted concurrently and merged: the same order, as
    /// (wage, row) is a total order.
    /// - Complexity: O(n log n).
    func wageOrder(jobs: Int = 1) -> [Int32] {
        if isWageOrdered { return Array(0..<Int32(count)) }
        // Sorting (wage, row) pairs rather than row numbers compared through the wage column
        // keeps the sort's memory access sequential: millions of rows do not fit in cache.
        var pairs = wages.enumerated().map { WageRow(wage: $0.element, row: Int32($0.offset)) }
        guard jobs > 1, pairs.count >= 1 << 16 else {
            pairs.sort(by: WageRow.precedes)
            return pairs.map(\.row)
        }
        let middle = pairs.count / 2
        pairs.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            concurrentForEach(2, jobs: 2) { half in
                var part =
                    half == 0
                    ? UnsafeMutableBufferPointer(rebasing: shared.value[..<middle])
                    : UnsafeMutableBufferPointer(rebasing: shared.value[middle...])
                part.sort(by: WageRow.precedes)
            }
        }
        var order: [Int32] = []
        order.reserveCapacity(pairs.count)
        var left = 0, right = middle
        while left < middle, right < pairs.count {
            if WageRow.precedes(pairs[right], pairs[left]) {
                order.append(pairs[right].row)
                right += 1
            } else {
                order.append(pairs[left].row)
                left += 1
            }
        }
        for index in left..<middle { order.append(pairs[index].row) }
        for index in right..<pairs.count { order.append(pairs[index].row) }
        return order
    }
}

/// A row's wage and number, sorted by wage then row.
private struct WageRow: Sendable {
    let wage: Double
    let row: Int32

    @Sendable static func precedes(_ a: WageRow, _ b: WageRow) -> Bool {
        a.wage < b.wage || (a.wage == b.wage && a.row < b.row)
    }
}

extension WageSamples {
    /// The wage, weight and codes columns in wage order (ties in file order), for the quantiles,
    /// which walk a domain's rows by wage: a domain's row numbers then ascend, and each walk reads
    /// the columns forward instead of jumping across them. The plan's extra columns come along
    /// (its breakdowns may read them); the other columns are left empty.
    ///
    /// The per-PSU sums are gathered in file order, where a PSU's rows sit together. With `jobs`
    /// > 1 the sort and the three copies run concurrently.
    /// - Complexity: O(n log n) time; 20 bytes a row while the copy lives.
    func wageOrderedCore(jobs: Int = 1) -> WageSamples {
        let order = wageOrder(jobs: jobs)
        enum Column: Sendable {
            case values([Double])
            case codes([WorkerCodesPacked])
        }
        let columns = concurrentMap(3, jobs: jobs) { column -> Column in
            switch column {
            case 0: .values(order.map { wages[Int($0)] })
            case 1: .values(order.map { weights[Int($0)] })
            default: .codes(order.map { codes[Int($0)] })
            }
        }
        var sorted = WageSamples()
        if case .values(let values) = columns[0] { sorted.wages = values }
        if case .values(let values) = columns[1] { sorted.weights = values }
        if case .codes(let values) = columns[2] { sorted.codes = values }
        if !scopeBits.isEmpty { sorted.scopeBits = order.map { scopeBits[Int($0)] } }
        if extraWidth > 0 {
            sorted.extraWidth = extraWidth
            sorted.largestExtras = largestExtras
            sorted.extras.reserveCapacity(extras.count)
            for row in order {
                let start = Int(row) * extraWidth
                sorted.extras.append(contentsOf: extras[start..<(start + extraWidth)])
            }
        }
        sorted.isWageOrdered = true
        sorted.largestWeight = largestWeight
        sorted.largestWage = largestWage
        return sorted
    }
}

extension WageSamples {
    /// The rows that give `column` and meet `known`, in file order, with `column` in place of
    /// the wage: what quantiles of a column among some rows read (`QuantileGroup`). Weights,
    /// PSUs, codes, flags, extra columns and scope bits come along; the other numbers are left empty.
    func valued(by column: WaveColumn, where known: RowCondition = .always) -> WageSamples {
        var valued = WageSamples()
        valued.extraWidth = extraWidth
        valued.largestExtras = largestExtras
        valued.calibration = calibration.map { CalibrationRows(width: $0.width, columns: $0.columns) }
        withColumns { columns in
            for row in 0..<columns.count {
                let value = columns.value(column, row)
                guard !value.isNaN, known.holds(flags: columns.flags[row], codes: columns.codes[row]),
                    known.isGiven(row, columns)
                else { continue }
                valued.wages.append(value)
                valued.weights.append(weights[row])
                valued.psus.append(psus[row])
                valued.codes.append(codes[row])
                valued.flags.append(flags[row])
                if extraWidth > 0 {
                    valued.extras.append(contentsOf: extras[(row * extraWidth)..<((row + 1) * extraWidth)])
                }
                if !scopeBits.isEmpty { valued.scopeBits.append(scopeBits[row]) }
                if let calibration { valued.calibration?.append(row: row, of: calibration) }
                valued.largestWeight = max(valued.largestWeight, weights[row])
                valued.largestWage = max(valued.largestWage, abs(value))
            }
        }
        return valued
    }
}

extension WageSamples {
    /// Replaces the design weights by calibrated ones (`weights`, row for row) and keeps the design
    /// weights and calibration variables (`rows`) for the variance.
    mutating func calibrate(weights calibrated: [Double], rows: CalibrationRows) {
        precondition(calibrated.count == count && rows.designWeights.count == count)
        weights = calibrated
        calibration = rows
        largestWeight = calibrated.reduce(0) { max($0, $1) }
    }
}

extension WageSamples {
    /// Marks each row's membership of the plan's scopes among `scopes` (bit k for the k-th
    /// plan scope), so that the passes — and the wage-ordered copy — test one bit per row.
    mutating func markScopes(_ scopes: [Scope]) {
        let planScopes = scopes.filter(\.isPlanScope)
        guard !planScopes.isEmpty else { return }
        precondition(planScopes.count <= 8, "at most 8 plan scopes fit a row's byte")
        let bits = withColumns { columns in
            (0..<columns.count).map { row in
                planScopes.enumerated().reduce(UInt8(0)) { bits, scope in
                    scope.element.admits(row, columns) ? bits | 1 << UInt8(scope.offset) : bits
                }
            }
        }
        scopeBits = bits
    }
}

extension WageSamples {
    /// The distinct PSU numbers of the wave, ascending (read off a bitmap of `psuCount` bits).
    func distinctPSUs(psuCount: Int) -> [Int32] {
        var present = [UInt64](repeating: 0, count: psuCount / 64 + 1)
        for psu in psus { present[Int(psu) >> 6] |= 1 << UInt64(Int(psu) & 63) }
        var result: [Int32] = []
        for word in present.indices where present[word] != 0 {
            var bits = present[word]
            while bits != 0 {
                result.append(Int32(word << 6 | bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return result
    }
}

extension WageSamples {
    /// The largest value of `column` in the wave (0 when it has none): it fixes the grid of a term's exact sums.
    func largest(_ column: WaveColumn) -> Double {
        switch column {
        case .wage: return largestWage
        case .trainingHours: return Double(largestAmounts.hours)
        case .trainingSubsidy: return Double(largestAmounts.subsidy)
        case .commuteMinutes: return Double(largestAmounts.commute)
        case .extra(let slot): return slot < largestExtras.count ? largestExtras[slot] : 0
        }
    }
}
