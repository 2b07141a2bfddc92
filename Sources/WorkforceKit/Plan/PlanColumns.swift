import Foundation
import TOMLKit

/// A plan's `[columns.<name>]`, `[bands.<name>]` and `[means.<code>]` sections: columns of
/// workers.csv beyond the contract, bands of numbers, and means of numbers.
extension PlanValue {
    /// Most columns a plan declares, most codes a category holds, most edges a band has, most means.
    static let maxColumns = 20
    static let maxCodes = PlanValue.maxDomains - 1
    static let maxEdges = 50
    static let maxMeans = 40

    /// The keys a `[columns.<name>]` section may hold.
    static let columnKeys = ["type", "en", "zh", "codes", "labels", "headers", "required", "min", "max"]

    /// Whether `name` can name a column, band, rate or mean: lower-case letters, digits and _,
    /// at most 40, without `_x_` (which joins the columns of a cross).
    static func isPlainName(_ name: String) -> Bool {
        name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil && name.count <= 40
            && !name.contains("_x_")
    }

    /// A section's entries, or the error that it is not a section.
    func entries(_ section: String, _ form: String) throws(PlanError) -> TOMLTable {
        guard let table = value.table else {
            throw error("must be a section", "write a line [\(section)], then \(form) below it")
        }
        return table
    }

