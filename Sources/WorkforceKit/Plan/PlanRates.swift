import Foundation

/// A plan's `[rates.<code>]` sections, read into `RateIndicator`s.
extension PlanValue {
    /// Most rates a plan defines.
    static let maxRates = 40

    /// `[rates.<code>]`: en, zh, when (a yes/no column, or `column op number`) and an optional clause.
    /// A declared column, or a contract number the wave does not keep, gets its slot in `extras`.
    func rate(
        code: String, section: String, lines: PlanKeyLines, fields: [CrossField], extras: inout ExtraColumns
    ) throws(PlanError) -> RateIndicator {
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a rate's code is lower-case letters, digits and _, e.g. long_commute_share")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the rate a code of its own")
        }
        let table = try entries(section, "en, zh and when")
        try onlyKeys(table, ["en", "zh", "when", "clause"], section: section, lines: lines, kind: "a rate")
        var label = IndicatorLabel(
            english: try text(table, "en", "its English name", section: section, lines: lines),
            chinese: try text(table, "zh", "its Chinese name", section: section, lines: lines))
        let when = try text(table, "when", "its condition", section: section, lines: lines)
        let condition = try Self.condition(
            when,
            at: PlanValue(value: when, key: "\(section).when", file: file, line: lines.line(section, "when") ?? line),
            what: "a rate can count", fields: fields, extras: &extras)
        // A condition in words of several columns or codes shows its meaning in the label.
        if case .predicate(_, let english, let chinese) = condition {
            label = IndicatorLabel(english: "\(label.english) (\(english))", chinese: "\(label.chinese)（\(chinese)）")
        }
        return RateIndicator(
            code: code, label: label, condition: condition, clause: table["clause"]?.string ?? "")
    }

    /// A `when` condition: a yes/no column (the contract's or a declared flag), or `column op
    /// number` on a numeric column; otherwise a condition in words (`PlanCondition`: categories,
    /// codes, and, or, not). `at` places the message; `what` ends it.
    static func condition(
        _ text: String, at place: PlanValue, what: String, fields: [CrossField], extras: inout ExtraColumns
    ) throws(PlanError) -> RateIndicator.Condition {
        do {
            return try simpleCondition(text, at: place, what: what, extras: &extras)
        } catch {
            let read = try PlanCondition(text, at: place, what: what, fields: fields, extras: &extras)
            return .predicate(read.predicate, english: read.english, chinese: read.chinese)
        }
    }

    /// A yes/no column or `column op number`, as conditions were first written.
    static func simpleCondition(_ text: String, at place: PlanValue, what: String, extras: inout ExtraColumns)
        throws(PlanError) -> RateIndicator.Condition
    {
        let when = text.trimmingCharacters(in: .whitespaces)
        let declaredFlags = extras.declared.filter { $0.kind == .flag }.map(\.name)
        let flags = RateIndicator.FlagColumn.allCases.map(\.rawValue) + declaredFlags
        let numbers =
            ExtraColumns.contractNumbers
            + extras.declared.filter { if case .number = $0.kind { true } else { false } }.map(\.name)
        if let flag = RateIndicator.FlagColumn(rawValue: when) { return .flag(flag) }
        if declaredFlags.contains(when), let column = extras.numeric(named: when) {
            return .declaredFlag(when, column)
        }
        // A condition is a column's name, a comparison and a number: longer text is none (and costs the regex its length).
        let match = when.utf8.count > 128 ? nil : when.firstMatch(of: /^([a-z][a-z0-9_]*)\s*(<=|>=|<|>)\s*(\S+)$/)
        guard let match, numbers.contains(String(match.1)), let column = extras.numeric(named: String(match.1)),
            let comparison = Comparison(rawValue: String(match.2)),
            // A plain decimal, as a number cell holds (not Swift's Double(_:), which reads 0x10 as 16).
            let threshold = Array(match.3.utf8).withUnsafeBufferPointer(NumberParsing.decimal)
        else {
            throw place.error(
                "= \(PlanError.quoted(when)) is not a condition \(what)",
                "when = a yes/no column (\(flags.joined(separator: ", "))) or a comparison such as \"commute_minutes > 60\" (\(numbers.joined(separator: ", ")); <, <=, >, >=)"
            )
        }
        return .compare(String(match.1), column, comparison, threshold)
    }
}
