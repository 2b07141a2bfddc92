import Crypto
import Foundation

/// SHA-256 of files, for the manifest and `--if-changed`.
public enum Checksum {
    /// Lower-case hex SHA-256 of the file at `path`, read in 1 MiB blocks.
    ///
    /// - Complexity: O(file size), constant memory.
    public static func sha256(path: String) throws(InputError) -> String {
        let handle = FileHandle(fileDescriptor: try RegularFile.open(path, displayName: path), closeOnDealloc: false)
        defer { try? handle.close() }
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
