import Foundation

/// A plan's `when` in the analysts' words, read into a `RowPredicate` with its meaning in
/// English and Chinese: yes/no columns, comparisons of numbers, categories and their codes
/// (`district = "徐汇区"`, `education >= 5`, `industry in ["C", "G"]`), joined by `and`, `or`,
/// `not` and parentheses (`not` binds tightest, then `and`, then `or`).
struct PlanCondition {
    let predicate: RowPredicate
    /// The condition with the columns' and codes' names, in each language.
    let english: String
    let chinese: String

    /// Longest condition read: a condition is a line of a plan, not a program.
    static let maxBytes = 1_000
    /// Most columns a condition names.
    static let maxTerms = 20

    /// Reads `text`; `place` (the key's line) and `what` (what the condition is for) word the errors.
    init(
        _ text: String, at place: PlanValue, what: String, fields: [CrossField], extras: inout ExtraColumns
    ) throws(PlanError) {
        guard text.utf8.count <= Self.maxBytes else {
            throw place.error("is longer than \(Self.maxBytes) bytes", "write a shorter condition")
        }
        var parser = Parser(
            text: text, tokens: try Self.tokens(text, place: place), place: place, what: what, fields: fields,
            extras: extras)
        let (predicate, english, chinese) = try parser.expression()
        if parser.position < parser.tokens.count {
            throw parser.unexpected("after a whole condition")
        }
        extras = parser.extras
        self.predicate = predicate
        self.english = english
        self.chinese = chinese
    }

    /// A token of a condition.
    enum Token: Equatable {
        case name(String)
        case number(Double, String)
        case text(String)
        case comparison(String)
        case open, close, openList, closeList, comma

        var shown: String {
            switch self {
            case .name(let name): name
            case .number(_, let written): written
            case .text(let text): "\"\(text)\""
            case .comparison(let op): op
            case .open: "("
            case .close: ")"
            case .openList: "["
            case .closeList: "]"
            case .comma: ","
            }
        }
    }

