/// The PSU cells of each (year, domain), gathered from a `WorkerAccumulator` for estimation.
public struct DomainCells: Sendable {
    /// Cells of one domain: PSU numbers ascending, and the domain's sums over them.
    public struct Cells: Sendable {
        public var psus: [Int32] = []
        public var cells: [DesignCell] = []
        public var total = DesignCell()
    }

    private var domains: [YearDomain: Cells] = [:]
    /// Years with at least one worker, ascending.
    public let years: [Int]

    public init(_ accumulator: WorkerAccumulator) {
        // Sorted keys: Dictionary order varies between processes, and the order of
        // floating-point sums must not, for results to be identical on every run.
        for key in accumulator.cells.keys.sorted() {
            guard let cell = accumulator.cells[key] else { continue }
            let parts = WorkerAccumulator.parts(of: key)
            let id = YearDomain(year: parts.year, domain: parts.domain)
            domains[id, default: Cells()].psus.append(parts.psu)
            domains[id, default: Cells()].cells.append(cell)
            domains[id, default: Cells()].total.merge(cell)
        }
        years = Set(domains.keys.map(\.year)).sorted()
    }

    /// The cells of `domain` in `year` (empty when the domain has no workers).
    public subscript(year: Int, domain: Domain) -> Cells {
        domains[YearDomain(year: year, domain: domain)] ?? Cells()
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
