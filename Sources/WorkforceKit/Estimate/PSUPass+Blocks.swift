/// A breakdown within a scope, and where its values start among a pass's values.
struct PassBlock: Sendable {
    let scope: Scope
    let by: ByVariable
    /// The pass's value of this block's value 0; value v of the block is `first + v`.
    let first: Int

    /// The blocks of `pairs`, their values numbered one block after the other; and the number of values.
    static func numbered(_ pairs: [(Scope, ByVariable)]) -> (blocks: [PassBlock], values: Int) {
        var blocks: [PassBlock] = []
        var next = 0
        for (scope, by) in pairs {
            blocks.append(PassBlock(scope: scope, by: by, first: next))
            next += by.cardinality
        }
        return (blocks, next)
    }
}

extension PSUPass {
    /// Adds every row to its value of each block whose scope holds it, in one walk over the wave.
    ///
    /// A row's addends (every term's w·factor, or 0 where its condition fails) are worked out
    /// once and added to its value of each block. PSU runs are followed per scope, as a walk of
    /// one block follows them, so each value receives the same addends in the same order and
    /// the same runs as `run(_:scope:by:)` gives it: the sums are bit for bit those of one
    /// walk per block. For passes without cuts that keep each value's sums on their own.
    /// `eachRow(row, columns, values, count)`, when given, sees each row once per scope that
    /// holds it, with its pass value in each of that scope's blocks.
    func run(
        _ samples: WageSamples, blocks: [PassBlock],
        eachRow: ((_ row: Int, _ columns: WaveColumns, _ values: UnsafeMutablePointer<Int>, _ count: Int) -> Void)? =
            nil
    ) {
        precondition(!keepsWhole && cutTerms.count == 0, "a walk of several blocks keeps values apart and has no cuts")
        let walk = BlockWalk(blocks)
        let scopeCount = walk.scopes.count
        var touchedOf = [[Int]](repeating: [], count: scopeCount)
        var currentPSU = [Int32](repeating: -1, count: scopeCount)
        var highest = [Int32](repeating: -1, count: scopeCount)
        let count = terms.count
        let (current, rowsNow) = (current, rowsNow)
        let addends = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        let values = UnsafeMutablePointer<Int>.allocate(capacity: max(1, walk.widest))
        let scaled = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        let scaledTerms = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count))
        defer {
            scaled.deallocate()
            scaledTerms.deallocate()
            addends.deallocate()
            values.deallocate()
        }
        withCellRows { cellRows in
            samples.withColumns { columns in
                simple.withUnsafeBufferPointer { simple in
                    general.withUnsafeBufferPointer { general in
                        for row in 0..<columns.count {
                            var worked = false
                            var scaledRow = false
                            var nonzero = 0
                            for s in 0..<scopeCount where walk.tests[s].holds(row, columns) {
                                let psu = columns.psus[row]
                                if psu != currentPSU[s] {
                                    if currentPSU[s] >= 0 { flushSeparately(&touchedOf[s], psu: currentPSU[s]) }
                                    if psu < highest[s] { cameBack = true } else { highest[s] = psu }
                                    currentPSU[s] = psu
                                }
                                if !worked {
                                    let w = columns.weights[row], flags = columns.flags[row]
                                    for (t, need, weighted) in simple {
                                        addends[t] = flags & need == need ? (weighted ? w : 1) : 0
                                    }
                                    if !general.isEmpty {
                                        let codes = columns.codes[row]
                                        for term in general {
                                            addends[term.index] = term.addend(
                                                row, columns, w: w, flags: flags, codes: codes)
                                        }
                                    }
                                    worked = true
                                }
                                walk.values(row, columns, scope: s, into: values)
                                eachRow?(row, columns, values, walk.ranges[s].count)
                                for k in 0..<walk.ranges[s].count {
                                    let value = values[k]
                                    if rowsNow[value] == 0 { touchedOf[s].append(value) }
                                    rowsNow[value] += 1
                                    let sums = current.baseAddress! + value * count
                                    for t in 0..<count { sums[t] += addends[t] }
                                    if let rows = cellRows {
                                        if !scaledRow {
                                            // Each addend over the row's weight, times its design weight.
                                            // Only the weighted terms with an addend: most terms skip most rows.
                                            let ratio = rows.designWeights[row] / columns.weights[row]
                                            nonzero = 0
                                            for t in 0..<count where addends[t] != 0 && terms[t].weighted {
                                                scaled[nonzero] = addends[t] * ratio
                                                scaledTerms[nonzero] = Int32(t)
                                                nonzero += 1
                                            }
                                            scaledRow = true
                                        }
                                        addCells(
                                            rows, value: value, row: row, scaled: scaled, terms: scaledTerms,
                                            count: nonzero)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for s in 0..<scopeCount where currentPSU[s] >= 0 {
            flushSeparately(&touchedOf[s], psu: currentPSU[s])
        }
    }
}