    /// Text `key` of `table`, required and not blank.
    func text(_ table: TOMLTable, _ key: String, _ what: String, section: String, lines: PlanKeyLines)
        throws(PlanError) -> String
    {
        guard let text = table[key]?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw PlanError(
                file: file, line: lines.line(section, key) ?? line, message: "\(section) lacks \(what) (\(key))",
                fix: "write \(key) = \"…\" below [\(section)]")
        }
        return text
    }

    /// Rejects keys of `table` outside `known`.
    func onlyKeys(_ table: TOMLTable, _ known: [String], section: String, lines: PlanKeyLines, kind: String)
        throws(PlanError)
    {
        for key in table.keys.sorted() where !known.contains(key) {
            throw PlanError(
                file: file, line: lines.line(section, key) ?? line,
                message: "\(section).\(key) is not a key of \(kind)",
                fix: PlanFile.suggestion(key, among: known, kind: "keys"))
        }
    }

    /// `[columns.<name>]`: a column of workers.csv the contract does not have.
    func declaredColumn(name: String, lines: PlanKeyLines) throws(PlanError) -> DeclaredColumn {
        let section = "columns.\(name)"
        guard Self.isPlainName(name) else {
            throw error(
                "is not a column name", "a column's name is lower-case letters, digits and _ (not _x_), e.g. street")
        }
        if TableSchemas.columns(of: .workers).contains(where: { $0.name == name }) || name == "all" {
            throw error(
                "is a column of the contract", "the contract's columns need no declaring; give a column of its own")
        }
        let table = try entries(section, "type, en and zh")
        try onlyKeys(table, Self.columnKeys, section: section, lines: lines, kind: "a column")
        let at = { (key: String) in
            PlanValue(
                value: table[key] ?? "", key: "\(section).\(key)", file: self.file,
                line: lines.line(section, key) ?? self.line)
        }
        let type = try text(table, "type", "its type", section: section, lines: lines)
        let label = IndicatorLabel(
            english: try text(table, "en", "its English name", section: section, lines: lines),
            chinese: try text(table, "zh", "its Chinese name", section: section, lines: lines))
        let headers = table["headers"] == nil ? [] : try at("headers").aliases()
        var required = false
        if table["required"] != nil {
            guard let flag = table["required"]?.bool else {
                throw at("required").error(
                    "must be true or false", "required = true quarantines rows that leave it blank")
            }
            required = flag
        }
        let kind: DeclaredColumn.Kind
        switch type {
        case "category":
            kind = .category(try categoryCodes(table, section: section, lines: lines))
        case "flag", "number":
            for key in ["codes", "labels"] where table[key] != nil {
                throw at(key).error(
                    "belongs to a category column", "leave it out, or make the column type = \"category\"")
            }
            if type == "flag" {
                for key in ["min", "max"] where table[key] != nil {
                    throw at(key).error("belongs to a number column", "a flag is 0/1 (yes/no, 是/否): leave it out")
                }
                kind = .flag
            } else {
                for key in ["min", "max"] where table[key] == nil {
                    throw PlanError(
                        file: file, line: lines.line(section) ?? line, message: "\(section) lacks its bound \(key)",
                        fix: "a number column gives min and max: the values outside quarantine the row")
                }
                let low = try at("min").number(in: -1e15...1e15, example: "0")
                let high = try at("max").number(in: -1e15...1e15, example: "200")
                guard low < high else {
                    throw at("max").error(
                        "= \(FieldReader.plain(high)) is not above min (\(FieldReader.plain(low)))", "max > min")
                }
                kind = .number(low...high)
            }
        default:
            throw at("type").error(
                "= \"\(type)\" is not a column type", "type is \"category\" (codes), \"flag\" (0/1) or \"number\"")
        }
        return DeclaredColumn(name: name, label: label, headers: headers, required: required, kind: kind)
    }

    /// A category's `codes` list and its optional `[columns.<name>.labels]`.
    private func categoryCodes(_ table: TOMLTable, section: String, lines: PlanKeyLines) throws(PlanError)
        -> CategoryCodes
    {
        let codesAt = PlanValue(
            value: table["codes"] ?? "", key: "\(section).codes", file: file, line: lines.line(section, "codes") ?? line
        )
        let fix = "codes = [\"XJH\", \"TLQ\", …]: the codes the column holds, in the order reports list them"
        guard table["codes"] != nil else {
            throw PlanError(
                file: file, line: lines.line(section) ?? line, message: "\(section) lacks its codes", fix: fix)
        }
        guard let array = table["codes"]?.array else { throw codesAt.error("must be a list", fix) }
        var codes: [String] = []
        var seen: Set<String> = []
        for item in array {
            guard let code = item.string ?? item.int.map(String.init),
                !code.trimmingCharacters(in: .whitespaces).isEmpty
            else { throw codesAt.error("holds \(item), not a code", fix) }
            guard seen.insert(code.lowercased()).inserted else { throw codesAt.error("lists \"\(code)\" twice", fix) }
            guard code != "not_given" else {
                throw codesAt.error("holds \"not_given\", the code of rows that leave the column blank", "rename it")
            }
            codes.append(code.trimmingCharacters(in: .whitespaces))
        }
        guard !codes.isEmpty else { throw codesAt.error("is empty", fix) }
        guard codes.count <= Self.maxCodes else {
            throw codesAt.error(
                "lists \(codes.count) codes, more than \(Self.maxCodes)",
                "a breakdown of more than \(Self.maxDomains) domains is not estimable; group the codes, or use a coarser column"
            )
        }
        var labels = [IndicatorLabel?](repeating: nil, count: codes.count)
        if let given = table["labels"] {
            let labelsSection = "\(section).labels"
            guard let entries = given.table else {
                throw PlanError(
                    file: file, line: lines.line(section, "labels") ?? lines.line(labelsSection) ?? line,
                    message: "\(labelsSection) must be a section",
                    fix: "write a line [\(labelsSection)], then one line per code: XJH = { en = \"…\", zh = \"…\" }")
            }
            for (code, label) in entries.sorted(by: { $0.0 < $1.0 }) {
                let reader = PlanValue(
                    value: label, key: "\(labelsSection).\(code)", file: file,
                    line: lines.line(labelsSection, code) ?? lines.line(labelsSection, "\"\(code)\"")
                        ?? lines.line(labelsSection))
                guard let index = codes.firstIndex(of: code) else {
                    throw reader.error(
                        "is not one of the column's codes",
                        PlanFile.suggestion(code, among: codes, kind: "codes", listedIn: "its codes list"))
                }
                labels[index] = try reader.label()
            }
        }
        return CategoryCodes(codes: codes, labels: labels)
    }

    /// `[bands.<name>]`: bands of a numeric column at ascending edges.
    func band(name: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError) -> NumericBand {
        let section = "bands.\(name)"
        guard Self.isPlainName(name) else {
            throw error("is not a band name", "a band's name is lower-case letters, digits and _, e.g. wage_band")
        }
        let table = try entries(section, "column and edges")
        try onlyKeys(table, ["column", "edges"], section: section, lines: lines, kind: "a band")
        let columnName = try text(table, "column", "the column it bands", section: section, lines: lines)
        let columnAt = PlanValue(
            value: table["column"] ?? "", key: "\(section).column", file: file,
            line: lines.line(section, "column") ?? line)
        // A band is read from the wage-ordered copy too, which keeps the wage and the extra columns only.
        let column = try columnAt.numericColumn(columnName, extras: &extras, keptWhole: true)
        let edgesAt = PlanValue(
            value: table["edges"] ?? "", key: "\(section).edges", file: file, line: lines.line(section, "edges") ?? line
        )
        let fix = "edges = [3000, 5000, 8000]: ascending numbers, each the lower edge of a band"
        guard let array = table["edges"]?.array else {
            throw table["edges"] == nil
                ? PlanError(
                    file: file, line: lines.line(section) ?? line, message: "\(section) lacks its edges", fix: fix)
                : edgesAt.error("must be a list", fix)
        }
        var edges: [Double] = []
        for item in array {
            guard let edge = item.double ?? item.int.map(Double.init), edge.isFinite else {
                throw edgesAt.error("holds \(item), not a number", fix)
            }
            if let last = edges.last, edge <= last {
                throw edgesAt.error("lists \(edge) after \(last): not ascending", fix)
            }
            edges.append(edge)
        }
        guard !edges.isEmpty, edges.count <= Self.maxEdges else {
            throw edgesAt.error(edges.isEmpty ? "is empty" : "holds more than \(Self.maxEdges) edges", fix)
        }
        return NumericBand(name: name, columnName: columnName, column: column, edges: edges)
    }

    /// `[means.<code>]`: the mean of a numeric column.
    func mean(code: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError) -> MeanIndicator {
        let section = "means.\(code)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a mean's code is lower-case letters, digits and _, e.g. mean_overtime_hours")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the mean a code of its own")
        }
        let table = try entries(section, "column, en and zh")
        try onlyKeys(table, ["column", "en", "zh", "unit", "clause"], section: section, lines: lines, kind: "a mean")
        let (columnName, column) = try measuredColumn(table, section: section, lines: lines, extras: &extras)
        let (label, unit) = try nameAndUnit(table, of: columnName, section: section, lines: lines, extras: extras)
        return MeanIndicator(
            code: code, label: label, columnName: columnName, column: column, unit: unit,
            clause: table["clause"]?.string ?? "")
    }

    /// A mean's or quantile list's `column`: a numeric column, not a yes/no one (with `keptWhole`
    /// as `numericColumn`).
    private func measuredColumn(
        _ table: TOMLTable, section: String, lines: PlanKeyLines, extras: inout ExtraColumns, keptWhole: Bool = false
    ) throws(PlanError) -> (String, WaveColumn) {
        let name = try text(table, "column", "the column it summarises", section: section, lines: lines)
        let column = try PlanValue(
            value: table["column"] ?? "", key: "\(section).column", file: file,
            line: lines.line(section, "column") ?? line
        ).numericColumn(name, extras: &extras, flags: false, keptWhole: keptWhole)
        return (name, column)
    }

    /// A measure's `en` and `zh` names, and its `unit` (else the column's own).
    private func nameAndUnit(
        _ table: TOMLTable, of columnName: String, section: String, lines: PlanKeyLines, extras: ExtraColumns
    ) throws(PlanError) -> (IndicatorLabel, IndicatorLabel) {
        let label = IndicatorLabel(
            english: try text(table, "en", "its English name", section: section, lines: lines),
            chinese: try text(table, "zh", "its Chinese name", section: section, lines: lines))
        guard let given = table["unit"] else { return (label, ExtraColumns.unit(of: columnName, in: extras)) }
        let unit = try PlanValue(
            value: given, key: "\(section).unit", file: file, line: lines.line(section, "unit") ?? line
        ).label()
        return (label, unit)
    }

    /// The wave column of the numeric column `name` (a contract number, or a declared number, or
    /// with `flags` a declared flag), adding an extra column when the wave needs one.
    /// With `keptWhole`, a contract number the wave keeps as a `Float` or leaves out of its
    /// wage-ordered copy (training hours, subsidy, commute) is read into an extra column instead.
    func numericColumn(_ name: String, extras: inout ExtraColumns, flags: Bool = true, keptWhole: Bool = false)
        throws(PlanError) -> WaveColumn
    {
        if let column = extras.numeric(named: name, flags: flags) {
            guard keptWhole else { return column }
            switch column {
            case .trainingHours: return .extra(extras.slot(.trainingHours))
            case .trainingSubsidy: return .extra(extras.slot(.trainingSubsidy))
            case .commuteMinutes: return .extra(extras.slot(.commuteMinutes))
            case .wage, .extra: return column
            }
        }
        if !flags, extras.numeric(named: name, flags: true) != nil {
            throw error(
                "= \"\(name)\" is a yes/no column", "its share is a rate: [rates.<code>] with when = \"\(name)\"")
        }
        let known =
            ExtraColumns.contractNumbers
            + extras.declared.compactMap { column in
                switch column.kind {
                case .number: column.name
                case .flag: flags ? column.name : nil
                case .category: nil
                }
            }
        throw error(
            "= \"\(name)\" is not a numeric column", PlanFile.suggestion(name, among: known, kind: "numeric columns"))
    }
}

