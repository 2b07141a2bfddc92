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

/// A term of the general loop, flattened: where its factor comes from as a small number
/// (0 one, 1 wage, 2 training hours, 3 subsidy, 4 commute, 5 wage below `line`, 6 cut `cut`).
struct GeneralTerm {
    let index: Int
    let condition: RowCondition
    let source: UInt8
    let line: Double
    let cut: Int
    let weighted: Bool

    init(index: Int, _ term: LinearTerm) {
        self.index = index
        condition = term.condition
        weighted = term.weighted
        var line = 0.0, cut = 0
        switch term.factor {
        case .one: source = 0
        case .column(.wage): source = 1
        case .column(.trainingHours): source = 2
        case .column(.trainingSubsidy): source = 3
        case .column(.commuteMinutes): source = 4
        case .wageBelow(let threshold):
            source = 5
            line = threshold
        case .cut(let k):
            source = 6
            cut = k
        }
        self.line = line
        self.cut = cut
    }
}
