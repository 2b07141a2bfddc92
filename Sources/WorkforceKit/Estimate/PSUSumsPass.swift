/// Per-PSU sums for every value of a (scope, by-variable) block, gathered in one streaming
/// pass over a wave's rows in file order.
///
/// Survey files list a PSU's rows together, so the pass keeps only the current PSU's
/// `width` sums per value and, when the PSU changes, appends the first `stride` of them to
/// that value's `PSUEntries` (the others go only to `flushed`, for sums a domain needs as a
/// whole): memory is read front to back and the working set stays small. Should a PSU come
/// back later in the file, `takeEntries(of:)` sorts the value's list by PSU and sums the
/// repeated entries in file order. The hot loop's table lives in a manually managed
/// buffer, so no array uniqueness or bounds check runs per row.
final class PSUSumsPass {
    /// Sums kept per value for the current PSU.
    let width: Int
    /// Sums per PSU entry: the first `stride` of the `width`.
    let stride: Int
    @exclusivity(unchecked) private var runs: [PSUEntries]
    /// Per value: the current PSU's sums (`width` doubles).
    private let current: UnsafeMutablePointer<Double>
    private let isTouched: UnsafeMutableBufferPointer<Bool>
    @exclusivity(unchecked) private var touched: [Int] = []
    @exclusivity(unchecked) private var cameBack = false

    /// `expected`, when given, is each value's number of PSUs (`DomainCells.psuCounts`): its
    /// list is sized once, not grown by copying.
    init(values: Int, stride: Int, width: Int? = nil, expected: [Int]? = nil) {
        self.stride = stride
        self.width = max(stride, width ?? stride)
        runs = Array(repeating: PSUEntries(), count: values)
        if let expected, expected.count == values {
            for value in 0..<values where expected[value] > 0 {
                runs[value].psus.reserveCapacity(expected[value])
                runs[value].sums.reserveCapacity(expected[value] * stride)
            }
        }
        current = .allocate(capacity: values * self.width)
        current.initialize(repeating: 0, count: values * self.width)
        isTouched = .allocate(capacity: values)
        isTouched.initialize(repeating: false)
    }

    deinit {
        current.deallocate()
        isTouched.deallocate()
    }

    /// Calls `add(value, row, sums)` for every row of `scope`, `sums` pointing at the value's
    /// current PSU sums (`width` doubles), and `flushed(value, sums)` when a PSU's sums are complete.
    @inline(__always)
    func run(
        _ samples: WageSamples, scope: Scope, by: ByVariable,
        add: (_ value: Int, _ row: Int, _ sums: UnsafeMutablePointer<Double>) -> Void,
        flushed: (_ value: Int, _ sums: UnsafeMutablePointer<Double>) -> Void = { _, _ in }
    ) {
        let (current, isTouched, width) = (current, isTouched, width)
        let base = current
        cameBack = PSURuns.walk(samples, scope: scope, by: by) { value, row in
            if !isTouched[value] {
                isTouched[value] = true
                touched.append(value)
            }
            add(value, row, base + value * width)
        } flush: { psu in
            for value in touched { flushed(value, base + value * width) }
            flush(psu)
        }
    }

    /// Appends the PSU's sums to each value that had rows in it.
    private func flush(_ psu: Int32) {
        for value in touched {
            runs[value].psus.append(psu)
            let start = value * width
            runs[value].sums.append(contentsOf: UnsafeBufferPointer(start: current + start, count: stride))
            for k in start..<(start + width) { current[k] = 0 }
            isTouched[value] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// One value's entries in ascending PSU order (PSUs that came back merged; empty for a value
    /// without rows), handed over: the pass no longer holds them, so a caller that takes the
    /// values one by one keeps only one value's entries alive.
    func takeEntries(of value: Int) -> PSUEntries {
        let entries = cameBack ? runs[value].mergedByPSU(stride: stride) : runs[value]
        runs[value] = PSUEntries()
        return entries
    }
}
