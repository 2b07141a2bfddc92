/// A calibrated wave's cells (Σ d·x_j·y per value, model column and term) gathered a PSU run at
/// a time: the run's rows with the same calibration variables (a pattern: a worker's district,
/// industry and sex, say) add their design-weighted addends together, and the run's end spreads
/// each pattern's sums over its model columns. Where a run's rows share few patterns that is
/// nearly `width` times fewer additions than spreading every row.
final class RunCellPatterns {
    /// Patterns a run keeps; a row of a run with more is spread at once.
    static let capacity = 8
    let rows: CalibrationRows
    let terms: Int
    /// Per walk scope, its current run's patterns: `capacity` × width entries, and how many.
    private let patternColumns: UnsafeMutablePointer<Int32>
    private let patternValues: UnsafeMutablePointer<Double>
    private var patternCount: [Int]
    /// Per (value, pattern), every term's Σ d·y in the run; per value, the patterns it used (bits).
    private let sums: UnsafeMutablePointer<Double>
    private let used: UnsafeMutablePointer<UInt8>

    init(_ rows: CalibrationRows, values: Int, terms: Int, scopes: Int) {
        self.rows = rows
        self.terms = terms
        let entries = max(1, scopes * Self.capacity * rows.width)
        patternColumns = .allocate(capacity: entries)
        patternColumns.initialize(repeating: 0, count: entries)
        patternValues = .allocate(capacity: entries)
        patternValues.initialize(repeating: 0, count: entries)
        patternCount = Array(repeating: 0, count: scopes)
        sums = .allocate(capacity: max(1, values * Self.capacity * terms))
        sums.initialize(repeating: 0, count: max(1, values * Self.capacity * terms))
        used = .allocate(capacity: max(1, values))
        used.initialize(repeating: 0, count: max(1, values))
    }

    deinit {
        patternColumns.deallocate()
        patternValues.deallocate()
        sums.deallocate()
        used.deallocate()
    }

    /// Row `row`'s pattern in scope `scope`'s current run, added if new; −1 when the run has
    /// `capacity` others already.
    @inline(__always)
    func pattern(of row: Int, scope: Int) -> Int {
        let width = rows.width
        let columns = patternColumns + scope * Self.capacity * width
        let values = patternValues + scope * Self.capacity * width
        let count = patternCount[scope]
        search: for p in 0..<count {
            for e in 0..<width {
                let entry = row * width + e
                guard columns[p * width + e] == rows.entryColumns[entry],
                    values[p * width + e] == rows.entryValues[entry]
                else { continue search }
            }
            return p
        }
        guard count < Self.capacity else { return -1 }
        for e in 0..<width {
            columns[count * width + e] = rows.entryColumns[row * width + e]
            values[count * width + e] = rows.entryValues[row * width + e]
        }
        patternCount[scope] = count + 1
        return count
    }

    /// Adds a row's design-weighted addends (`scaled[k]` of term `listed[k]`) to `value`'s sums of `pattern`.
    @inline(__always)
    func add(
        value: Int, pattern: Int, scaled: UnsafeMutablePointer<Double>, terms listed: UnsafeMutablePointer<Int32>,
        count: Int
    ) {
        let base = sums + (value * Self.capacity + pattern) * terms
        for n in 0..<count { base[Int(listed[n])] += scaled[n] }
        used[value] |= UInt8(1) << UInt8(pattern)
    }

    /// The run of scope `scope` ends: each of its `values`' pattern sums spread into `cells` (laid
    /// out as `PSUPass.cellSums`), and the patterns forgotten.
    func flush(_ values: [Int], scope: Int, into cells: UnsafeMutableBufferPointer<Double>) {
        let width = rows.width
        let columns = patternColumns + scope * Self.capacity * width
        let entryValues = patternValues + scope * Self.capacity * width
        let modelColumns = rows.columns
        for value in values {
            var mask = used[value]
            used[value] = 0
            while mask != 0 {
                let p = mask.trailingZeroBitCount
                mask &= mask - 1
                let base = sums + (value * Self.capacity + p) * terms
                for e in 0..<width {
                    let x = entryValues[p * width + e]
                    guard x != 0 else { continue }
                    let target = cells.baseAddress! + (value * modelColumns + Int(columns[p * width + e])) * terms
                    for t in 0..<terms where base[t] != 0 { target[t] += x * base[t] }
                }
                base.update(repeating: 0, count: terms)
            }
        }
        patternCount[scope] = 0
    }
}
