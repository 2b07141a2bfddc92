/// A condition on a worker in the analysts' words — a plan's `when` such as
/// `district = "徐汇区" and not union_member` — as a tree tested row by row.
///
/// A row is *known* for the condition when it gives every column the condition reads (union
/// membership answered, a number given, a declared category not blank); a rate of the condition
/// counts its rows among the known ones, as a rate of one yes/no column does.
public indirect enum RowPredicate: Sendable, Hashable {
    /// A yes/no column of the contract: its `WorkerFlags` bit, and the bit set when it is answered (0: always).
    case flag(bit: UInt16, known: UInt16)
    /// A numeric column compared with a number (not known where the column is not given).
    case compare(WaveColumn, Comparison, Double)
    /// A categorical column (a contract column, a declared category, a band) whose code is one of
    /// `allowed` (by code); a declared category's blank is not known.
    case category(CrossField, allowed: [Bool])
    case not(RowPredicate)
    case and(RowPredicate, RowPredicate)
    case or(RowPredicate, RowPredicate)

    /// Whether the condition holds on row `row` (false where it is not known).
    func holds(_ row: Int, _ columns: WaveColumns) -> Bool {
        switch self {
        case .flag(let bit, _): columns.flags[row] & bit != 0
        case .compare(let column, let comparison, let threshold):
            comparison.holds(columns.value(column, row), threshold)
        case .category(let field, let allowed):
            allowed[min(field.value(row, columns), allowed.count - 1)]
        case .not(let inner): !inner.holds(row, columns)
        case .and(let a, let b): a.holds(row, columns) && b.holds(row, columns)
        case .or(let a, let b): a.holds(row, columns) || b.holds(row, columns)
        }
    }

    /// Whether row `row` gives every column the condition reads.
    func isKnown(_ row: Int, _ columns: WaveColumns) -> Bool {
        switch self {
        case .flag(_, let known): columns.flags[row] & known == known
        case .compare(let column, _, _): !columns.value(column, row).isNaN
        case .category(let field, _):
            if case .category(_, _, let codes) = field { field.value(row, columns) < codes.codes.count } else { true }
        case .not(let inner): inner.isKnown(row, columns)
        case .and(let a, let b), .or(let a, let b): a.isKnown(row, columns) && b.isKnown(row, columns)
        }
    }
}
