/// One domain's per-PSU sums of a pass's terms, with its totals: all its linear estimates need.
///
/// Terms are numbered as the pass's `LinearTerm` list; `psus` ascend. A PSU of
/// the design without rows in the domain is absent (its sums are zero).
struct DomainSums: Sendable {
    /// Where each term sits in a PSU entry (−1: a row count, a total only).
    let slots: [Int]
    /// Sums per PSU entry.
    let stride: Int
    /// PSUs with rows of the domain, ascending.
    var psus: [Int32] = []
    /// Per PSU entry k, every term's sum: `sums[k * stride + slots[term]]`.
    var sums: [Double] = []
    /// Per term, the domain's total (summed exactly, rounded once).
    var totals: [Double]
    /// Rows of the domain.
    var rows = 0
    /// A calibrated wave's Σ d·x_j·y per model column j of every weighted term (`PSUPass.cellSums`),
    /// `stride` a column as the PSU entries are; empty otherwise.
    var cells: [Double] = []
    var cellColumns = 0

    init(slots: [Int], stride: Int) {
        self.slots = slots
        self.stride = stride
        totals = Array(repeating: 0, count: slots.count)
    }

    /// Term `term`'s sum in PSU entry `k`.
    @inline(__always)
    func sum(_ k: Int, _ term: Int) -> Double { sums[k * stride + slots[term]] }

    /// Term `term`'s Σ d·x·y per model column (empty without calibration).
    func cells(_ term: Int) -> [Double] {
        (0..<cellColumns).map { cells[$0 * stride + slots[term]] }
    }

    /// (PSU, sum) of one term over the domain's PSUs.
    func perPSU(_ term: Int) -> [(psu: Int32, z: Double)] {
        psus.indices.map { (psus[$0], sums[$0 * stride + slots[term]]) }
    }

    /// The same sums without the PSUs where term `term` sums to 0 (a subgroup without weight there).
    func withoutZero(_ term: Int) -> DomainSums {
        guard psus.indices.contains(where: { sum($0, term) == 0 }) else { return self }
        var present = self
        present.psus = []
        present.sums = []
        for (k, psu) in psus.enumerated() where sum(k, term) != 0 {
            present.psus.append(psu)
            present.sums.append(contentsOf: sums[(k * stride)..<((k + 1) * stride)])
        }
        return present
    }
}
