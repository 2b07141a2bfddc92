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
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotCreate(path: path, reason: FileOutput.lastError()) }
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
