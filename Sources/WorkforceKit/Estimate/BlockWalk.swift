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
    /// ... and, for a plan's cross, where its columns start in `parts` and how many there are.
    private let crossParts: UnsafeMutableBufferPointer<(start: Int, count: Int)>
    /// The columns of the crosses, as plain numbers, and the bands they read.
    private let parts: UnsafeMutableBufferPointer<(part: Part, cardinality: Int)>
    private let bands: [NumericBand]

    /// One column of a cross, without references: a contract column (its built-in breakdown, nil
    /// for title), a declared category (its slot and "not given" code), or band number k.
    private enum Part {
        case worker(ByVariable.BuiltIn?)
        case category(slot: Int, notGiven: Int)
        case band(Int)
    }
    /// The most blocks a scope has: the room `values(_:_:scope:into:)` needs.
    let widest: Int

    init(_ blocks: [PassBlock]) {
        var scopes: [Scope] = []
        var grouped: [[PassBlock]] = []
        for block in blocks {
            if let s = scopes.firstIndex(of: block.scope) {
                grouped[s].append(block)
            } else {
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
        crossParts = .allocate(capacity: max(1, ordered.count))
        var flat: [(part: Part, cardinality: Int)] = []
        var bands: [NumericBand] = []
        for (k, block) in ordered.enumerated() {
            firsts.initializeElement(at: k, to: block.first)
            switch block.by.kind {
            case .builtIn(let builtIn):
                builtIns.initializeElement(at: k, to: builtIn)
                crossParts.initializeElement(at: k, to: (0, 0))
            case .cross(let fields):
                builtIns.initializeElement(at: k, to: nil)
                crossParts.initializeElement(at: k, to: (flat.count, fields.count))
                for field in fields {
                    switch field {
                    case .worker(let worker):
                        if case .builtIn(let builtIn) = worker.builtIn?.kind {
                            flat.append((.worker(builtIn), field.cardinality))
                        } else {
                            flat.append((.worker(nil), field.cardinality))
                        }
                    case .category(let slot, _, let codes):
                        flat.append((.category(slot: slot, notGiven: codes.codes.count), field.cardinality))
                    case .band(let band):
                        flat.append((.band(bands.count), field.cardinality))
                        bands.append(band)
                    }
                }
            }
        }
        parts = .allocate(capacity: max(1, flat.count))
        _ = parts.initialize(from: flat)
        self.bands = bands
        widest = grouped.map(\.count).max() ?? 0
    }

    deinit {
        builtIns.deallocate()
        firsts.deallocate()
        crossParts.deallocate()
        parts.deallocate()
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
                // A cross: its columns' codes, the first varying slowest (`ByVariable.value`).
                var code = 0
                let (start, count) = crossParts[k]
                for i in start..<(start + count) {
                    let (part, cardinality) = parts[i]
                    let field: Int
                    switch part {
                    case .worker(let builtIn): field = builtIn.map { ByVariable.value($0, codes) } ?? codes.title
                    case .category(let slot, let notGiven):
                        let given = columns.extra(slot, row)
                        field = given.isNaN ? notGiven : Int(given)
                    case .band(let band): field = bands[band].code(columns.value(bands[band].column, row))
                    }
                    code = code * cardinality + field
                }
                value = code
            }
            values[k - range.lowerBound] = firsts[k] + value
        }
    }
}
