import TOMLKit

/// Reads a plan file (TOML) into a `SurveyPlan`, checking every section, key, type and value.
///
/// A plan names only what it changes; anything it leaves out keeps the built-in default.
/// Unknown sections and keys are errors (a misspelt key would otherwise be ignored
/// silently), each naming its line and the nearest known key.
struct PlanFile {
    let text: String
    /// The file's name, for messages.
    let name: String

    /// The keys of each section, in the order docs/plan.md lists them.
    static let keys: [(section: String, keys: [String])] = [
        ("scope", ["industrial"]),
        (
            "thresholds",
            [
                "suppress_below", "low_n_below", "confidence_level", "lonely_psu", "in_step_tolerance",
                "low_pay_fraction", "dispatch_cap",
            ]
        ),
        ("breakdowns", ["add"]),
        ("wages", ["quantiles"]),
        ("changes", ["base"]),
        ("calibration", ["method", "margins", "totals", "tolerance", "max_iterations", "bounds"]),
        ("reports", ["publish"]),
        ("indicator_labels", []),
        ("domain_labels", []),
        ("column_aliases", []),
        ("columns", []),
        ("bands", []),
        ("scopes", []),
        ("rates", []),
        ("means", []),
        ("quantiles", []),
    ] + PlanStatisticKind.all.map { ($0.section, []) }

