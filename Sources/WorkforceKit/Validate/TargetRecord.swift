/// One accepted row of targets.csv: a numeric policy target.
public struct TargetRecord: Sendable, Equatable {
    public var indicator: String
    public var target: Double
    /// True for `>=`, false for `<=`.
    public var atLeast: Bool
    public var dueYear: Int
    public var clause: String

    /// The defaults the policy text sets (docs/indicators.md §9), used when targets.csv is absent.
    public static let policyDefaults: [TargetRecord] = [
        TargetRecord(
            indicator: "dual_qualified_teacher_share", target: 50, atLeast: true, dueYear: 2020, clause: "（十）"),
        TargetRecord(indicator: "high_skill_training_bases", target: 100, atLeast: true, dueYear: 2020, clause: "（十）"),
        TargetRecord(indicator: "open_training_centers", target: 100, atLeast: true, dueYear: 2020, clause: "（十）"),
        TargetRecord(indicator: "chief_technicians_funded", target: 1000, atLeast: true, dueYear: 2020, clause: "（十四）"),
        TargetRecord(indicator: "skill_master_studios", target: 200, atLeast: true, dueYear: 2020, clause: "（十四）"),
    ]
}

/// Turns a raw targets record into a `TargetRecord`.
struct TargetRowValidator: RecordValidator {
    static let table = TableKind.targets

    func validate(_ fields: FieldReader) throws(RowIssue) -> TargetRecord {
        let indicator = try fields.text(0, required: true) ?? ""
        let target =
            try fields.decimal(1, required: true, rule: "between -10^12 and 10^12") {
                abs($0) <= PlausibleMaximum.targetValue
            } ?? 0
        let comparator = try fields.text(2, required: true) ?? ""
        guard comparator == ">=" || comparator == "<=" || comparator == "≥" || comparator == "≤" else {
            throw fields.issue(2, "unknown code", "comparator = \"\(comparator)\" must be >= or <=")
        }
        return TargetRecord(
            indicator: indicator, target: target, atLeast: comparator == ">=" || comparator == "≥",
            dueYear: try fields.integer(3, 1900...2100, required: true) ?? 0,
            clause: try fields.text(4, required: false) ?? "")
    }

    func duplicateKey(_ row: TargetRecord) -> DuplicateKey? {
        DuplicateKey(year: row.dueYear, id: row.indicator)
    }
}
