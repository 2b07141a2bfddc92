/// One domain's per-PSU sums from a streaming pass: `stride` doubles per PSU entry.
///
/// Entries come run by run in file order; `mergedByPSU` sorts them by PSU and sums
/// the entries of a PSU that came back, in file order, so the result depends on the
/// data alone.
struct PSUEntries: Sendable {
    var psus: [Int32] = []
    var sums: [Double] = []

    /// The entries sorted by PSU (stable), repeated PSUs summed in file order.
    func mergedByPSU(stride: Int) -> PSUEntries {
        var merged = PSUEntries()
        PSURuns.inPSUOrder(psus) { index, startsPSU in
            let entry = sums[(index * stride)..<((index + 1) * stride)]
            if startsPSU {
                merged.psus.append(psus[index])
                merged.sums.append(contentsOf: entry)
            } else {
                let base = merged.sums.count - stride
                for (k, value) in entry.enumerated() { merged.sums[base + k] += value }
            }
        }
        return merged
    }
}
