import Foundation

/// The input contract as a data dictionary: every table's columns with their Chinese headers,
/// whether they are required, their type and accepted values, and every code with its meaning
/// in both languages — what `workforce schema` prints and docs/inputs.md carries.
///
/// The columns come from `TableSchemas`; the rules restate what the validators check (a test
/// runs each integer range's edges through the validators), the codes come from the code lists
/// the validators read.
public enum DataDictionary {
    /// One column's entry.
    public struct Column: Sendable {
        public let table: TableKind
        public let spec: ColumnSpec
        public let type: String
        public let rule: String
        /// Each code, its English and Chinese meaning.
        public let codes: [(code: String, english: String, chinese: String)]
        /// An integer column's accepted range (for the test that checks it against the validators).
        public let range: ClosedRange<Int>?
    }

    static let booleans: [(String, String, String)] = [
        ("1", "yes (also true, yes, Y, 是)", "是"), ("0", "no (also false, no, N, 否)", "否"),
    ]

    static func codes(_ list: CodeList, meanings: [(String, String)]? = nil) -> [(String, String, String)] {
        list.english.indices.map { k in
            (list.english[k], meanings?[k].0 ?? list.english[k], list.chinese[k])
        }
    }

    static var districts: [(String, String, String)] {
        District.names.indices.map { (District.names[$0], District.englishNames[$0], District.names[$0]) }
    }

    static var industries: [(String, String, String)] {
        Industry.letters.indices.map { (Industry.letters[$0], Industry.englishNames[$0], Industry.chineseNames[$0]) }
    }

