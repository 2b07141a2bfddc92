import Foundation
import WorkforceKit

/// The files `generate` wrote into a folder, with their SHA-256, so that it only ever overwrites its own.
///
/// Kept as `.workforce-generated` beside the tables: a heading line, then one `sha256  name`
/// line per file. A planned file that exists is replaced only when this record lists it with
/// its current checksum: a real survey file, or a generated one an analyst has edited, is
/// refused (`GenerationRefused`) unless the caller forces it. The record itself is replaced
/// only when it is one: a file of that name in any other form is the user's, and refused too.
struct GeneratedFilesRecord {
    static let fileName = ".workforce-generated"
    /// The record's first line.
    static let heading = "# files written by workforce generate (sha256  name); it replaces only these"
    /// Checksum of each file the last generation wrote, by name.
    private(set) var checksums: [String: String] = [:]
    /// Whether a file named `fileName` exists that is not a record (not a plain file, or another text).
    private(set) var isForeign = false

    /// Reads the record in `folder`; empty when there is none.
    init(folder: URL) {
        let path = folder.appendingPathComponent(Self.fileName).path
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 1 << 20,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            isForeign = true
            return
        }
        for (index, line) in text.split(separator: "\n").enumerated() {
            if index == 0, line == Self.heading { continue }
            // One `sha256  name` line (records of earlier versions have no heading).
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                isForeign = true
                checksums = [:]
                return
            }
            checksums[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
    }

    /// The names among `planned` that exist in `folder` but are not this record's unchanged files.
    func foreignFiles(_ planned: [String], in folder: URL) -> [String] {
        (isForeign ? [Self.fileName] : [])
            + planned.filter { name in
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { return false }
            guard (info.st_mode & S_IFMT) == S_IFREG, let recorded = checksums[name] else { return true }
            return (try? Checksum.sha256(path: path)) != recorded
        }
    }

    /// Records `urls` (just written) as the folder's generated files.
    static func write(_ urls: [URL], in folder: URL) throws {
        var lines = heading + "\n"
        for url in urls {
            lines += "\(try Checksum.sha256(path: url.path))  \(url.lastPathComponent)\n"
        }
        try Data(lines.utf8).write(to: folder.appendingPathComponent(fileName), options: .atomic)
    }
}

/// `generate` would overwrite files it did not write.
public struct GenerationRefused: WorkforceError, Equatable {
    public let folder: String
    public let files: [String]

    public var exitStatus: ExitStatus { .cannotCreate }
    public var description: String {
        "refusing to overwrite \(files.joined(separator: ", ")) in \(folder): they were not written by "
            + "`workforce generate` (or were changed since). Pass --out DIR to write elsewhere, or --force to overwrite them"
    }
}
