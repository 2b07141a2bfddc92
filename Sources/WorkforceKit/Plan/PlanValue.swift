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
        guard let choice = Choice(rawValue: word) else { throw error("= \"\(word)\" is not known", "one of \(list)") }
        return choice
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
                throw error("holds \(item.string.map { "\"\($0)\"" } ?? "\(item)"), not a section letter", fix)
            }
            guard codes.insert(code).inserted else { throw error("lists \"\(letter.uppercased())\" twice", fix) }
        }
        guard !codes.isEmpty else { throw error("is empty", fix) }
        return codes
    }
}
