import Foundation
import TOMLKit

/// A plan's `[columns.<name>]` sections — columns of workers.csv beyond the contract — and the
/// readers its other named sections share (names, keys, texts, numeric columns).
extension PlanValue {
    /// Most columns a plan declares, and most codes a category holds.
    static let maxColumns = 20
    static let maxCodes = PlanValue.maxDomains - 1

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
                "= \(PlanError.quoted(type)) is not a column type",
                "type is \"category\" (codes), \"flag\" (0/1) or \"number\"")
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
            // Trimmed first, as cells are: " A" and "A" are one code.
            guard let code = (item.string ?? item.int.map(String.init))?.trimmingCharacters(in: .whitespaces),
                !code.isEmpty
            else { throw codesAt.error("holds \(PlanError.shown(item)), not a code", fix) }
            guard seen.insert(code.lowercased()).inserted else {
                throw codesAt.error(
                    "lists \(PlanError.quoted(code)) twice (blanks around a code and case are ignored)", fix)
            }
            guard code != "not_given" else {
                throw codesAt.error("holds \"not_given\", the code of rows that leave the column blank", "rename it")
            }
            codes.append(code)
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
                "= \(PlanError.quoted(name)) is a yes/no column",
                "its share is a rate: [rates.<code>] with when = \"\(name)\"")
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
            "= \(PlanError.quoted(name)) is not a numeric column",
            PlanFile.suggestion(name, among: known, kind: "numeric columns"))
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
