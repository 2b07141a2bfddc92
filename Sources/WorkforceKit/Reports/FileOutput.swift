import Foundation

/// Durable file writes with errors that name the file: write, fsync, close.
enum FileOutput {
    /// Writes `bytes` to a new file at `path` and flushes it to disk.
    static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .failed(creating: path) }
        var failure: OutputError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .cannotWrite(path: path, reason: lastError())
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = .cannotWrite(path: path, reason: lastError()) }
        if close(descriptor) != 0, failure == nil { failure = .cannotWrite(path: path, reason: lastError()) }
        if let failure { throw failure }
    }

    /// Creates `path` and its parents (mode 755 less the umask), naming the part that stands in the way.
    static func makeFolder(_ path: String) throws(OutputError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            var info = stat()
            if stat(prefix, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    let kind = (info.st_mode & S_IFMT) == S_IFREG ? "a file" : RegularFile.kindName(info.st_mode)
                    throw .cannotCreate(
                        path: path, reason: "\(prefix) is \(kind), not a folder; move it or choose another folder")
                }
                continue
            }
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw .failed(creating: prefix) }
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk; a failure (EIO on a dying disk)
    /// means the publication may not survive a crash, so it stops the run (status 74).
    static func syncFolder(_ path: String) throws(OutputError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: path, reason: "cannot open the folder to flush it: \(lastError())")
        }
        defer { close(descriptor) }
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw .cannotWrite(path: path, reason: "flushing the folder to disk failed: \(lastError())")
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