    /// The entry of `column` of `table`.
    static func describe(_ table: TableKind, _ spec: ColumnSpec) -> Column {
        func entry(
            _ type: String, _ rule: String, codes: [(String, String, String)] = [], range: ClosedRange<Int>? = nil
        ) -> Column {
            Column(
                table: table, spec: spec, type: type, rule: rule, codes: codes.map { ($0.0, $0.1, $0.2) },
                range: range)
        }
        let year = entry("integer", "1900–2100", range: 1900...2100)
        let count = entry("integer", "0 or more", range: 0...Int(Int32.max))
        switch (table, spec.name) {
        case (_, "year"), (.targets, "due_year"): return year
        case (.workers, "worker_id"), (.workers, "enterprise_id"), (.enterprises, "enterprise_id"):
            return entry("text", "any text without control characters")
        case (.workers, "district"), (.enterprises, "district"):
            return entry(
                "code",
                "one of the 16 districts by Chinese or pinyin name (浦东 → 浦东新区); anything else is counted as other (其他)",
                codes: districts)
        case (.workers, "industry"), (.enterprises, "industry"), (.skillDemand, "industry"):
            return entry("code", "a GB/T 4754-2017 section letter A–T, either case", codes: industries)
        case (.workers, "employment_type"):
            return entry(
                "code", "a code or its Chinese name",
                codes: codes(
                    WorkerCodes.employmentTypes,
                    meanings: [
                        ("Regular", "正式"), ("Dispatched (agency)", "劳务派遣"), ("Outsourced", "项目外包"),
                        ("Flexible", "灵活"),
                    ]))
        case (.workers, "sex"):
            return entry(
                "code", "a code, its Chinese name, male or female",
                codes: codes(WorkerCodes.sexes, meanings: [("Men", "男"), ("Women", "女")]))
        case (.workers, "hukou"):
            return entry(
                "code", "a code or its Chinese name",
                codes: codes(WorkerCodes.hukou, meanings: [("Local hukou", "本市"), ("Non-local hukou", "外省市")]))
        case (.workers, "age"): return entry("integer", "16–75", range: 16...75)
        case (.workers, "education"):
            return entry(
                "integer code", "1–5",
                codes: ByVariable.educationNames.enumerated().map { (String($0 + 1), $1.english, $1.chinese) },
                range: 1...5)
        case (.workers, "skill_level"), (.skillDemand, "skill_level"):
            return entry(
                "integer code", "0–5",
                codes: (0...5).map {
                    (String($0), ByVariable.skillName($0, english: true), ByVariable.skillName($0, english: false))
                }, range: 0...5)
        case (.workers, "title"):
            return entry(
                "integer code", "0–3 (blank: 0)",
                codes: ByVariable.titleNames.enumerated().map { (String($0), $1.english, $1.chinese) }, range: 0...3)
        case (.workers, "monthly_wage"): return entry("decimal", "> 0 and ≤ 100,000,000 (CNY a month)")
        case (.workers, "weekly_hours"): return entry("decimal", "0–112")
        case (.workers, "training_hours"): return entry("decimal", "0–8,784 (blank: 0)")
        case (.workers, "training_subsidy"): return entry("decimal", "0–1,000,000 CNY (blank: 0)")
        case (.workers, "commute_minutes"): return entry("decimal", "0–1,440 (one way)")
        case (.workers, "migrant"), (.workers, "trained"), (.workers, "apprentice"), (.workers, "new_certificate"),
            (.workers, "housing_fund"), (.workers, "social_insurance"), (.workers, "labor_contract"),
            (.workers, "union_member"), (.workers, "party_member"), (.enterprises, "has_union"),
            (.enterprises, "has_party_org"), (.enterprises, "has_worker_congress"):
            return entry("yes/no", "1/0, true/false, yes/no, Y/N, 是/否", codes: booleans)
        case (.workers, "weight"), (.enterprises, "weight"): return entry("decimal", "> 0 and ≤ 10^9 (blank: 1)")
        case (.workers, "stratum"): return entry("text", "any text (blank: the district)")
        case (.workers, "psu"): return entry("text", "any text (blank: the enterprise_id)")
        case (.workers, "fpc"):
            return entry("decimal", "> 0 and ≤ 10^9: a sampling fraction (≤ 1) or the stratum's PSUs in the population")
        case (.enterprises, "ownership"):
            return entry(
                "code", "a code or its Chinese name",
                codes: codes(
                    EnterpriseRowValidator.ownerships,
                    meanings: [
                        ("State-owned", "国有"), ("Private", "民营"), ("Foreign-invested", "外资"), ("Collective", "集体"),
                        ("Other", "其他"),
                    ]))
        case (.enterprises, "employees"), (.enterprises, "dispatch_workers"), (.enterprises, "party_members"),
            (.enterprises, "chief_technician_posts"):
            return count
        case (.enterprises, "value_added"), (.enterprises, "profit"): return entry("decimal", "−10^13 to 10^13 CNY")
        case (.enterprises, "training_spend"): return entry("decimal", "0–10^13 CNY")
        case (.economy, "gdp"), (.economy, "avg_wage"), (.economy, "min_wage"):
            return entry("decimal", "> 0 and ≤ 10^15")
        case (.economy, "gdp_real_growth"): return entry("decimal", "−100 to 100 (%)")
        case (.economy, "cpi"): return entry("decimal", "> 0 and ≤ 1,000 (previous year = 100)")
        case (.economy, "wage_guideline"): return entry("decimal", "−100 to 100 (%)")
        case (.skillDemand, "demand"): return entry("decimal", "0–10^9")
        case (.programs, "program"), (.targets, "indicator"), (.population, "margin"):
            return entry("text", "a code (docs/indicators.md; for population, a column or cross a breakdown can name)")
        case (.programs, "value"): return entry("decimal", "0–10^12")
        case (.targets, "target"): return entry("decimal", "−10^12 to 10^12")
        case (.targets, "comparator"):
            return entry("code", ">= or <= (also ≥, ≤)", codes: [(">=", "at least", "不低于"), ("<=", "at most", "不高于")])
        case (.targets, "clause"): return entry("text", "the policy clause, e.g. （十）")
        case (.population, "code"):
            return entry("text", "the margin's code as the reports' domain column shows it (blank for a numeric total)")
        case (.population, "total"): return entry("decimal", "> 0 (checked when the plan calibrates)")
        default: return entry("text", "any text")
        }
    }

