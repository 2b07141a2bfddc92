/// A plan file that cannot be used: where (file, line), what is wrong, and the fix.
public struct PlanError: WorkforceError, Equatable {
    public let file: String
    /// 1-based line of the key or section at fault; nil when the whole file is.
    public let line: Int?
    public let message: String
    public let fix: String
    /// 65 for a plan that cannot be used; 66 for one that cannot be read at all.
    public let exitStatus: ExitStatus

    public init(file: String, line: Int?, message: String, fix: String, exitStatus: ExitStatus = .dataError) {
        self.file = file
        self.line = line
        self.message = message
        self.fix = fix
        self.exitStatus = exitStatus
    }

    public var description: String {
        let place = line.map { "\(file) line \($0)" } ?? file
        return "\(place): \(message); \(fix)"
    }
}

extension PlanError {
    /// Most characters of the plan's own text a message quotes.
    static let maxQuoted = 40

    /// `text` as a message quotes it, in double quotes: at most `maxQuoted` characters (then
    /// "…"), control characters escaped (`PrintableText`), so that no value can flood or forge a log line.
    static func quoted(_ text: String, limit: Int = maxQuoted) -> String {
        "\"\(shown(text, limit: limit))\""
    }

    /// A value of the plan as a message shows it: as `quoted`, without the quotes.
    static func shown(_ value: Any, limit: Int = maxQuoted) -> String {
        let text = value as? String ?? String(describing: value)
        let cut = text.prefix(limit + 1).count > limit ? text.prefix(limit) + "…" : text
        return PrintableText.escaped(String(cut))
    }
}
