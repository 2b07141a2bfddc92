/// The blocks of one walk grouped by scope, in plain numbers: a row's value in each block of a
/// scope that holds it, worked out without copying a breakdown (its name, its fields) per row.
final class BlockWalk {
    /// The distinct scopes of the blocks, in the blocks' order.
    let scopes: [Scope]
    let tests: [ScopeTest]
    /// Per scope, where its blocks sit in the buffers below.
    let ranges: [Range<Int>]
    /// Per block, grouped by scope: its built-in breakdown (nil for a plan's cross) ...
    private let builtIns: UnsafeMutableBufferPointer<ByVariable.BuiltIn?>
    /// ... the pass value of its value 0 ...
    private let firsts: UnsafeMutableBufferPointer<Int>
    /// ... and, for a cross, the breakdown.
    private let crosses: [ByVariable?]
    /// The most blocks a scope has: the room `values(_:_:scope:into:)` needs.
    let widest: Int

    init(_ blocks: [PassBlock]) {
        var scopes: [Scope] = []
        var grouped: [[PassBlock]] = []
        for block in blocks {
            if let s = scopes.firstIndex(of: block.scope) { grouped[s].append(block) } else {
                scopes.append(block.scope)
                grouped.append([block])
            }
        }
        self.scopes = scopes
        tests = scopes.map(\.test)
        var ranges: [Range<Int>] = []
        var start = 0
        for group in grouped {
            ranges.append(start..<(start + group.count))
            start += group.count
        }
        self.ranges = ranges
        let ordered = grouped.flatMap { $0 }
        builtIns = .allocate(capacity: max(1, ordered.count))
        firsts = .allocate(capacity: max(1, ordered.count))
        var crosses: [ByVariable?] = []
        for (k, block) in ordered.enumerated() {
            if case .builtIn(let builtIn) = block.by.kind {
                builtIns.initializeElement(at: k, to: builtIn)
                crosses.append(nil)
            } else {
                builtIns.initializeElement(at: k, to: nil)
                crosses.append(block.by)
            }
            firsts.initializeElement(at: k, to: block.first)
        }
        self.crosses = crosses
        widest = grouped.map(\.count).max() ?? 0
    }

    deinit {
        builtIns.deallocate()
        firsts.deallocate()
    }

    /// Writes the pass value of row `row` in each block of scope `s`, in their order, to `values`.
    @inline(__always)
    func values(_ row: Int, _ columns: WaveColumns, scope s: Int, into values: UnsafeMutablePointer<Int>) {
        let codes = columns.codes[row]
        let range = ranges[s]
        for k in range {
            let value: Int
            if let builtIn = builtIns[k] {
                value = ByVariable.value(builtIn, codes)
            } else {
                value = crosses[k]!.value(row, columns)
            }
            values[k - range.lowerBound] = firsts[k] + value
        }
    }
}
