/// Process exit statuses, following BSD sysexits(3) so that schedulers can tell failures apart.
public enum ExitStatus: Int32, Sendable {
    /// Everything ran and the inputs were clean.
    case ok = 0
    /// The run finished but some rows were quarantined (`validate` only).
    case rowsQuarantined = 1
    /// EX_USAGE: the command line is wrong.
    case usage = 64
    /// EX_DATAERR: an input cannot be used at all.
    case dataError = 65
    /// EX_NOINPUT: an input folder or file is missing or unreadable.
    case noInput = 66
    /// EX_SOFTWARE: an internal invariant failed (a bug: please report it).
    case software = 70
    /// EX_CANTCREAT: an output cannot be created.
    case cannotCreate = 73
    /// EX_IOERR: an output could not be written.
    case ioError = 74
    /// EX_TEMPFAIL: another run holds the lock; retry later.
    case tempFailure = 75
}

/// An error that stops the run, with the exit status it maps to and a message that says what to do.
public protocol WorkforceError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}