extension ExtraColumns {
    /// The contract's numeric worker columns a band, rate or mean can read.
    static let contractNumbers = [
        "monthly_wage", "training_hours", "training_subsidy", "commute_minutes", "age", "weekly_hours",
    ]

    /// The wave column of a numeric column by name (with `flags`, a declared flag counts as 0/1),
    /// adding the slot the wave needs; nil when `name` is not one.
    mutating func numeric(named name: String, flags: Bool = true) -> WaveColumn? {
        switch name {
        case "monthly_wage": return .wage
        case "training_hours": return .trainingHours
        case "training_subsidy": return .trainingSubsidy
        case "commute_minutes": return .commuteMinutes
        case "age": return .extra(slot(.age))
        case "weekly_hours": return .extra(slot(.weeklyHours))
        default:
            guard let slot = slot(declared: name), case .declared(let column) = sources[slot] else { return nil }
            switch column.kind {
            case .number: return .extra(slot)
            case .flag: return flags ? .extra(slot) : nil
            case .category: return nil
            }
        }
    }

    /// The unit of a numeric column's values, for a mean of it.
    static func unit(of name: String, in extras: ExtraColumns) -> IndicatorLabel {
        let unit: IndicatorUnit? =
            switch name {
            case "monthly_wage", "training_subsidy": .yuan
            case "training_hours", "weekly_hours": .hours
            case "commute_minutes": .minutes
            default: nil
            }
        if let unit { return IndicatorLabel(english: unit.english, chinese: unit.chinese) }
        if name == "age" { return IndicatorLabel(english: "years", chinese: "岁") }
        let label = extras.declared.first { $0.name == name }?.label
        return IndicatorLabel(
            english: "as \(label?.english ?? name) is given", chinese: "同“\(label?.chinese ?? name)”的单位")
    }
}

