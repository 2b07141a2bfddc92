/// Population-level sums per (year, domain), folded from the PSU cells of a `WorkerAccumulator`.
public struct DomainTotals: Sendable {
    private var totals: [YearDomain: DesignCell] = [:]

    public init(_ accumulator: WorkerAccumulator) {
        for (key, cell) in accumulator.cells {
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
