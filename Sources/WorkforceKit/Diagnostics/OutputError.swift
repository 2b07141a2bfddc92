import Foundation

/// Why reports could not be written; the previously published reports stay as they were.
public enum OutputError: WorkforceError, Equatable {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case inTheWay(path: String, kind: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .cannotCreate, .inTheWay: .cannotCreate
        case .cannotWrite: .ioError
        }
    }

    /// The error of a create (file, folder, link) that just failed, from `errno`: a full disk or
    /// quota, or a failing device, is a write error (74); anything else, a create error (73).
    static func failed(creating path: String) -> OutputError {
        let reason = FileOutput.lastError()
        switch errno {
        case ENOSPC, EDQUOT, EIO, EFBIG: return .cannotWrite(path: path, reason: reason)
        default: return .cannotCreate(path: path, reason: reason)
        }
    }

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "cannot create \(path) (\(reason)); check the output folder exists and is writable"
        case .cannotWrite(let path, let reason):
            "cannot write \(path) (\(reason)); check free disk space and permissions"
        case .inTheWay(let path, let kind):
            "\(path) is \(kind) the product did not make; the run publishes a link there and never deletes "
                + "what it did not create. Move it elsewhere (or choose another --outputs) and run again"
        }
    }
}

/// An invariant of the pipeline failed: a bug, not a data problem.
public struct InternalError: WorkforceError {
    public let message: String
    public var exitStatus: ExitStatus { .software }
    public var description: String { "internal error: \(message); please report it with the inputs that caused it" }
}