extension PlanValue {
    /// Most scopes a plan adds: each one estimates every breakdown again.
    static let maxScopes = 4

    /// `[scopes.<name>]`: workers of some industries, or for whom a condition holds, or both.
    func scope(name: String, index: Int, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError) -> Scope {
        let section = "scopes.\(name)"
        guard Self.isPlainName(name), !Scope.builtIns.contains(where: { $0.name == name }) else {
            throw error(
                "is not a scope's name",
                "a scope's name is lower-case letters, digits and _, not all or industrial, e.g. manufacturing")
        }
        let table = try entries(section, "industries, when, or both")
        try onlyKeys(table, ["industries", "when"], section: section, lines: lines, kind: "a scope")
        guard table["industries"] != nil || table["when"] != nil else {
            throw error(
                "names no workers", "give industries = [\"C\"], when = \"age >= 45\", or both (workers meeting both)")
        }
        let industries = try table["industries"].map { value throws(PlanError) in
            try PlanValue(
                value: value, key: "\(section).industries", file: file, line: lines.line(section, "industries") ?? line
            ).industries()
        }
        var flags: UInt16 = 0
        var compare: ScopeComparison?
        if table["when"] != nil {
            let at = PlanValue(
                value: table["when"] ?? "", key: "\(section).when", file: file,
                line: lines.line(section, "when") ?? line)
            guard let when = table["when"]?.string else {
                throw at.error("must be a condition in quotes", "e.g. when = \"age >= 45\"")
            }
            switch try Self.condition(when, at: at, what: "a scope can hold", extras: &extras) {
            case .flag(let column): flags = column.bit
            case .declaredFlag(_, let column):
                compare = ScopeComparison(column: column, comparison: .atLeast, threshold: 1)
            case .compare(_, let column, let comparison, let threshold):
                compare = ScopeComparison(column: column, comparison: comparison, threshold: threshold)
            }
        }
        return Scope(name: name, index: index, industries: industries, flags: flags, compare: compare)
    }
}

