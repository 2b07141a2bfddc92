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
    /// Number of (year, domain, PSU) cells.
    public private(set) var cellCount = 0

    public init(_ accumulator: WorkerAccumulator) {
        // Sorted keys: Dictionary order varies between processes, and the order of
        // floating-point sums must not, for results to be identical on every run. Keys sort by
        // (year, domain, PSU), so each domain's cells are consecutive: gathered, then stored once.
        let entries = accumulator.sortedCells()
        var start = 0
        while start < entries.count {
            let first = WorkerAccumulator.parts(of: entries[start].key)
            var end = start
            var group = Cells()
            while end < entries.count {
                let parts = WorkerAccumulator.parts(of: entries[end].key)
                guard parts.year == first.year, parts.domain == first.domain else { break }
                group.psus.append(parts.psu)
                group.cells.append(entries[end].cell)
                group.total.merge(entries[end].cell)
                end += 1
            }
            domains[YearDomain(year: first.year, domain: first.domain)] = group
            start = end
        }
        cellCount = entries.count
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
