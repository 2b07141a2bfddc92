import Foundation

/// A plan's `[rates.<code>]` sections, read into `RateIndicator`s.
extension PlanValue {
    /// Most rates a plan defines.
    static let maxRates = 40

    /// `[rates.<code>]`: en, zh, when (a yes/no column, or `column op number`) and an optional clause.
    /// A declared column, or a contract number the wave does not keep, gets its slot in `extras`.
    func rate(code: String, section: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError)
        -> RateIndicator
    {
        let declaredFlags = extras.declared.filter { $0.kind == .flag }.map(\.name)
        let flags = RateIndicator.FlagColumn.allCases.map(\.rawValue) + declaredFlags
        let numbers =
            ExtraColumns.contractNumbers
            + extras.declared.filter { if case .number = $0.kind { true } else { false } }.map(\.name)
        let whenFix =
            "when = a yes/no column (\(flags.joined(separator: ", "))) or a comparison such as \"commute_minutes > 60\" (\(numbers.joined(separator: ", ")); <, <=, >, >=)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a rate's code is lower-case letters, digits and _, e.g. long_commute_share")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the rate a code of its own")
        }
        guard let table = value.table else {
            throw error("must be a section", "write a line [\(section)], then en, zh and when below it")
        }
        let line = { (key: String) in lines.line(section, key) ?? self.line }
        for key in table.keys where !["en", "zh", "when", "clause"].contains(key) {
            throw PlanError(
                file: file, line: line(key), message: "\(section).\(key) is not a key of a rate",
                fix: PlanFile.suggestion(key, among: ["en", "zh", "when", "clause"], kind: "keys"))
        }
        func text(_ key: String, _ what: String) throws(PlanError) -> String {
            guard let text = table[key]?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PlanError(
                    file: file, line: line(key), message: "\(section) lacks \(what) (\(key))",
                    fix: "write \(key) = \"…\" below [\(section)]")
            }
            return text
        }
        let label = IndicatorLabel(
            english: try text("en", "its English name"), chinese: try text("zh", "its Chinese name"))
        let when = try text("when", "its condition").trimmingCharacters(in: .whitespaces)
        let condition: RateIndicator.Condition
        if let flag = RateIndicator.FlagColumn(rawValue: when) {
            condition = .flag(flag)
        } else if declaredFlags.contains(when), let column = extras.numeric(named: when) {
            condition = .declaredFlag(when, column)
        } else {
            let match = when.firstMatch(of: /^([a-z][a-z0-9_]*)\s*(<=|>=|<|>)\s*(\S+)$/)
            guard let match, numbers.contains(String(match.1)), let column = extras.numeric(named: String(match.1)),
                let comparison = Comparison(rawValue: String(match.2)), let threshold = Double(match.3),
                threshold.isFinite
            else {
                throw PlanError(
                    file: file, line: line("when"),
                    message: "\(section).when = \"\(when)\" is not a condition a rate can count",
                    fix: whenFix)
            }
            condition = .compare(String(match.1), column, comparison, threshold)
        }
        return RateIndicator(
            code: code, label: label, condition: condition, clause: table["clause"]?.string ?? "")
    }
}
