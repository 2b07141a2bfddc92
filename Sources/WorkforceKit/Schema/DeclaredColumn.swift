/// A workers column a survey plan declares beyond the contract (`[columns.<name>]`): its type,
/// its names, and the header spellings that select it.
///
/// Validation reads it like a contract column — a value that breaks its rule quarantines the
/// row, naming the column — and keeps its value in the wave's extra columns (`ExtraColumns`).
public struct DeclaredColumn: Hashable, Sendable {
    /// What the column holds.
    public enum Kind: Hashable, Sendable {
        /// One of a list of codes (a cell may also give a code's English or Chinese name).
        case category(CategoryCodes)
        /// Yes/no, written as the contract's yes/no columns are (0/1, yes/no, 是/否 …).
        case flag
        /// A number within bounds.
        case number(ClosedRange<Double>)
    }

    /// The column's name in reports and in the plan (`street`).
    public let name: String
    /// What people call it; the Chinese name also selects the column as a header.
    public let label: IndicatorLabel
    /// Further header spellings that select the column.
    public let headers: [String]
    /// A row without a value is quarantined when required; otherwise the value is "not given".
    public let required: Bool
    public let kind: Kind

    public init(name: String, label: IndicatorLabel, headers: [String], required: Bool, kind: Kind) {
        self.name = name
        self.label = label
        self.headers = headers
        self.required = required
        self.kind = kind
    }

    /// The column as the workers table's schema lists it after the contract's.
    var spec: ColumnSpec { ColumnSpec(name, label.chinese, required: required, aliases: headers) }

    /// The value of field `column` as the wave stores it: a category's code number, 1/0 for a
    /// flag, the number; NaN when blank (and not required).
    func value(_ fields: FieldReader, column: Int) throws(RowIssue) -> Double {
        switch kind {
        case .flag:
            return try fields.boolean(column, required: required).map { $0 ? 1 : 0 } ?? .nan
        case .number(let range):
            return try fields.decimal(
                column, required: required,
                rule: "between \(FieldReader.plain(range.lowerBound)) and \(FieldReader.plain(range.upperBound))"
            ) { range.contains($0) } ?? .nan
        case .category(let codes):
            guard let text = try fields.text(column, required: required) else { return .nan }
            guard let code = codes.code(of: text) else {
                throw fields.issue(
                    column, "unknown code", "\(name) = \"\(fields.shown(column))\" is not one of \(codes.accepted)")
            }
            return Double(code)
        }
    }
}

/// The codes of a declared category column, in the plan's order, each with its names.
public struct CategoryCodes: Hashable, Sendable {
    public let codes: [String]
    /// Per code: its names, or nil when the plan gives none (the code is shown).
    public let labels: [IndicatorLabel?]
    private let lookup: [String: Int]

    public init(codes: [String], labels: [IndicatorLabel?]) {
        self.codes = codes
        self.labels = labels
        var lookup: [String: Int] = [:]
        // Names first, so that a code that equals another code's name still selects itself.
        for (index, label) in labels.enumerated().reversed() {
            if let label {
                lookup[label.english.lowercased()] = index
                lookup[label.chinese.lowercased()] = index
            }
        }
        for (index, code) in codes.enumerated().reversed() { lookup[code.lowercased()] = index }
        self.lookup = lookup
    }

    /// The code number of a cell's text (a code or a name, any case), or nil.
    func code(of text: String) -> Int? { lookup[text] ?? lookup[text.lowercased()] }

    /// What the column accepts, for messages (at most 12 codes shown).
    var accepted: String {
        let shown = codes.prefix(12).joined(separator: ", ")
        return codes.count > 12 ? "\(shown), … (\(codes.count) codes, docs/plan.md)" : shown
    }
}
