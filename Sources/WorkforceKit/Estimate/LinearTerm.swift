/// One sum a `PSUPass` gathers per (domain, PSU): Σ w·factor (or Σ factor) over the rows that meet a condition.
///
/// Every linear statistic an estimate needs — Σ w, Σ w·wage, Σ w over the
/// trained, Σ w·training hours, Σ w below a domain's quantile — is a term, so
/// one pass written once gathers them all; estimators then combine the terms'
/// per-PSU sums into linearised values (`Linearized`).
struct LinearTerm: Sendable, Equatable {
    /// The per-row quantity summed.
    enum Factor: Sendable, Equatable {
        case one
        case column(WaveColumn)
        /// 1 when the row's wage is held by its domain's cut number k (`WageCuts`), else 0.
        case cut(Int)
        /// 1 when the row's wage is below the threshold, else 0.
        case wageBelow(Double)
        /// 1 when the row's value of the column compares so with the threshold, else 0 (a plan's rate).
        case compare(WaveColumn, Comparison, Double)
        /// 1 when the row gives every column of the condition and it holds, else 0 (a plan's `when`).
        case predicate(RowPredicate)
        /// 1 when the row gives every column of the condition, else 0.
        case knownFor(RowPredicate)
    }

    let factor: Factor
    let condition: RowCondition
    /// Whether the factor is multiplied by the row's weight (false: a row count when the factor is one).
    let weighted: Bool

    init(_ factor: Factor = .one, where condition: RowCondition = .always, weighted: Bool = true) {
        self.factor = factor
        // A column that may be missing is summed over the rows that give it.
        switch factor {
        case .column(.commuteMinutes): self.condition = condition.and(.flags(WorkerFlags.commuteKnown))
        case .column(.extra(let slot)), .compare(.extra(let slot), _, _): self.condition = condition.and(.given(slot))
        default: self.condition = condition
        }
        self.weighted = weighted
    }

    /// Σ w over the rows meeting `condition`.
    static func weight(where condition: RowCondition = .always) -> LinearTerm { LinearTerm(.one, where: condition) }

    /// The number of rows meeting `condition`.
    static func rows(where condition: RowCondition = .always) -> LinearTerm {
        LinearTerm(.one, where: condition, weighted: false)
    }

    /// The largest value one row can add, which fixes the term's exact-sum grid (`SumGrid`).
    func largestAddend(_ samples: WageSamples) -> Double {
        let factor: Double
        switch self.factor {
        case .one, .cut, .wageBelow, .compare, .predicate, .knownFor: factor = 1
        case .column(let column): factor = samples.largest(column)
        }
        return weighted ? factor * samples.largestWeight : factor
    }
}

/// How a row's value is compared with a threshold.
public enum Comparison: String, CaseIterable, Sendable, Equatable {
    case below = "<"
    case atMost = "<="
    case above = ">"
    case atLeast = ">="

    /// Whether `value` compares so with `threshold` (never for NaN, a value not given).
    @inline(__always)
    func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .below: value < threshold
        case .atMost: value <= threshold
        case .above: value > threshold
        case .atLeast: value >= threshold
        }
    }
}

/// A numeric column of a wave that terms and means read.
public enum WaveColumn: Hashable, Sendable {
    case wage
    case trainingHours
    case trainingSubsidy
    /// NaN where not given (`WorkerFlags.commuteKnown` unset); `WaveColumns.value` reads it.
    case commuteMinutes
    /// Column `slot` of the plan's extra columns (`ExtraColumns`); NaN where not given.
    case extra(Int)

}

/// Which rows a term sums: all of these `WorkerFlags` bits set, and one packed code
/// (`WorkerCodesPacked.Field`) in an allowed set — tested without branches — and, for a
/// plan's extra column, the column given on the row.
struct RowCondition: Sendable, Equatable {
    /// `WorkerFlags` bits that must all be set.
    var flags: UInt16 = 0
    /// The code tested is `(codes >> shift) & mask`; it must have its bit set in `allowed`.
    /// Without a code: mask 0, so the value is 0, and `allowed` 1.
    var shift: UInt32 = 0
    var mask: UInt32 = 0
    var allowed: UInt32 = 1
    /// The extra columns (`ExtraColumns` slots) that must be given (not NaN); −1 for none, `given` filled first.
    var given: Int = -1
    var alsoGiven: Int = -1

    static let always = RowCondition()

    /// Rows that give extra column `slot`.
    static func given(_ slot: Int) -> RowCondition { RowCondition(given: slot) }

    /// Rows with every bit of `flags` set.
    static func flags(_ bits: UInt16) -> RowCondition { RowCondition(flags: bits) }

    /// Rows whose `field` is one of `values`.
    static func code(_ field: WorkerCodesPacked.Field, in values: some Sequence<Int>) -> RowCondition {
        RowCondition(shift: field.shift, mask: field.mask, allowed: values.reduce(0) { $0 | 1 << UInt32($1) })
    }

    /// Rows meeting both conditions; at most one of them may test a code, and at most two extra columns.
    func and(_ other: RowCondition) -> RowCondition {
        let code = mask != 0 ? self : other
        var slots: [Int] = []
        for slot in [given, alsoGiven, other.given, other.alsoGiven] where slot >= 0 && !slots.contains(slot) {
            slots.append(slot)
        }
        precondition(slots.count <= 2, "two extra columns at most per condition")
        return RowCondition(
            flags: flags | other.flags, shift: code.shift, mask: code.mask, allowed: code.allowed,
            given: slots.first ?? -1, alsoGiven: slots.count > 1 ? slots[1] : -1)
    }

    /// Whether the condition tests only flags (the fast path of `PSUPass`).
    var testsFlagsOnly: Bool { mask == 0 && given < 0 }

    @inline(__always)
    func holds(flags rowFlags: UInt16, codes: WorkerCodesPacked) -> Bool {
        (rowFlags & flags == flags) && (allowed >> ((codes.bits >> shift) & mask)) & 1 != 0
    }

    /// Whether row `row` of `columns` gives the extra column the condition needs (true when it needs none).
    @inline(__always)
    func isGiven(_ row: Int, _ columns: WaveColumns) -> Bool {
        (given < 0 || !columns.extra(given, row).isNaN) && (alsoGiven < 0 || !columns.extra(alsoGiven, row).isNaN)
    }
}
