/// One column of an input table: its canonical name, Chinese label and whether it is required.
public struct ColumnSpec: Sendable, Equatable {
    /// Canonical English header, e.g. `monthly_wage`.
    public let name: String
    /// Chinese header accepted as an alias, e.g. `月工资`.
    public let chinese: String
    /// Further accepted spellings (compared case-insensitively).
    public let aliases: [String]
    /// A file without this column cannot be used.
    public let required: Bool

    public init(_ name: String, _ chinese: String, required: Bool = false, aliases: [String] = []) {
        self.name = name
        self.chinese = chinese
        self.required = required
        self.aliases = aliases
    }

    /// Every header spelling that selects this column, normalised for matching.
    var headerKeys: [String] {
        ([name, chinese] + aliases).map(HeaderMap.normalise)
    }
}