    func plan() throws(PlanError) -> SurveyPlan {
        // First the text's form and bounds, so that toml++ never sees what it cannot report on.
        do {
            try PlanSyntax.check(text)
        } catch {
            throw PlanError(file: name, line: error.line, message: error.message, fix: error.fix)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PlanError(
                file: name, line: error.source.begin.line,
                message: "not valid TOML (column \(error.source.begin.column): \(error.description))",
                fix: "see the file `workforce plan init` writes for the form of each line")
        } catch {
            throw PlanError(file: name, line: nil, message: "not valid TOML (\(error))", fix: "see docs/plan.md")
        }
        let lines = PlanKeyLines(text: text)
        var plan = SurveyPlan()
        var domainLabelSections: [(String, TOMLValueConvertible)] = []
        // In the order of the file, so that the first mistake is the one reported.
        let place = { (section: String, key: String?) in lines.line(section, key) ?? lines.line("", section) ?? .max }
        // Columns, then bands of them, come first wherever they stand: breakdowns, rates and means name them.
        try readColumns(table["columns"], into: &plan, lines: lines, place: place)
        try readBands(table["bands"], into: &plan, lines: lines, place: place)
        for (section, value) in table.sorted(by: { (place($0.0, nil), $0.0) < (place($1.0, nil), $1.0) }) {
            if section == "columns" || section == "bands" { continue }
            if value.table == nil, let home = Self.keys.first(where: { $0.keys.contains(section) }) {
                throw PlanError(
                    file: name, line: lines.line("", section), message: "`\(section)` stands outside any section",
                    fix: "move it below the line [\(home.section)]")
            }
            guard let known = Self.keys.first(where: { $0.section == section }) else {
                throw PlanError(
                    file: name, line: lines.line(section) ?? lines.line("", section),
                    message: "`\(section)` is not a section of the plan",
                    fix: Self.suggestion(section, among: Self.keys.map(\.section), kind: "sections", bracketed: true))
            }
            guard let entries = value.table else {
                throw PlanError(
                    file: name, line: lines.line("", section), message: "`\(section)` must be a section",
                    fix: "write it as a line `[\(section)]` with its keys below")
            }
            for (key, value) in entries.sorted(by: { (place(section, $0.0), $0.0) < (place(section, $1.0), $1.0) }) {
                let reader = PlanValue(
                    value: value, key: "\(section).\(key)", file: name, line: lines.line(section, key))
                if section == "indicator_labels" {
                    plan.indicatorLabels[key] = try reader.indicatorLabel(code: key)
                    continue
                }
                /// Throws when the section already holds `maximum` entries.
                func room(_ count: Int, _ maximum: Int, _ thing: String, _ fix: String) throws(PlanError) {
                    guard count < maximum else { throw reader.error("is one \(thing) more than \(maximum)", fix) }
                }
                switch section {
                case "rates":
                    try room(plan.rateIndicators.count, PlanValue.maxRates, "rate", "keep the rates the analysis needs")
                    plan.rateIndicators.append(
                        try reader.rate(
                            code: key, section: "rates.\(key)", lines: lines, fields: plan.crossFields,
                            extras: &plan.extraColumns))
                    continue
                case "scopes":
                    try room(
                        plan.scopes.count, PlanValue.maxScopes, "scope",
                        "each scope estimates every breakdown again; keep the ones the analysis needs")
                    plan.scopes.append(
                        try reader.scope(
                            name: key, index: Scope.builtIns.count + plan.scopes.count, lines: lines,
                            fields: plan.crossFields, extras: &plan.extraColumns))
                    continue
                case "quantiles":
                    try room(
                        plan.quantileIndicators.count, PlanValue.maxQuantileLists, "quantile list",
                        "keep the lists the analysis needs")
                    plan.quantileIndicators.append(
                        try reader.quantileList(code: key, lines: lines, extras: &plan.extraColumns))
                    continue
                case "means":
                    try room(plan.meanIndicators.count, PlanValue.maxMeans, "mean", "keep the means the analysis needs")
                    plan.meanIndicators.append(try reader.mean(code: key, lines: lines, extras: &plan.extraColumns))
                    continue
                default: break
                }
                if let kind = PlanStatisticKind.named(section) {
                    try room(
                        plan.statistics.filter { $0.kind == section }.count, PlanStatisticKind.maxEach,
                        "entry of [\(section)]", "keep the ones the analysis needs")
                    plan.statistics.append(
                        try reader.statistic(kind, code: key, lines: lines, extras: &plan.extraColumns))
                    continue
                }
                if section == "column_aliases" {
                    let (table, aliases) = try columnAliases(table: key, value, lines: lines)
                    plan.columnAliases[table] = aliases
                    continue
                }
                if section == "domain_labels" {
                    // Checked once the plan's own breakdowns are known, wherever [breakdowns] stands.
                    domainLabelSections.append((key, value))
                    continue
                }
                guard known.keys.contains(key) else {
                    throw reader.error(
                        "is not a key of [\(section)]", Self.suggestion(key, among: known.keys, kind: "keys"))
                }
                if section == "calibration" {
                    var settings = plan.calibration ?? CalibrationSettings(method: .rake, margins: [])
                    try reader.calibration(into: &settings, fields: plan.crossFields, extras: &plan.extraColumns)
                    plan.calibration = settings
                    continue
                }
                try set("\(section).\(key)", from: reader, in: &plan)
            }
        }
        let breakdowns = ByVariable.builtIns + plan.addedBreakdowns
        for (by, value) in domainLabelSections {
            plan.domainLabels[by] = try domainLabels(by: by, value, among: breakdowns, lines: lines)
        }
        try checkHeaderSpellings(plan, lines: lines)
        for (name, defined) in [
            ("rates", !plan.rateIndicators.isEmpty), ("means", !plan.meanIndicators.isEmpty),
            ("quantiles", !plan.quantileIndicators.isEmpty),
        ] + PlanStatisticKind.all.map { kind in (kind.section, plan.statistics.contains { $0.kind == kind.section }) }
        where plan.reports.names?.contains(name) == true && !defined {
            throw PlanError(
                file: self.name, line: lines.line("reports", "publish"),
                message: "reports.publish lists \(name), but the plan defines no \(name)",
                fix: "define them as [\(name).<code>] sections, or leave \(name) out of the list")
        }
        try checkCodesDistinct(plan, lines: lines)
        try checkCalibration(plan, lines: lines)
        guard plan.estimatesPerWave <= SurveyPlan.maxEstimatesPerWave else {
            throw PlanError(
                file: name, line: lines.line("breakdowns", "add"),
                message:
                    "asks for up to \(plan.estimatesPerWave) estimates a wave (\(plan.scopeCount) scopes × \(plan.domainCount) domains × \(plan.estimatesPerDomain) estimates a domain), more than \(SurveyPlan.maxEstimatesPerWave)",
                fix:
                    "a run holds them all in memory: add fewer or smaller breakdowns, fewer scopes, or fewer quantiles, rates and means (docs/plan.md, \"Size of a plan\")"
            )
        }
        guard plan.lowNBelow >= plan.suppressBelow else {
            throw PlanError(
                file: name, line: lines.line("thresholds", "low_n_below") ?? lines.line("thresholds", "suppress_below"),
                message: "low_n_below (\(plan.lowNBelow)) is below suppress_below (\(plan.suppressBelow))",
                fix: "low_n_below must be at least suppress_below: a suppressed estimate is also a low-n one")
        }
        return plan
    }

