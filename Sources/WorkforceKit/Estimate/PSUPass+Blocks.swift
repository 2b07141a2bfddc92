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
    func run(_ samples: WageSamples, blocks: [PassBlock]) {
        precondition(!keepsWhole && cutTerms.count == 0, "a walk of several blocks keeps values apart and has no cuts")
        var scopes: [Scope] = []
        var blocksOf: [[(by: ByVariable, first: Int)]] = []
        for block in blocks {
            if let s = scopes.firstIndex(of: block.scope) {
                blocksOf[s].append((block.by, block.first))
            } else {
                scopes.append(block.scope)
                blocksOf.append([(block.by, block.first)])
            }
        }
        let tests = scopes.map(\.test)
        var touchedOf = [[Int]](repeating: [], count: scopes.count)
        var currentPSU = [Int32](repeating: -1, count: scopes.count)
        var highest = [Int32](repeating: -1, count: scopes.count)
        let count = terms.count
        let (current, rowsNow) = (current, rowsNow)
        let addends = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
        defer { addends.deallocate() }
        samples.withColumns { columns in
            simple.withUnsafeBufferPointer { simple in
                general.withUnsafeBufferPointer { general in
                    for row in 0..<columns.count {
                        var worked = false
                        for s in 0..<tests.count where tests[s].holds(row, columns) {
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
                            for (by, first) in blocksOf[s] {
                                let value = first + by.value(row, columns)
                                if rowsNow[value] == 0 { touchedOf[s].append(value) }
                                rowsNow[value] += 1
                                let sums = current.baseAddress! + value * count
                                for t in 0..<count { sums[t] += addends[t] }
                            }
                        }
                    }
                }
            }
        }
        for s in scopes.indices where currentPSU[s] >= 0 {
            flushSeparately(&touchedOf[s], psu: currentPSU[s])
        }
    }
}
