/// Why a row was quarantined: the column at fault, the rule it broke and the offending value.
public struct RowIssue: Error, Sendable, Equatable {
    /// Canonical column name, or "" when the row as a whole is at fault.
    public let column: String
    /// Short, stable reason code, used to count quarantined rows by reason.
    public let reason: String
    /// A sentence saying what is wrong and what is expected.
    public let detail: String

    public init(column: String, reason: String, detail: String) {
        self.column = column
        self.reason = reason
        self.detail = detail
    }
}