    /// The entries of a section of named sections (`[columns.street]`, `[bands.wage_band]`), in
    /// the file's order, each with its reader; none when the plan has no such section.
    private func namedSections(
        _ section: String, _ value: TOMLValueConvertible?, example: String, lines: PlanKeyLines,
        place: (String, String?) -> Int
    ) throws(PlanError) -> [(name: String, reader: PlanValue)] {
        guard let value else { return [] }
        guard let entries = value.table else {
            throw PlanError(
                file: name, line: lines.line("", section), message: "`\(section)` must be a section",
                fix: "give each one a section of its own: [\(section).\(example)]")
        }
        return entries.sorted(by: { (place(section, $0.0), $0.0) < (place(section, $1.0), $1.0) }).map { key, value in
            (
                key,
                PlanValue(
                    value: value, key: "\(section).\(key)", file: name,
                    line: lines.line("\(section).\(key)") ?? lines.line(section, key))
            )
        }
    }

    /// `[columns.<name>]` sections, in the file's order.
    private func readColumns(
        _ value: TOMLValueConvertible?, into plan: inout SurveyPlan, lines: PlanKeyLines,
        place: (String, String?) -> Int
    ) throws(PlanError) {
        var declared: [DeclaredColumn] = []
        for (key, reader) in try namedSections("columns", value, example: "street", lines: lines, place: place) {
            guard declared.count < PlanValue.maxColumns else {
                throw reader.error(
                    "is one column more than \(PlanValue.maxColumns)", "declare the columns the plan uses")
            }
            declared.append(try reader.declaredColumn(name: key, lines: lines))
        }
        plan.extraColumns = ExtraColumns(declared: declared)
    }

    /// `[bands.<name>]` sections, in the file's order.
    private func readBands(
        _ value: TOMLValueConvertible?, into plan: inout SurveyPlan, lines: PlanKeyLines,
        place: (String, String?) -> Int
    ) throws(PlanError) {
        for (key, reader) in try namedSections("bands", value, example: "wage_band", lines: lines, place: place) {
            guard WorkerField(rawValue: key) == nil, plan.extraColumns.slot(declared: key) == nil else {
                throw reader.error("has the name of a column", "give the band a name of its own, e.g. \(key)_band")
            }
            guard plan.bands.count < PlanValue.maxColumns else {
                throw reader.error("is one band more than \(PlanValue.maxColumns)", "keep the bands the plan uses")
            }
            plan.bands.append(try reader.band(name: key, lines: lines, extras: &plan.extraColumns))
        }
    }

