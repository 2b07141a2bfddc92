import Foundation

/// An exclusive lock on the output folder (flock on `.lock`), so that two runs never write at once.
///
/// The lock belongs to the open file: the kernel releases it when the process
/// ends, however it ends, so a killed run never leaves a stale lock.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock; waits for it when `wait` is true, otherwise fails at once with `LockError`.
    /// `waiting` is called once, with the lock file's path, when another run holds it and this one waits.
    init(folder: URL, wait: Bool, waiting: (String) -> Void = { _ in }) throws {
        let path = folder.appendingPathComponent(".lock").path
        // Private (0600): flock works on any descriptor, even a read-only one, so whoever can open
        // the file can hold the lock and stop every run. A lock file an older version made 0644 is
        // made private too; a link is never followed.
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw OutputError.failed(creating: path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            info.st_mode & 0o077 == 0 || fchmod(descriptor, 0o600) == 0
        else {
            let reason = (info.st_mode & S_IFMT) == S_IFREG ? FileOutput.lastError() : "not a plain file"
            close(descriptor)
            throw OutputError.cannotCreate(path: path, reason: "cannot make the lock file private (\(reason))")
        }
        var blocking = false
        while flock(descriptor, LOCK_EX | (blocking ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK, wait, !blocking {
                waiting(path)
                blocking = true
                continue
            }
            let failure = errno
            let reason = FileOutput.lastError()
            close(descriptor)
            if failure == EWOULDBLOCK { throw LockError(path: folder.path) }
            throw OutputError.cannotCreate(path: path, reason: reason)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Another run holds the output folder's lock.
public struct LockError: WorkforceError, Equatable {
    public let path: String
    public var exitStatus: ExitStatus { .tempFailure }
    public var description: String {
        "another workforce run is writing to \(path); try again later, or pass --wait to queue behind it"
    }
}
