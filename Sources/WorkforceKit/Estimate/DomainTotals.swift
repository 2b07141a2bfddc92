/// Population-level sums per (year, domain), folded from the PSU cells of a `WorkerAccumulator`.
public struct DomainTotals: Sendable {
    private var totals: [YearDomain: DesignCell] = [:]

    public init(_ accumulator: WorkerAccumulator) {
        // Sorted keys: Dictionary order varies between processes, and the order of
        // floating-point sums must not, for results to be identical on every run.
        for key in accumulator.cells.keys.sorted() {
            guard let cell = accumulator.cells[key] else { continue }
            let parts = WorkerAccumulator.parts(of: key)
            totals[YearDomain(year: parts.year, domain: parts.domain), default: DesignCell()].merge(cell)
        }
    }

    /// Sums for `domain` in `year` (all zero when the domain is empty).
    public subscript(year: Int, domain: Domain) -> DesignCell {
        totals[YearDomain(year: year, domain: domain)] ?? DesignCell()
    }

    /// Years with at least one worker, ascending.
    public var years: [Int] {
        Set(totals.keys.map(\.year)).sorted()
    }
}

private struct YearDomain: Hashable {
    let year: Int
    let domain: Domain
}
