/// The quantile cuts of a streamed group of blocks: each domain's points of quantile requests
/// with an interval, ascending, and what the walks add at them — per PSU run, Σ w at or below
/// each cut; under calibration, over the whole wave, Σ d·x at or below each cut (its cells).
final class StreamCuts {
    let groups: [QuantileGroup]
    /// Per (value, quantile group): where its cuts start (−1: none), and how many.
    let start: [Int32]
    let count: [Int32]
    /// Per (value, quantile group): the domain's Σ w over the rows the group reads.
    let total: [Double]
    /// Per cut, ascending within a (value, group): its point, F̂ there and its request.
    let value: [Double]
    let share: [Double]
    let request: [Int]
    /// The groups with some cut in the walk's blocks (the others ask for points alone).
    let cutGroups: [Int]
    /// Per cut, Σ w at or below it in the current PSU run.
    let runBelow: UnsafeMutableBufferPointer<Double>
    /// Under calibration (`columns` > 0), per cut then model column, Σ d·x over the domain's rows
    /// at or below the cut (after `finishCells`; the walk adds each row at its lowest cut only).
    let cells: UnsafeMutableBufferPointer<Double>
    let columns: Int

    init(
        _ plan: EstimationPlan, blocks: [PassBlock], values: Int, quantiles: [EstimationPlan.BlockQuantiles],
        columns: Int
    ) {
        groups = plan.quantileGroups
        let groupCount = groups.count
        var start = [Int32](repeating: -1, count: values * groupCount)
        var count = [Int32](repeating: 0, count: values * groupCount)
        var total = [Double](repeating: 0, count: values * groupCount)
        var value: [Double] = [], share: [Double] = [], request: [Int] = []
        for (b, block) in blocks.enumerated() {
            for (g, group) in groups.enumerated() {
                guard let (covered, points) = quantiles[b][g] else { continue }
                for (code, domain) in points.enumerated() {
                    guard let domain else { continue }
                    let cuts = group.requests.indices.compactMap { k -> (Double, Double, Int)? in
                        guard covered[k], group.interval[k], let point = domain.points[k] else { return nil }
                        return (point, domain.shares[k], group.requests[k])
                    }.sorted { $0.0 < $1.0 }
                    guard !cuts.isEmpty else { continue }
                    let slot = (block.first + code) * groupCount + g
                    start[slot] = Int32(value.count)
                    count[slot] = Int32(cuts.count)
                    total[slot] = domain.total.value
                    for (point, p, r) in cuts {
                        value.append(point)
                        share.append(p)
                        request.append(r)
                    }
                }
            }
        }
        cutGroups = groups.indices.filter { g in (0..<values).contains { start[$0 * groupCount + g] >= 0 } }
        (self.start, self.count, self.total) = (start, count, total)
        (self.value, self.share, self.request) = (value, share, request)
        runBelow = .allocate(capacity: max(1, value.count))
        runBelow.initialize(repeating: 0)
        self.columns = columns
        cells = .allocate(capacity: max(1, value.count * columns))
        cells.initialize(repeating: 0)
    }

    deinit {
        runBelow.deallocate()
        cells.deallocate()
    }

    var isEmpty: Bool { value.isEmpty }

    /// The cuts of (value, group), as a range of cut numbers (empty: none).
    @inline(__always)
    func range(_ code: Int, group g: Int) -> Range<Int> {
        let slot = code * groups.count + g
        let first = Int(start[slot])
        return first < 0 ? 0..<0 : first..<(first + Int(count[slot]))
    }

    /// The value of group `group`'s column in `row`, nil where the group does not read the row.
    @inline(__always)
    private func reading(_ group: QuantileGroup, _ row: Int, _ columns: WaveColumns) -> Double? {
        guard group.known.holds(flags: columns.flags[row], codes: columns.codes[row]),
            group.known.isGiven(row, columns)
        else { return nil }
        let y = columns.value(group.column, row)
        return y.isNaN ? nil : y
    }

    /// Row `row`'s weight added to the run's Σ w at or below each cut of its domains (`values`,
    /// `count` of them) that its value does not pass.
    @inline(__always)
    func addRun(_ row: Int, _ columns: WaveColumns, _ values: UnsafeMutablePointer<Int>, _ count: Int) {
        guard !isEmpty else { return }
        let w = columns.weights[row]
        for g in cutGroups {
            guard let y = reading(groups[g], row, columns) else { continue }
            for k in 0..<count {
                let cuts = range(values[k], group: g)
                // Ascending cuts: the row counts below every cut from the last down to its value.
                var c = cuts.upperBound - 1
                while c >= cuts.lowerBound, y <= value[c] {
                    runBelow[c] += w
                    c -= 1
                }
            }
        }
    }

    /// Row `row`'s d·x (calibration `rows`) added to the cells of the lowest cut of each of its
    /// domains at or above its value; `finishCells` sums them upwards.
    @inline(__always)
    func addCells(
        _ row: Int, _ columns: WaveColumns, _ values: UnsafeMutablePointer<Int>, _ count: Int,
        _ rows: CalibrationRows.View
    ) {
        guard !isEmpty else { return }
        let width = rows.width
        for g in cutGroups {
            guard let y = reading(groups[g], row, columns) else { continue }
            let d = rows.designWeights[row]
            for k in 0..<count {
                let cuts = range(values[k], group: g)
                var c = cuts.lowerBound
                while c < cuts.upperBound, y > value[c] { c += 1 }
                guard c < cuts.upperBound else { continue }
                let target = cells.baseAddress! + c * self.columns
                for e in 0..<width {
                    let x = rows.entryValues[row * width + e]
                    guard x != 0 else { continue }
                    target[Int(rows.entryColumns[row * width + e])] += d * x
                }
            }
        }
    }

    /// Each cut's cells made Σ over its domain's rows at or below it (a running sum up its domain's cuts).
    func finishCells() {
        guard columns > 0 else { return }
        for slot in start.indices where start[slot] >= 0 {
            let first = Int(start[slot])
            for c in (first + 1)..<(first + Int(count[slot])) {
                for j in 0..<columns { cells[c * columns + j] += cells[(c - 1) * columns + j] }
            }
        }
    }
}
