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