    /// The plan's rates, means and quantiles publish distinct indicator codes.
    private func checkCodesDistinct(_ plan: SurveyPlan, lines: PlanKeyLines) throws(PlanError) {
        var taken: [String: String] = [:]
        let codes =
            plan.rateIndicators.map { ("rates", $0.code, [$0.code]) }
            + plan.meanIndicators.map { ("means", $0.code, [$0.code]) }
            + plan.quantileIndicators.map { ("quantiles", $0.code, $0.probabilities.map($0.indicator)) }
            + plan.statistics.map { ($0.kind, $0.code, [$0.code]) }
        for (section, code, published) in codes {
            for indicator in published {
                if let owner = taken[indicator] {
                    throw PlanError(
                        file: name, line: lines.line("\(section).\(code)"),
                        message: "\(section).\(code) publishes \(indicator), as \(owner) does",
                        fix: "give it a code of its own")
                }
                taken[indicator] = "\(section).\(code)"
            }
        }
    }

    /// Every header spelling of a declared column selects that column only.
    private func checkHeaderSpellings(_ plan: SurveyPlan, lines: PlanKeyLines) throws(PlanError) {
        let contract = TableSchemas.columns(of: .workers, aliases: plan.columnAliases[.workers] ?? [:])
        var taken = HeaderMap.columnIndex(contract).mapValues { contract[$0].name }
        for column in plan.extraColumns.declared {
            for key in column.spec.headerKeys {
                if let owner = taken[key], owner != column.name {
                    let section = "columns.\(column.name)"
                    throw PlanError(
                        file: name,
                        line: lines.line(section, "headers") ?? lines.line(section, "zh") ?? lines.line(section),
                        message: "\(section): the header \(PlanError.quoted(key)) already names the column \(owner)",
                        fix: "one header may name only one column: give this column another Chinese name or header")
                }
                taken[key] = column.name
            }
        }
    }

    /// `[column_aliases.<table>]`: further header spellings of that table's columns.
    private func columnAliases(
        table name: String, _ value: TOMLValueConvertible, lines: PlanKeyLines
    ) throws(PlanError) -> (TableKind, [String: [String]]) {
        let section = "column_aliases.\(name)"
        guard let table = TableKind(rawValue: name) else {
            throw PlanError(
                file: self.name, line: lines.line(section), message: "[\(section)]: `\(name)` is not an input table",
                fix: Self.suggestion(name, among: TableKind.allCases.map(\.rawValue), kind: "tables"))
        }
        guard let entries = value.table else {
            throw PlanError(
                file: self.name, line: lines.line(section), message: "column_aliases.\(name) must be a section",
                fix: "write a line [\(section)], then one line per column: monthly_wage = [\"工资总额\"]")
        }
        let columns = TableSchemas.columns(of: table)
        // Every spelling already taken, and by which column.
        var taken = HeaderMap.columnIndex(columns).mapValues { columns[$0].name }
        var aliases: [String: [String]] = [:]
        for (column, list) in entries.sorted(by: { $0.0 < $1.0 }) {
            let reader = PlanValue(
                value: list, key: "\(section).\(column)", file: self.name, line: lines.line(section, column))
            guard columns.contains(where: { $0.name == column }) else {
                throw reader.error(
                    "is not a column of \(name)",
                    Self.suggestion(
                        column, among: columns.map(\.name), kind: "columns of \(name)", listedIn: "docs/inputs.md"))
            }
            for alias in try reader.aliases() {
                let key = HeaderMap.normalise(alias)
                if let owner = taken[key], owner != column {
                    throw reader.error(
                        "gives \(PlanError.quoted(alias)), which already names the column \(owner)",
                        "one header may name only one column: remove it from one of them")
                }
                taken[key] = column
                aliases[column, default: []].append(alias)
            }
        }
        return (table, aliases)
    }