extension PlanValue {
    /// Most quantile lists a plan defines: each keeps two copies of its column's rows while it runs.
    static let maxQuantileLists = 10

    /// `[quantiles.<code>]`: quantiles of a numeric column, each with its Woodruff interval.
    func quantileList(code: String, lines: PlanKeyLines, extras: inout ExtraColumns) throws(PlanError)
        -> QuantileIndicator
    {
        let section = "quantiles.\(code)"
        guard Self.isPlainName(code) else {
            throw error("is not a code", "a quantile list's code is lower-case letters, digits and _, e.g. overtime")
        }
        guard IndicatorCatalog.entry(code) == nil else {
            throw error("is the code of a built-in indicator", "give the quantiles a code of their own")
        }
        let table = try entries(section, "column, probabilities, en and zh")
        try onlyKeys(
            table, ["column", "probabilities", "en", "zh", "unit", "clause"], section: section, lines: lines,
            kind: "a quantile list")
        let (columnName, column) = try measuredColumn(
            table, section: section, lines: lines, extras: &extras, keptWhole: true)
        let listed = table["probabilities"].map {
            PlanValue(
                value: $0, key: "\(section).probabilities", file: file,
                line: lines.line(section, "probabilities") ?? line)
        }
        guard let listed else {
            throw PlanError(
                file: file, line: lines.line(section) ?? line, message: "\(section) lacks its probabilities",
                fix: "a list of fractions in whole percents, ascending, e.g. [0.25, 0.5, 0.75]")
        }
        let probabilities = try listed.quantiles(requiring: []).probabilities
        let (label, unit) = try nameAndUnit(table, of: columnName, section: section, lines: lines, extras: extras)
        return QuantileIndicator(
            code: code, label: label, columnName: columnName, column: column, probabilities: probabilities, unit: unit,
            clause: table["clause"]?.string ?? "")
    }
}