    /// Every table's columns, in the contract's order.
    public static var columns: [Column] {
        TableKind.allCases.flatMap { table in TableSchemas.columns(of: table).map { describe(table, $0) } }
    }

    /// The dictionary as Markdown: a section per table, then a table of its codes per coded column.
    public static var markdown: String {
        var lines: [String] = []
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        for table in TableKind.allCases {
            lines += [
                "### \(table.rawValue)", "", "| column | Chinese header | required | type | accepted |",
                "|---|---|---|---|---|",
            ]
            let entries = columns.filter { $0.table == table }
            for column in entries {
                lines.append(
                    "| `\(column.spec.name)` | \(column.spec.chinese) | \(column.spec.required ? "yes" : "no") | \(column.type) | \(cell(column.rule)) |"
                )
            }
            lines.append("")
            for column in entries where !column.codes.isEmpty && column.type != "yes/no" {
                // A code list shared by several columns is listed once, under the first.
                let same = { (other: Column) in other.codes.map(\.code) == column.codes.map(\.code) }
                if let first = columns.first(where: same), first.table != table || first.spec.name != column.spec.name {
                    lines += ["Codes of `\(column.spec.name)`: as `\(first.table.rawValue).\(first.spec.name)`.", ""]
                    continue
                }
                lines += ["Codes of `\(column.spec.name)`:", "", "| code | meaning | 含义 |", "|---|---|---|"]
                for code in column.codes {
                    lines.append("| `\(cell(code.code))` | \(cell(code.english)) | \(cell(code.chinese)) |")
                }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The dictionary as CSV: a row per column, then per code.
    public static var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = ["table,column,chinese_header,required,type,accepted,code,meaning_en,meaning_zh"]
        for column in columns {
            let head = [
                column.table.rawValue, column.spec.name, column.spec.chinese, column.spec.required ? "yes" : "no",
                column.type, column.rule,
            ]
            if column.codes.isEmpty {
                lines.append((head + ["", "", ""]).map(field).joined(separator: ","))
            }
            for code in column.codes {
                lines.append((head + [code.code, code.english, code.chinese]).map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An empty return of `table` for a bureau to fill in (`workforce schema --template`): a notes
    /// sheet (each column's Chinese and English header, required or not, type, accepted values
    /// and codes), then the table's sheet with its Chinese headers, which the product reads, and a
    /// drop-down of the accepted codes in each coded column.
    public static func template(_ table: TableKind) throws -> Data {
        let entries = columns.filter { $0.table == table }
        var notes = ReportTable(
            name: "README", columns: ["column", "表头", "required", "type", "accepted", "codes (code = meaning / 含义)"])
        for column in entries {
            notes.append([
                .text(column.spec.name), .text(column.spec.chinese),
                .text(column.spec.required ? "yes / 必填" : "no / 选填"),
                .text(column.type), .text(column.rule),
                .text(column.codes.map { "\($0.code) = \($0.english) / \($0.chinese)" }.joined(separator: "; ")),
            ])
        }
        let sheet = ReportTable(name: table.rawValue, columns: entries.map(\.spec.chinese))
        var writer = XLSXWriter()
        var lists: [(column: Int, values: [String])] = []
        for (index, column) in entries.enumerated() where !column.codes.isEmpty {
            // Each code, and its Chinese name where a cell may hold that instead (sex 男, hukou 本市).
            var values: [String] = []
            for code in column.codes {
                values.append(code.code)
                if column.type != "integer code", code.chinese != code.code, !values.contains(code.chinese) {
                    values.append(code.chinese)
                }
            }
            if values.joined(separator: ",").count <= 250 { lists.append((index, values)) }
        }
        writer.validations = [table.rawValue: lists]
        return try writer.render(readme: notes, sheets: [sheet])
    }
}
