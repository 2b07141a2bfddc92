/// A plan file that cannot be used: where (file, line), what is wrong, and the fix.
public struct PlanError: WorkforceError, Equatable {
    public let file: String
    /// 1-based line of the key or section at fault; nil when the whole file is.
    public let line: Int?
    public let message: String
    public let fix: String

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        let place = line.map { "\(file) line \($0)" } ?? file
        return "\(place): \(message); \(fix)"
    }
}
