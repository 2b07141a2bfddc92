/// A worker-level measure estimated for every domain: a ratio of weighted totals Σ w·y / Σ w·x
/// over the rows where y is known (a rate when y is a yes/no flag and x = 1).
///
/// Described by data — the `LinearTerm`s of its numerator, denominator and row
/// count — so that one `PSUPass` gathers every measure of a report at once.
struct RowMeasure: Sendable, Equatable {
    /// Where y comes from.
    enum Value: Sendable, Equatable {
        /// 1 when the `WorkerFlags` bit is set, else 0.
        case flag(UInt16)
        /// A numeric column; rows where it is not given (NaN) have no y.
        case column(WaveColumn)
        /// 1 when the packed code is among the values, else 0.
        case code(WorkerCodesPacked.Field, [Int])
        /// 1 when the column's value compares so with the threshold, else 0 (rows where it is given).
        case compare(WaveColumn, Comparison, Double)
        /// 1 when the condition holds, else 0, among the rows where it is known (a plan's `when`).
        case predicate(RowPredicate)
    }

    let indicator: String
    let value: Value
    /// Rows where y is known (e.g. union membership given, trained, skill level certified).
    private(set) var known: RowCondition
    /// x is 1 when nil, else 1 or 0 as this `WorkerFlags` bit is set (e.g. trainees for subsidy per trainee).
    let denominatorFlag: UInt16?
    /// x is this column (a ratio of two columns' totals, R `svyratio`), among rows that give both; nil: 1 or the flag.
    let denominatorColumn: WaveColumn?
    /// Whether its z counts only the PSUs where the domain has some Σ w·x, as a share of a
    /// subgroup's wages does (`DesignEstimator.distribution`); otherwise every PSU with rows of the domain.
    var countsOnlyPSUsWithX = false
    /// Also report, for dispatch/outsourced/flexible, nonlocal and migrant workers, the gap to the reference group.
    let reportsGap: Bool

    init(
        _ indicator: String, _ value: Value, requires: UInt16 = 0, per denominatorFlag: UInt16? = nil,
        gap: Bool = false, known: RowCondition = .always, over denominatorColumn: WaveColumn? = nil
    ) {
        self.indicator = indicator
        self.value = value
        var known = known.and(.flags(requires))
        var columns: [WaveColumn] = denominatorColumn.map { [$0] } ?? []
        switch value {
        case .column(let column), .compare(let column, _, _): columns.append(column)
        default: break
        }
        for column in columns {
            switch column {
            case .commuteMinutes: known = known.and(.flags(WorkerFlags.commuteKnown))
            case .extra(let slot): known = known.and(.given(slot))
            default: break
            }
        }
        self.known = known
        self.denominatorFlag = denominatorFlag
        self.denominatorColumn = denominatorColumn
        reportsGap = gap
    }

    /// The measure over the rows that also meet `condition` (one wave's rows of a paired wave).
    func restricted(to condition: RowCondition) -> RowMeasure {
        var measure = self
        measure.known = known.and(condition)
        return measure
    }

    /// The rate of a yes/no flag among all workers (with `requires`, among those who answered).
    static func flag(_ indicator: String, _ bit: UInt16, requires: UInt16 = 0, gap: Bool = true) -> RowMeasure {
        RowMeasure(indicator, .flag(bit), requires: requires, gap: gap)
    }

    /// The requests of a report of the measure: its ratio, then its gap to the reference group where it reports one.
    var requests: [Request] {
        [Request(indicator: indicator, statistic: .ratio(self))]
            + (reportsGap ? [Request(indicator: indicator + "_gap", statistic: .gapToReference(self))] : [])
    }

    /// Σ w·y over the rows where y is known.
    var numerator: LinearTerm {
        switch value {
        case .flag(let bit): .weight(where: known.and(.flags(bit)))
        case .column(let column): LinearTerm(.column(column), where: known)
        case .code(let field, let values): .weight(where: RowCondition.code(field, in: values).and(known))
        case .compare(let column, let comparison, let threshold):
            LinearTerm(.compare(column, comparison, threshold), where: known)
        case .predicate(let predicate): LinearTerm(.predicate(predicate), where: known)
        }
    }

    /// Σ w·x over the rows where y is known.
    var denominator: LinearTerm {
        if let denominatorColumn { return LinearTerm(.column(denominatorColumn), where: known) }
        if case .predicate(let predicate) = value { return LinearTerm(.knownFor(predicate), where: known) }
        return .weight(where: known.and(.flags(denominatorFlag ?? 0)))
    }

    /// Whether the ratio is a mean of y (x is 1 on every row where y is known), with a design effect.
    var hasDesignEffect: Bool { denominatorColumn == nil }

    /// Rows where y is known.
    var rows: LinearTerm {
        if case .predicate(let predicate) = value {
            return LinearTerm(.knownFor(predicate), where: known, weighted: false)
        }
        return .rows(where: known)
    }

    /// Rows where y is known and x is 1: all of them when the ratio is a mean.
    var rowsCountingInX: LinearTerm {
        if case .predicate = value { return rows }
        return .rows(where: known.and(.flags(denominatorFlag ?? 0)))
    }
}

/// A pass's terms, each listed once: estimates that share a sum (Σ w, the row count) share its term.
struct TermList: Sendable {
    private(set) var terms: [LinearTerm] = []

    /// The number of `term`, adding it when new.
    mutating func callAsFunction(_ term: LinearTerm) -> Int {
        if let index = terms.firstIndex(of: term) { return index }
        terms.append(term)
        return terms.count - 1
    }
}
