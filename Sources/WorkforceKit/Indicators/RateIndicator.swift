/// A rate a survey plan defines (`[rates.<code>]`): the weighted share of workers for whom a
/// condition holds, per domain, with its SE — published in rates.csv (docs/plan.md).
public struct RateIndicator: Sendable, Equatable {
    /// The yes/no a rate counts.
    public enum Condition: Sendable, Equatable {
        /// A yes/no column of workers.csv; for union and party membership, among workers who answered.
        case flag(FlagColumn)
        /// A yes/no column the plan declares, among workers who gave it.
        case declaredFlag(String, WaveColumn)
        /// A numeric column compared with a number, among workers who gave the column.
        case compare(String, WaveColumn, Comparison, Double)
        /// Columns and codes joined by and, or, not (`RowPredicate`), among workers who give every
        /// column it reads; with its meaning in English and Chinese.
        case predicate(RowPredicate, english: String, chinese: String)
    }

    /// The yes/no columns of workers.csv a rate can count.
    public enum FlagColumn: String, CaseIterable, Sendable {
        case trained
        case housingFund = "housing_fund"
        case socialInsurance = "social_insurance"
        case laborContract = "labor_contract"
        case apprentice
        case newCertificate = "new_certificate"
        case unionMember = "union_member"
        case partyMember = "party_member"
    }

    public let code: String
    public let label: IndicatorLabel
    public let condition: Condition
    /// The policy clause the rate serves, for the `clause` column.
    public let clause: String

    public init(code: String, label: IndicatorLabel, condition: Condition, clause: String) {
        self.code = code
        self.label = label
        self.condition = condition
        self.clause = clause
    }

    /// The rate as a measure of the one pass (`RowMeasure`).
    var measure: RowMeasure {
        switch condition {
        case .flag(let column):
            .flag(code, column.bit, requires: column.knownBit, gap: false)
        case .declaredFlag(_, let column):
            RowMeasure(code, .compare(column, .atLeast, 1))
        case .compare(_, let column, let comparison, let threshold):
            RowMeasure(code, .compare(column, comparison, threshold))
        case .predicate(let predicate, _, _):
            RowMeasure(code, .predicate(predicate))
        }
    }
}

extension RateIndicator.FlagColumn {
    /// The column's `WorkerFlags` bit: set when the answer is yes.
    var bit: UInt16 {
        switch self {
        case .trained: WorkerFlags.trained
        case .housingFund: WorkerFlags.housingFund
        case .socialInsurance: WorkerFlags.socialInsurance
        case .laborContract: WorkerFlags.laborContract
        case .apprentice: WorkerFlags.apprentice
        case .newCertificate: WorkerFlags.newCertificate
        case .unionMember: WorkerFlags.unionMember
        case .partyMember: WorkerFlags.partyMember
        }
    }

    /// The bit set when the optional answer is given (union and party membership); 0 for required columns.
    var knownBit: UInt16 {
        switch self {
        case .unionMember: WorkerFlags.unionKnown
        case .partyMember: WorkerFlags.partyKnown
        default: 0
        }
    }
}
