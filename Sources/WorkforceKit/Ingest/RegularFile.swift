import Foundation

/// Opens an input for reading only if it is a plain file, without ever blocking.
///
/// `open(2)` on a FIFO waits for a writer, forever if none comes, while the run holds
/// the output folder's lock; a device or socket is no survey either. Opening with
/// O_NONBLOCK returns at once whatever the file is, and `fstat` on the open descriptor
/// (not on the path, which may be swapped meanwhile) decides.
enum RegularFile {
    /// A read-only descriptor of the plain file at `path` (the caller closes it).
    static func open(_ path: String, displayName: String) throws(InputError) -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(file: displayName, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unreadable(file: displayName, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .notRegularFile(file: displayName, kind: kindName(info.st_mode))
        }
        // Reads of a plain file never block; clear the flag so nothing downstream sees EAGAIN.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
    }

    /// An input opened by `open`, held open while it is read; its descriptor is closed on release.
    ///
    /// A reader that must open the file itself (ZIPFoundation opens workbooks by path) opens
    /// `reopenPath`, which names this descriptor's file: a FIFO or another file swapped in at the
    /// input's path after the check is never what it reads.
    final class OpenInput {
        let descriptor: Int32
        /// Size and modification time when opened.
        let identity: FileIdentity

        init(path: String, displayName: String) throws(InputError) {
            descriptor = try RegularFile.open(path, displayName: displayName)
            guard let identity = FileIdentity(descriptor: descriptor) else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .unreadable(file: displayName, reason: reason)
            }
            self.identity = identity
        }

        deinit { close(descriptor) }

        /// A path that opens this descriptor's file, whatever is at the input's path now.
        var reopenPath: String {
            #if os(Linux)
                "/proc/self/fd/\(descriptor)"
            #else
                "/dev/fd/\(descriptor)"
            #endif
        }

        /// Up to `count` bytes from `offset` (fewer at the end of the file).
        func read(_ count: Int, at offset: Int = 0) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return Array(bytes.prefix(max(0, got)))
        }
    }

    /// What a file that is not plain is, in words (from its `st_mode`).
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
