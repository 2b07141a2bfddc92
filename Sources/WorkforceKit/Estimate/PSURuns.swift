/// Walks a wave's rows in file order for one (scope, by-variable) block, one PSU run at a time.
///
/// Survey files list a PSU's rows together, so `PSUPass` keeps only the current PSU's sums
/// and hands them on when the PSU changes. PSU numbers are given in order of first appearance, so a PSU number lower than
/// the highest seen means a PSU came back; the caller then merges its entries by PSU.
enum PSURuns {
    /// Calls `row(value, row)` for every row in `scope` (value: its code of `by`), and `flush(psu)`
    /// after the last row of each run of one PSU. Returns whether some PSU had more than one run.
    @inline(__always)
    static func walk(
        _ samples: WaveColumns, scope: Scope, by: ByVariable, row visit: (Int, Int) -> Void,
        flush: (Int32) -> Void
    ) -> Bool {
        var current: Int32 = -1
        var highest: Int32 = -1
        var cameBack = false
        let inScope = scope.test
        for row in 0..<samples.count {
            guard inScope.holds(row, samples) else { continue }
            let psu = samples.psus[row]
            if psu != current {
                if current >= 0 { flush(current) }
                if psu < highest { cameBack = true } else { highest = psu }
                current = psu
            }
            visit(by.value(row, samples), row)
        }
        if current >= 0 { flush(current) }
        return cameBack
    }

    /// Visits entries listed run by run (`psus[i]` the PSU of entry i) in ascending PSU order, a
    /// PSU's entries in file order; `startsPSU` is false for an entry whose PSU came back, which
    /// the caller adds to the entry before it.
    static func inPSUOrder(_ psus: [Int32], _ visit: (_ index: Int, _ startsPSU: Bool) -> Void) {
        let order = psus.indices.sorted { (psus[$0], $0) < (psus[$1], $1) }
        var previous: Int32? = nil
        for index in order {
            visit(index, psus[index] != previous)
            previous = psus[index]
        }
    }
}