    static func tokens(_ text: String, place: PlanValue) throws(PlanError) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest.removeFirst()
                continue
            }
            if let single = ["(": Token.open, ")": .close, "[": .openList, "]": .closeList, ",": .comma][String(first)] {
                tokens.append(single)
                rest.removeFirst()
                continue
            }
            if "<>=!".contains(first) {
                let two = String(rest.prefix(2))
                let op = ["<=", ">=", "==", "!="].contains(two) ? two : String(first)
                guard op != "!" else { throw place.error("holds a lone !", "write != for \"is not\", or not before a condition") }
                tokens.append(.comparison(op == "==" ? "=" : op))
                rest.removeFirst(op.count)
                continue
            }
            if first == "\"" || first == "'" || first == "“" {
                let closing: Character = first == "“" ? "”" : first
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: closing) else {
                    throw place.error("has a quote that is not closed", "close it: district = \"徐汇区\"")
                }
                tokens.append(.text(String(body[..<end])))
                rest = body[body.index(after: end)...]
                continue
            }
            let word = rest.prefix { !$0.isWhitespace && !"()[],<>=!\"'“".contains($0) }
            rest.removeFirst(word.count)
            if let number = Array(word.utf8).withUnsafeBufferPointer(NumberParsing.decimal) {
                tokens.append(.number(number, String(word)))
            } else {
                tokens.append(.name(String(word)))
            }
        }
        guard !tokens.isEmpty else { throw place.error("is empty", "e.g. when = \"union_member and age >= 45\"") }
        return tokens
    }

    /// A recursive-descent reader of the tokens.
    struct Parser {
        let text: String
        let tokens: [Token]
        var position = 0
        let place: PlanValue
        let what: String
        let fields: [CrossField]
        var extras: ExtraColumns
        var terms = 0

        typealias Read = (RowPredicate, String, String)

        init(
            text: String, tokens: [Token], place: PlanValue, what: String, fields: [CrossField], extras: ExtraColumns
        ) {
            self.text = text
            self.tokens = tokens
            self.place = place
            self.what = what
            self.fields = fields
            self.extras = extras
        }

        var next: Token? { position < tokens.count ? tokens[position] : nil }

        func keyword(_ word: String) -> Bool {
            if case .name(let name) = next { return name.lowercased() == word }
            return false
        }

        func unexpected(_ context: String) -> PlanError {
            let found = next.map { "`\(PlanError.shown($0.shown))`" } ?? "the end"
            return place.error(
                "= \(PlanError.quoted(text)) is not a condition \(what): "
                    + "\(found) \(context)",
                "write conditions such as union_member, age >= 45, district = \"徐汇\", industry in [\"C\", \"G\"], "
                    + "joined by and, or, not and parentheses (docs/plan.md)")
        }

        mutating func expression() throws(PlanError) -> Read {
            var (predicate, english, chinese) = try conjunction()
            while keyword("or") {
                position += 1
                let (other, otherEnglish, otherChinese) = try conjunction()
                predicate = .or(predicate, other)
                english += " or " + otherEnglish
                chinese += "或" + otherChinese
            }
            return (predicate, english, chinese)
        }

        mutating func conjunction() throws(PlanError) -> Read {
            var (predicate, english, chinese) = try grouped(try negation())
            while keyword("and") {
                position += 1
                let (other, otherEnglish, otherChinese) = try grouped(try negation())
                predicate = .and(predicate, other)
                english += " and " + otherEnglish
                chinese += "且" + otherChinese
            }
            return (predicate, english, chinese)
        }

        /// An `or` inside an `and` or a `not` keeps its parentheses in words.
        func grouped(_ read: Read) -> Read {
            if case .or = read.0 { return (read.0, "(\(read.1))", "（\(read.2)）") }
            return read
        }

        mutating func negation() throws(PlanError) -> Read {
            if keyword("not") {
                position += 1
                let (inner, english, chinese) = grouped(try negation())
                if case .and = inner { return (.not(inner), "not (\(english))", "非（\(chinese)）") }
                return (.not(inner), "not " + english, "非" + chinese)
            }
            return try atom()
        }

        mutating func atom() throws(PlanError) -> Read {
            if next == .open {
                position += 1
                let read = try expression()
                guard next == .close else { throw unexpected("where a closing ) should be") }
                position += 1
                return read
            }
            guard case .name(let name) = next, !["and", "or", "not", "in"].contains(name.lowercased()) else {
                throw unexpected("where a column's name should be")
            }
            position += 1
            terms += 1
            guard terms <= PlanCondition.maxTerms else {
                throw place.error(
                    "names more than \(PlanCondition.maxTerms) columns", "split it into several rates or scopes")
            }
            let names = columnNames(name)
            guard knownColumns.contains(name) else {
                throw place.error(
                    "= \(PlanError.quoted(text)) is not a condition \(what): `\(PlanError.shown(name))` is not a column it can test",
                    PlanFile.suggestion(name, among: knownColumns, kind: "columns", listedIn: "docs/plan.md")
                        + "; a column of the survey's own is declared first, as [columns.<name>] (docs/plan.md)")
            }
            // A yes/no column alone.
            if let flag = RateIndicator.FlagColumn(rawValue: name), !isComparisonNext {
                return (.flag(bit: flag.bit, known: flag.knownBit), names.english, names.chinese)
            }
            if isDeclared(name, kind: .flag), !isComparisonNext, let column = extras.numeric(named: name) {
                return (.compare(column, .atLeast, 1), names.english, names.chinese)
            }
            if keyword("in") {
                position += 1
                return try membership(name, names)
            }
            guard case .comparison(let op) = next else {
                throw unexpected(
                    "after `\(PlanError.shown(name))`, where a comparison (<, <=, >, >=, =, !=) or in [...] should be")
            }
            position += 1
            guard let value = next, [Token.number(0, ""), .text("")].contains(where: { $0.sameKind(as: value) }) else {
                throw unexpected("where a number or a code in quotes should be")
            }
            position += 1
            if let field = category(name) {
                let allowed = try codes(field, op, value, name: name)
                return (.category(field, allowed: allowed), words(field, allowed, names, english: true),
                    words(field, allowed, names, english: false))
            }
            if isNumber(name), case .number(let threshold, let written) = value, let column = extras.numeric(named: name) {
                let english = "\(names.english) \(op) \(written)", chinese = "\(names.chinese) \(op) \(written)"
                switch op {
                case "=": return (.and(.compare(column, .atLeast, threshold), .compare(column, .atMost, threshold)), english, chinese)
                case "!=":
                    return (.not(.and(.compare(column, .atLeast, threshold), .compare(column, .atMost, threshold))), english, chinese)
                default: return (.compare(column, Comparison(rawValue: op)!, threshold), english, chinese)
                }
            }
            throw place.error(
                "= \(PlanError.quoted(text)) is not a condition \(what): "
                    + "`\(PlanError.shown(name))` \(isNumber(name) ? "is a number, compared with a number" : "is not a column it can test")",
                PlanFile.suggestion(name, among: knownColumns, kind: "columns", listedIn: "docs/plan.md"))
        }

        var isComparisonNext: Bool {
            if case .comparison = next { return true }
            return keyword("in")
        }

        /// `name in [v, …]`: any of the codes.
        mutating func membership(_ name: String, _ names: (english: String, chinese: String)) throws(PlanError) -> Read {
            guard let field = category(name) else {
                throw place.error(
                    "= \(PlanError.quoted(text)): `\(PlanError.shown(name))` is not a category, so in [...] does not apply",
                    "in [...] lists codes of a category column: \(fields.map(\.name).joined(separator: ", "))")
            }
            guard next == .openList else { throw unexpected("after in, where [ should be") }
            position += 1
            var allowed = [Bool](repeating: false, count: field.cardinality)
            while true {
                guard let value = next, value.sameKind(as: .text("")) || value.sameKind(as: .number(0, "")) else {
                    throw unexpected("where a code should be")
                }
                position += 1
                for (code, yes) in try codes(field, "=", value, name: name).enumerated() where yes { allowed[code] = true }
                if next == .comma {
                    position += 1
                    continue
                }
                guard next == .closeList else { throw unexpected("where , or ] should be") }
                position += 1
                break
            }
            return (.category(field, allowed: allowed), words(field, allowed, names, english: true),
                words(field, allowed, names, english: false))
        }

        /// The codes of `field` that `op value` selects: a code by its code, English or Chinese
        /// name; ordered comparisons by the code's number (education 1–5, skill level 0–5 …).
        func codes(_ field: CrossField, _ op: String, _ value: Token, name: String) throws(PlanError) -> [Bool] {
            let count = field.cardinality
            let given = categoryCodes(field)
            let written: String
            switch value {
            case .number(_, let text): written = text
            case .text(let text): written = text.trimmingCharacters(in: .whitespaces)
            default: written = ""
            }
            if op == "=" || op == "!=" {
                let matches = given.filter { code in
                    [field.label(code), field.name(code, english: true), field.name(code, english: false)].contains {
                        $0.compare(written, options: .caseInsensitive) == .orderedSame
                    }
                }
                guard !matches.isEmpty else {
                    throw place.error(
                        "= \(PlanError.quoted(text)): \(PlanError.quoted(written)) is not a code of \(name)",
                        PlanFile.suggestion(written, among: given.map(field.label), kind: "codes of \(name)"))
                }
                var allowed = [Bool](repeating: op == "!=", count: count)
                for code in matches { allowed[code] = op == "=" }
                if op == "!=", case .category(_, _, let codes) = field { allowed[codes.codes.count] = false }
                return allowed
            }
            guard let threshold = Double(written), let comparison = Comparison(rawValue: op) else {
                throw place.error(
                    "= \(PlanError.quoted(text)): \(name) \(op) needs a number",
                    "compare a coded category with a number, e.g. education >= 5")
            }
            var allowed = [Bool](repeating: false, count: count)
            var numbered = false
            for code in given {
                guard let number = Double(field.label(code)) else { continue }
                numbered = true
                allowed[code] = comparison.holds(number, threshold)
            }
            guard numbered else {
                throw place.error(
                    "= \(PlanError.quoted(text)): the codes of \(name) are not numbers, so \(op) does not apply",
                    "name its codes with = or in [...]: \(given.map(field.label).joined(separator: ", "))")
            }
            return allowed
        }

        /// The codes a condition may name (a declared category's "not given" is none of them).
        func categoryCodes(_ field: CrossField) -> [Int] {
            if case .category(_, _, let codes) = field { return Array(0..<codes.codes.count) }
            return Array(0..<field.cardinality)
        }

        func words(_ field: CrossField, _ allowed: [Bool], _ names: (english: String, chinese: String), english: Bool)
            -> String
        {
            let codes = allowed.indices.filter { allowed[$0] }.map { field.name($0, english: english) }
            let column = english ? names.english : names.chinese
            if codes.count == 1 { return "\(column) = \(codes[0])" }
            return english ? "\(column) in {\(codes.joined(separator: ", "))}" : "\(column)属于{\(codes.joined(separator: "、"))}"
        }

        func category(_ name: String) -> CrossField? {
            fields.first { $0.name == name }
        }

        func isDeclared(_ name: String, kind: DeclaredColumn.Kind) -> Bool {
            extras.declared.contains { $0.name == name && $0.kind == kind }
        }

        func isNumber(_ name: String) -> Bool {
            ExtraColumns.contractNumbers.contains(name)
                || extras.declared.contains { if case .number = $0.kind { $0.name == name } else { false } }
        }

        var knownColumns: [String] {
            RateIndicator.FlagColumn.allCases.map(\.rawValue) + ExtraColumns.contractNumbers + fields.map(\.name)
                + extras.declared.filter { $0.kind == .flag }.map(\.name)
        }

        /// A column's names in the two languages: the contract's headers, or the declared names.
        func columnNames(_ name: String) -> (english: String, chinese: String) {
            if let declared = extras.declared.first(where: { $0.name == name }) {
                return (declared.label.english, declared.label.chinese)
            }
            if let spec = TableSchemas.workers.first(where: { $0.name == name }) { return (name, spec.chinese) }
            return (name, name)
        }
    }
}

extension PlanCondition.Token {
    /// Whether both are numbers or both texts.
    func sameKind(as other: PlanCondition.Token) -> Bool {
        switch (self, other) {
        case (.number, .number), (.text, .text): true
        default: false
        }
    }
}
