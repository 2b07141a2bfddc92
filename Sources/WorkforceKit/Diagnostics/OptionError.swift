/// A setting outside what the run can honour: the command line (or the caller) must change it.
public struct OptionError: WorkforceError, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
}
