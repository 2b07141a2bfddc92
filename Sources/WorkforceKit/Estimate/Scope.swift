/// The population an estimate covers: every worker, the industrial-worker scope (industries
/// B, C, D, E, G, I by default), or a scope a survey plan names (`[scopes.<name>]`): workers of
/// some industries, or for whom a condition holds, or both. Every breakdown is estimated in every scope.
public struct Scope: Hashable, Sendable {
    /// Position among the run's scopes: the reports' order.
    public let index: Int
    /// The `scope` column's value.
    public let name: String
    let filter: Filter

    enum Filter: Hashable, Sendable {
        case all
        /// The packed codes' industrial-scope bit.
        case industrial
        /// Industry code i is in the scope when bit i is set; then the flags must all be set, and
        /// the comparison (if any) hold.
        /// A condition in words (`RowPredicate`) must hold and be known.
        case plan(industries: UInt32, flags: UInt16, compare: ScopeComparison?, predicate: RowPredicate?)
    }

    private init(index: Int, name: String, filter: Filter) {
        self.index = index
        self.name = name
        self.filter = filter
    }

    public static let all = Scope(index: 0, name: "all", filter: .all)
    public static let industrial = Scope(index: 1, name: "industrial", filter: .industrial)
    /// The contract's scopes.
    public static let builtIns = [all, industrial]

    /// A plan's scope at position `index`: workers of `industries` (all when nil) with every
    /// `flags` bit set and for whom `compare` holds.
    init(
        name: String, index: Int, industries: Set<UInt8>?, flags: UInt16, compare: ScopeComparison?,
        predicate: RowPredicate? = nil
    ) {
        let mask = industries.map { $0.reduce(UInt32(0)) { $0 | 1 << UInt32($1) } } ?? UInt32.max
        self.init(
            index: index, name: name,
            filter: .plan(industries: mask, flags: flags, compare: compare, predicate: predicate))
    }

    /// The scope's test of a row, taken once before a loop over rows.
    var test: ScopeTest {
        switch filter {
        case .all: ScopeTest(kind: 0, bit: 0)
        case .industrial: ScopeTest(kind: 1, bit: 0)
        case .plan: ScopeTest(kind: 2, bit: UInt8(truncatingIfNeeded: index - Self.builtIns.count))
        }
    }

    /// Whether row `row` of the file-ordered `columns` meets a plan scope's industries and condition.
    func admits(_ row: Int, _ columns: WaveColumns) -> Bool {
        guard case .plan(let industries, let flags, let compare, let predicate) = filter else {
            return test.holds(row, columns)
        }
        guard (industries >> UInt32(columns.codes[row].industry)) & 1 == 1, columns.flags[row] & flags == flags
        else { return false }
        if let predicate, !(predicate.isKnown(row, columns) && predicate.holds(row, columns)) { return false }
        guard let compare else { return true }
        return compare.comparison.holds(columns.value(compare.column, row), compare.threshold)
    }

    /// Whether the scope is one a plan adds.
    var isPlanScope: Bool { if case .plan = filter { true } else { false } }
}

/// A scope's membership test reduced to a kind and a bit: no payload to unpack per row.
struct ScopeTest: Sendable {
    /// 0 every row, 1 the industrial-scope bit of the packed codes, 2 bit `bit` of the row's scope bits.
    let kind: UInt8
    let bit: UInt8

    @inline(__always)
    func holds(_ row: Int, _ columns: WaveColumns) -> Bool {
        kind == 0 || (kind == 1 ? columns.codes[row].inIndustrialScope : (columns.scopeBits[row] >> bit) & 1 == 1)
    }
}

/// A numeric column compared with a number, for a plan's scope (never true where the column is not given).
struct ScopeComparison: Hashable, Sendable {
    let column: WaveColumn
    let comparison: Comparison
    let threshold: Double
}
