import Foundation
import TOMLKit

/// One value of a plan file with its key and line, read as the type its key needs.
struct PlanValue {
    let value: TOMLValueConvertible
    /// `section.key`.
    let key: String
    let file: String
    let line: Int?

    func error(_ problem: String, _ fix: String) -> PlanError {
        PlanError(file: file, line: line, message: "\(key) \(problem)", fix: fix)
    }

    /// A whole number in `range`.
    func integer(in range: ClosedRange<Int>, example: String) throws(PlanError) -> Int {
        guard let number = value.int else {
            throw error("must be a whole number", "write it without quotes or decimals, e.g. \(example)")
        }
        guard range.contains(number) else {
            throw error("= \(number) is outside \(range.lowerBound)–\(range.upperBound)", "e.g. \(example)")
        }
        return number
    }

    /// A number (whole or decimal) in `range`.
    func number(in range: ClosedRange<Double>, example: String) throws(PlanError) -> Double {
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error("must be a number", "write it without quotes, e.g. \(example)")
        }
        guard range.contains(number) else {
            throw error(
                "= \(number) is outside \(range.lowerBound)–\(range.upperBound)", "e.g. \(example)")
        }
        return number
    }

    /// One of `choices`, given as its name (a quoted word).
    func choice<Choice: RawRepresentable<String> & CaseIterable>(_ choices: Choice.AllCases) throws(PlanError) -> Choice
    {
        let list = choices.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard let word = value.string else { throw error("must be a quoted word", "one of \(list)") }
        guard let choice = Choice(rawValue: word) else {
            throw error("= \(PlanError.quoted(word)) is not known", "one of \(list)")
        }
        return choice
    }

    /// A fraction of the median above 0 and at most 1: "2/3" (whole numbers) or a number such as 0.6.
    func fraction() throws(PlanError) -> LowPayFraction {
        let fix = "a fraction in quotes such as \"2/3\", or a number above 0 and at most 1 such as 0.6"
        if let number = value.double ?? value.int.map(Double.init) {
            guard number > 0, number <= 1 else { throw error("= \(number) is not above 0 and at most 1", fix) }
            return LowPayFraction(numerator: number, denominator: 1, text: FieldReader.plain(number))
        }
        let parts = value.string?.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        guard parts.count == 2, let numerator = Int(parts[0]), let denominator = Int(parts[1]), numerator > 0,
            numerator <= denominator
        else { throw error("is not a fraction of the median", fix) }
        return LowPayFraction(
            numerator: Double(numerator), denominator: Double(denominator), text: "\(numerator)/\(denominator)")
    }

    /// `{ en = "…", zh = "…" }` for indicator `code`, which a report must publish.
    func indicatorLabel(code: String) throws(PlanError) -> IndicatorLabel {
        guard IndicatorCatalog.entry(code) != nil else {
            throw PlanError(
                file: file, line: line, message: "indicator_labels.\(code): no report publishes an indicator `\(code)`",
                fix: PlanFile.suggestion(code, among: IndicatorCatalog.codes, kind: "indicators"))
        }
        return try label()
    }

    /// `{ en = "…", zh = "…" }`: a name in both languages.
    func label() throws(PlanError) -> IndicatorLabel {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        let fix = "write it as \(name) = { en = \"English name\", zh = \"中文名称\" }"
        guard let table = value.table else { throw error("must give both names", fix) }
        for key in table.keys where !["en", "zh"].contains(key) {
            throw error("has `\(key)`, which is not en or zh", fix)
        }
        guard let english = table["en"]?.string, !english.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("lacks its English name (en)", fix)
        }
        guard let chinese = table["zh"]?.string, !chinese.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("lacks its Chinese name (zh)", fix)
        }
        return IndicatorLabel(english: english, chinese: chinese)
    }

    /// A list of quantiles: whole percents as fractions, ascending, holding `requiring` (the
    /// wage quantiles: 0.1, 0.5 and 0.9).
    func quantiles(requiring: [Double] = WageQuantiles.required) throws(PlanError) -> WageQuantiles {
        let fix =
            requiring.isEmpty
            ? "a list of fractions in whole percents, ascending, e.g. [0.25, 0.5, 0.75]"
            : "a list of fractions in whole percents, ascending, with 0.1, 0.5 and 0.9, e.g. [0.05, 0.1, 0.5, 0.9, 0.95]"
        guard let array = value.array else { throw error("must be a list", fix) }
        var probabilities: [Double] = []
        for item in array {
            guard let number = item.double ?? item.int.map(Double.init) else {
                throw error("holds \(PlanError.shown(item)), not a number", fix)
            }
            probabilities.append(number)
        }
        switch WageQuantiles.make(probabilities, requiring: requiring) {
        case .success(let list): return list
        case .failure(.notAPercent(let p)): throw error("holds \(p), not a whole percent between 0.01 and 0.99", fix)
        case .failure(.notAscending(let a, let b)): throw error("lists \(b) after \(a): not ascending", fix)
        case .failure(.missing(let p)): throw error("lacks \(p) (the decile ratios and medians need it)", fix)
        case .failure(.empty): throw error("is empty", fix)
        }
    }

    /// A list of header spellings: non-empty words in quotes.
    func aliases() throws(PlanError) -> [String] {
        let fix = "a list of header names in quotes, e.g. [\"工资总额\", \"wage_total\"]"
        guard let array = value.array else { throw error("must be a list", fix) }
        var names: [String] = []
        for item in array {
            guard let name = item.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error("holds \(PlanError.shown(item)), not a header name", fix)
            }
            names.append(name)
        }
        guard !names.isEmpty else { throw error("is empty", fix) }
        return names
    }

    /// A list of GB/T 4754-2017 section letters, e.g. ["B", "C"].
    func industries() throws(PlanError) -> Set<UInt8> {
        let fix = "a list of section letters A–T in quotes, e.g. [\"B\", \"C\", \"D\"]"
        guard let array = value.array else { throw error("must be a list", fix) }
        var codes: Set<UInt8> = []
        for item in array {
            guard let letter = item.string, letter.utf8.count == 1, let byte = letter.utf8.first,
                let code = Industry.code(ofASCII: byte)
            else {
                throw error(
                    "holds \(item.string.map { PlanError.quoted($0) } ?? PlanError.shown(item)), not a section letter",
                    fix)
            }
            guard codes.insert(code).inserted else { throw error("lists \"\(letter.uppercased())\" twice", fix) }
        }
        guard !codes.isEmpty else { throw error("is empty", fix) }
        return codes
    }

    /// The reports to publish: a non-empty list of report names, none twice.
    func reportChoice() throws(PlanError) -> ReportChoice {
        let fix =
            "a list of reports, e.g. [\"composition\", \"wages\"]: \(ReportChoice.reports.joined(separator: ", "))"
        guard let array = value.array else { throw error("must be a list", fix) }
        var names: Set<String> = []
        for item in array {
            guard let name = item.string else {
                throw error("holds \(PlanError.shown(item)), not a report name in quotes", fix)
            }
            guard ReportChoice.reports.contains(name) else {
                throw error(
                    "holds \(PlanError.quoted(name)), which is not a report",
                    PlanFile.suggestion(name, among: ReportChoice.reports, kind: "reports"))
            }
            guard names.insert(name).inserted else { throw error("lists \(PlanError.quoted(name)) twice", fix) }
        }
        guard !names.isEmpty else { throw error("is empty", "leave the key out to publish every report") }
        return ReportChoice(names: names)
    }
}