    /// `[domain_labels.<by>]`: names for the codes of one of `breakdowns` (built in or the plan's).
    private func domainLabels(
        by name: String, _ value: TOMLValueConvertible, among breakdowns: [ByVariable], lines: PlanKeyLines
    ) throws(PlanError) -> [String: IndicatorLabel] {
        let section = "domain_labels.\(name)"
        // The worker reports' breakdowns, then the enterprise report's groupings.
        let groupings =
            breakdowns.filter { $0 != .all }.map { by in (by.name, (0..<by.cardinality).map(by.label)) }
            + EnterpriseReport.groupCodes.map { ($0.by, $0.codes) }
        guard let known = groupings.first(where: { $0.0 == name })?.1 else {
            throw PlanError(
                file: self.name, line: lines.line(section), message: "[\(section)]: `\(name)` is not a breakdown",
                fix: Self.suggestion(name, among: groupings.map(\.0), kind: "breakdowns", listedIn: "docs/plan.md"))
        }
        guard let codes = value.table else {
            throw PlanError(
                file: self.name, line: lines.line(section), message: "domain_labels.\(name) must be a section",
                fix: "write a line [\(section)], then one line per code: \"code\" = { en = \"…\", zh = \"…\" }")
        }
        var labels: [String: IndicatorLabel] = [:]
        for (code, label) in codes.sorted(by: { $0.0 < $1.0 }) {
            let reader = PlanValue(
                value: label, key: "\(section).\(code)", file: self.name,
                line: lines.line(section, code) ?? lines.line(section, "\"\(code)\"") ?? lines.line(section))
            guard known.contains(code) else {
                throw reader.error(
                    "is not a code of \(name)", Self.suggestion(code, among: known, kind: "codes of \(name)"))
            }
            labels[code] = try reader.label()
        }
        return labels
    }

    private func set(_ path: String, from value: PlanValue, in plan: inout SurveyPlan) throws(PlanError) {
        switch path {
        case "scope.industrial":
            plan.industrialScope = try value.industries()
        case "thresholds.suppress_below":
            plan.suppressBelow = try value.integer(in: 0...1_000_000, example: "10")
        case "thresholds.low_n_below":
            plan.lowNBelow = try value.integer(in: 0...1_000_000, example: "30")
        case "thresholds.confidence_level":
            plan.confidenceLevel = try value.number(in: PipelineOptions.confidenceLevels, example: "0.95")
        case "thresholds.lonely_psu":
            plan.lonelyPSU = try value.choice(LonelyPSUPolicy.allCases)
        case "thresholds.in_step_tolerance":
            plan.inStepTolerance = try value.number(in: 0...0.5, example: "0.005")
        case "breakdowns.add":
            plan.addedBreakdowns = try value.breakdowns(fields: plan.crossFields)
        case "reports.publish":
            plan.reports = try value.reportChoice()
        case "wages.quantiles":
            plan.wageQuantiles = try value.quantiles()
        case "changes.base":
            plan.changesBase = try value.integer(in: 1900...2100, example: "2019")
        case "thresholds.low_pay_fraction":
            plan.lowPayFraction = try value.fraction()
        case "thresholds.dispatch_cap":
            plan.dispatchCap = try value.number(in: 0.001...1, example: "0.1")
        default:
            preconditionFailure("\(path) is listed in PlanFile.keys but not read")
        }
    }

    /// "did you mean …" for a misspelt name, else the list of what is known.
    /// A list longer than 24 (the indicators, a category's codes) is left to `listedIn`.
    static func suggestion(
        _ name: String, among known: [String], kind: String, bracketed: Bool = false,
        listedIn: String = "docs/indicators.md"
    ) -> String {
        let shown = known.map { bracketed ? "[\($0)]" : $0 }
        let all =
            known.count > 24
            ? "\(listedIn) lists the \(kind)" : "the \(kind) are \(shown.joined(separator: ", "))"
        // A name far longer than any known one is near none (and the distance costs its length squared).
        guard name.count <= PlanError.maxQuoted else { return all }
        let nearest = known.indices.min { editDistance(name, known[$0]) < editDistance(name, known[$1]) }
        if let nearest, editDistance(name, known[nearest]) <= max(2, name.count / 3) {
            return "did you mean \(shown[nearest])? (\(all))"
        }
        return all
    }

    /// Levenshtein distance between two names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a.lowercased()), Array(b.lowercased()))
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
