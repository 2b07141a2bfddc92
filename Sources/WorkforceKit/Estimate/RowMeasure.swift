/// A worker-level measure estimated for every domain: a ratio of weighted totals Σ w·y / Σ w·x
/// over the rows where y is known (a rate when y is a yes/no flag and x = 1).
///
/// Described by data rather than closures, so that `MeasureLinearizer` can
/// evaluate every measure of a report for a row in one pass.
struct RowMeasure: Sendable {
    /// Where y comes from.
    enum Value: Sendable {
        /// 1 when the `WorkerFlags` bit is set, else 0.
        case flag(UInt16)
        case trainingHours
        case trainingSubsidy
        /// Unknown (row skipped) when not given.
        case commuteMinutes
    }

    let indicator: String
    let value: Value
    /// `WorkerFlags` bits a row must have for y to be known (e.g. union membership given, trained).
    let requires: UInt16
    /// x is 1 when nil, else 1 or 0 as this `WorkerFlags` bit is set (e.g. trainees for subsidy per trainee).
    let denominatorFlag: UInt16?
    /// Also report, for dispatch/outsourced/flexible, nonlocal and migrant workers, the gap to the reference group.
    let reportsGap: Bool

    init(
        _ indicator: String, _ value: Value, requires: UInt16 = 0, per denominatorFlag: UInt16? = nil, gap: Bool = false
    ) {
        self.indicator = indicator
        self.value = value
        self.requires = requires
        self.denominatorFlag = denominatorFlag
        reportsGap = gap
    }

    /// The rate of a yes/no flag among all workers (with `requires`, among those who answered).
    static func flag(_ indicator: String, _ bit: UInt16, requires: UInt16 = 0, gap: Bool = true) -> RowMeasure {
        RowMeasure(indicator, .flag(bit), requires: requires, gap: gap)
    }

    /// What it takes to evaluate the measure, without the name: a trivial value, cheap to read per row.
    var rule: Rule { Rule(value: value, requires: requires, denominatorFlag: denominatorFlag ?? 0) }

    /// The evaluation part of a `RowMeasure`.
    struct Rule: Sendable {
        let value: Value
        let requires: UInt16
        /// 0 for x = 1.
        let denominatorFlag: UInt16

        /// Whether y is known on every row and x is 1: a plain weighted mean over the domain.
        var isUnconditional: Bool {
            guard requires == 0, denominatorFlag == 0 else { return false }
            if case .commuteMinutes = value { return false }
            return true
        }

        /// Whether y is 0 or 1.
        var isYesNo: Bool {
            if case .flag = value { return true }
            return false
        }

        /// y of `row`, nil when unknown.
        @inline(__always)
        func numerator(_ samples: WageSamples, _ row: Int, flags: UInt16) -> Double? {
            guard flags & requires == requires else { return nil }
            switch value {
            case .flag(let bit): return flags & bit != 0 ? 1 : 0
            case .trainingHours: return Double(samples.trainingHours[row])
            case .trainingSubsidy: return Double(samples.trainingSubsidy[row])
            case .commuteMinutes:
                let minutes = samples.commuteMinutes[row]
                return minutes.isNaN ? nil : Double(minutes)
            }
        }

        /// x of a row with these flags.
        @inline(__always)
        func denominator(flags: UInt16) -> Double {
            guard denominatorFlag != 0 else { return 1 }
            return flags & denominatorFlag != 0 ? 1 : 0
        }
    }
}
