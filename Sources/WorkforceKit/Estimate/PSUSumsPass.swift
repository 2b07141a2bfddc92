/// Per-PSU sums for every value of a (scope, by-variable) block, gathered in one streaming
/// pass over a wave's rows in file order.
///
/// Survey files list a PSU's rows together, so the pass keeps only the current PSU's
/// `stride` sums per value and appends them to that value's `PSUEntries` when the PSU
/// changes: memory is read front to back and the working set stays small. Should a PSU
/// come back later in the file, `entries()` sorts each value's list by PSU and sums the
/// repeated entries in file order. The hot loop's table lives in a manually managed
/// buffer, so no array uniqueness or bounds check runs per row.
final class PSUSumsPass {
    let stride: Int
    @exclusivity(unchecked) private var runs: [PSUEntries]
    /// Per value: the current PSU's sums (`stride` doubles).
    private let current: UnsafeMutableBufferPointer<Double>
    private let isTouched: UnsafeMutableBufferPointer<Bool>
    @exclusivity(unchecked) private var touched: [Int] = []
    @exclusivity(unchecked) private var cameBack = false

    init(values: Int, stride: Int) {
        self.stride = stride
        runs = Array(repeating: PSUEntries(), count: values)
        current = .allocate(capacity: values * stride)
        current.initialize(repeating: 0)
        isTouched = .allocate(capacity: values)
        isTouched.initialize(repeating: false)
    }

    deinit {
        current.deallocate()
        isTouched.deallocate()
    }

    /// Calls `add(value, row, sums)` for every row of `scope`, `sums` pointing at the value's
    /// current PSU sums.
    @inline(__always)
    func run(
        _ samples: WageSamples, scope: Scope, by: ByVariable,
        add: (_ value: Int, _ row: Int, _ sums: UnsafeMutablePointer<Double>) -> Void
    ) {
        let (current, isTouched, stride) = (current, isTouched, stride)
        let base = current.baseAddress!
        cameBack = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            if !isTouched[value] {
                isTouched[value] = true
                touched.append(value)
            }
            add(value, row, base + value * stride)
        } flush: { psu in
            flush(psu)
        }
    }

    /// Appends the PSU's sums to each value that had rows in it.
    private func flush(_ psu: Int32) {
        for value in touched {
            runs[value].psus.append(psu)
            let start = value * stride
            runs[value].sums.append(contentsOf: current[start..<(start + stride)])
            for k in start..<(start + stride) { current[k] = 0 }
            isTouched[value] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Each value's entries in ascending PSU order (PSUs that came back merged); empty for values without rows.
    func entries() -> [PSUEntries] {
        cameBack ? runs.map { $0.mergedByPSU(stride: stride) } : runs
    }
}
