/// The flattened pieces of `PSUPass`'s hot loop: where rows are added, and its general terms.

/// Where a `PSUPass` adds rows: a compile-time choice, so the hot loop has no test for it.
protocol RowSums {
    static var exact: Bool { get }
}

/// A PSU run's sums as doubles in file order.
enum RunSums: RowSums {
    static var exact: Bool { false }
}

/// Every row into exact sums (design cells).
enum ExactRowSums: RowSums {
    static var exact: Bool { true }
}

/// A term of the general loop, flattened: where its factor comes from, without the payloads
/// that `LinearTerm.Factor` carries for the cut loop.
struct GeneralTerm {
    /// The row's value a factor reads.
    enum Source {
        case one, wage, trainingHours, trainingSubsidy, commuteMinutes
        /// A plan's extra column (`ExtraColumns` slot).
        case extra(Int)
        /// 1 when the wage is below the line, else 0.
        case wageBelow(Double)
        /// 1 when the column's value compares so with the threshold (`RateIndicator`).
        case compare(WaveColumn, Comparison, Double)
        /// 1 when the condition is known on the row and holds (`RowPredicate`).
        case predicate(RowPredicate)
        /// 1 when the condition is known on the row.
        case knownFor(RowPredicate)
    }

    let index: Int
    let condition: RowCondition
    let source: Source
    let weighted: Bool

    init(index: Int, _ term: LinearTerm) {
        self.index = index
        condition = term.condition
        weighted = term.weighted
        switch term.factor {
        case .one: source = .one
        case .column(.wage): source = .wage
        case .column(.trainingHours): source = .trainingHours
        case .column(.trainingSubsidy): source = .trainingSubsidy
        case .column(.commuteMinutes): source = .commuteMinutes
        case .column(.extra(let slot)): source = .extra(slot)
        case .wageBelow(let line): source = .wageBelow(line)
        case .compare(let column, let comparison, let threshold): source = .compare(column, comparison, threshold)
        case .predicate(let predicate): source = .predicate(predicate)
        case .knownFor(let predicate): source = .knownFor(predicate)
        case .cut: preconditionFailure("cut terms take the cut loop")
        }
    }
}

extension GeneralTerm {
    /// What the term adds for row `row` (weight `w`, its flags and codes): 0 where its condition fails.
    @inline(__always)
    func addend(_ row: Int, _ columns: WaveColumns, w: Double, flags: UInt16, codes: WorkerCodesPacked) -> Double {
        let holds = condition.holds(flags: flags, codes: codes) && condition.isGiven(row, columns)
        let factor: Double
        switch source {
        case .one: factor = 1
        case .wage: factor = columns.wages[row]
        case .trainingHours: factor = Double(columns.trainingHours[row])
        case .trainingSubsidy: factor = Double(columns.trainingSubsidy[row])
        case .commuteMinutes: factor = Double(columns.commuteMinutes[row])
        case .extra(let slot):
            let value = columns.extra(slot, row)
            factor = value.isNaN ? 0 : value
        case .wageBelow(let line): factor = columns.wages[row] < line ? 1 : 0
        case .compare(let column, let comparison, let threshold):
            factor = comparison.holds(columns.value(column, row), threshold) ? 1 : 0
        case .predicate(let predicate):
            factor = predicate.isKnown(row, columns) && predicate.holds(row, columns) ? 1 : 0
        case .knownFor(let predicate):
            factor = predicate.isKnown(row, columns) ? 1 : 0
        }
        let addend = weighted ? factor * w : factor
        return holds ? addend : 0
    }
}
