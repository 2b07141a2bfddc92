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
    }

    let factor: Factor
    let condition: RowCondition
    /// Whether the factor is multiplied by the row's weight (false: a row count when the factor is one).
    let weighted: Bool

    init(_ factor: Factor = .one, where condition: RowCondition = .always, weighted: Bool = true) {
        self.factor = factor
        self.condition = condition
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
        case .one, .cut, .wageBelow: factor = 1
        case .column(let column): factor = samples.largest(column)
        }
        return weighted ? factor * samples.largestWeight : factor
    }
}

/// A numeric column of a wave that terms and means read.
enum WaveColumn: Sendable, Equatable {
    case wage
    case trainingHours
    case trainingSubsidy
    /// NaN where not given: rows without it never meet a condition that needs it.
    case commuteMinutes

    /// The column's value on `row`; NaN when not given.
    @inline(__always)
    func value(_ samples: WageSamples, _ row: Int) -> Double {
        switch self {
        case .wage: samples.wages[row]
        case .trainingHours: Double(samples.trainingHours[row])
        case .trainingSubsidy: Double(samples.trainingSubsidy[row])
        case .commuteMinutes: Double(samples.commuteMinutes[row])
        }
    }
}

/// Which rows a term sums: all of these `WorkerFlags` bits set, one packed code in an
/// allowed set, and (optionally) a column given.
struct RowCondition: Sendable, Equatable {
    /// `WorkerFlags` bits that must all be set.
    var flags: UInt16 = 0
    /// A packed code that must be among `allowed` (bit v set: value v allowed).
    var code: WorkerCodesPacked.Field? = nil
    var allowed: UInt32 = 0
    /// A column that must be given (not NaN).
    var known: WaveColumn? = nil

    static let always = RowCondition()

    /// Rows with every bit of `flags` set.
    static func flags(_ bits: UInt16) -> RowCondition { RowCondition(flags: bits) }

    /// Rows whose `field` is one of `values`.
    static func code(_ field: WorkerCodesPacked.Field, in values: some Sequence<Int>) -> RowCondition {
        RowCondition(code: field, allowed: values.reduce(0) { $0 | 1 << UInt32($1) })
    }

    /// This condition and `other`'s flags and known column (`other` must not restrict a code
    /// when this one does).
    func and(_ other: RowCondition) -> RowCondition {
        RowCondition(
            flags: flags | other.flags, code: code ?? other.code, allowed: code == nil ? other.allowed : allowed,
            known: known ?? other.known)
    }

    @inline(__always)
    func holds(_ samples: WageSamples, _ row: Int, flags rowFlags: UInt16, codes: WorkerCodesPacked) -> Bool {
        guard rowFlags & flags == flags else { return false }
        if let code, allowed & (1 << UInt32(codes.value(of: code))) == 0 { return false }
        if let known, known.value(samples, row).isNaN { return false }
        return true
    }
}
