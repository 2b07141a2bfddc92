import Crypto
import Foundation

/// SHA-256 of files, for the manifest and `--if-changed`.
public enum Checksum {
    /// Lower-case hex SHA-256 of the file at `path`, read in 1 MiB blocks.
    ///
    /// - Complexity: O(file size), constant memory.
    public static func sha256(path: String) throws(InputError) -> String {
        try sha256(identifying: path, displayName: path).sha256
    }

    /// SHA-256 of the file at `path` with the identity it had (`FileIdentity`), the same before and
    /// after the hash; a file that changes while it is hashed throws `changedDuringRun`.
    static func sha256(identifying path: String, displayName: String) throws(InputError) -> (
        sha256: String, identity: FileIdentity
    ) {
        let descriptor = try RegularFile.open(path, displayName: displayName)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        defer { try? handle.close() }
        guard let before = FileIdentity(descriptor: descriptor) else {
            throw .unreadable(file: displayName, reason: String(cString: strerror(errno)))
        }
        let sha256 = try hash(handle, path: displayName)
        guard FileIdentity(descriptor: descriptor) == before, FileIdentity(path: path) == before else {
            throw .changedDuringRun(file: displayName)
        }
        return (sha256, before)
    }

    /// Lower-case hex SHA-256 of what `handle` reads to its end.
    private static func hash(_ handle: FileHandle, path: String) throws(InputError) -> String {
        var hasher = SHA256()
        while true {
            let block: Data
            do {
                guard let next = try handle.read(upToCount: 1 << 20), !next.isEmpty else { break }
                block = next
            } catch {
                throw .unreadable(file: path, reason: "\(error)")
            }
            hasher.update(data: block)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
