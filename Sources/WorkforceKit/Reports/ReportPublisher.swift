import Foundation

/// Writes a run's reports into a private staging folder, then moves them into place together.
///
/// Each report is renamed into the output folder only after every report has
/// been written and flushed, so a reader never sees a half-written file and a
/// run that fails before publishing leaves the previous reports untouched.
final class ReportPublisher {
    let outputs: URL
    let staging: URL
    private var published = false

    init(outputs path: String) throws(OutputError) {
        outputs = URL(fileURLWithPath: path).standardizedFileURL
        try FileOutput.makeFolder(outputs.path)
        let name = ".staging-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        staging = outputs.appendingPathComponent(name)
        try FileOutput.makeFolder(staging.path)
    }

    /// Moves every staged file into the output folder, replacing the previous run's.
    func publish() throws(OutputError) {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: staging.path) else {
            throw .cannotWrite(path: staging.path, reason: "cannot list the staging folder")
        }
        var files: [String] = []
        for case let relative as String in walker {
            var isFolder: ObjCBool = false
            let path = staging.appendingPathComponent(relative).path
            if manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue { files.append(relative) }
        }
        FileOutput.syncFolder(staging.path)
        // manifest.json last: its presence with a new date says the set is complete.
        files.sort { ($0 == "manifest.json" ? 1 : 0, $0) < ($1 == "manifest.json" ? 1 : 0, $1) }
        for relative in files {
            let target = outputs.appendingPathComponent(relative)
            try FileOutput.makeFolder(target.deletingLastPathComponent().path)
            if rename(staging.appendingPathComponent(relative).path, target.path) != 0 {
                throw .cannotWrite(path: target.path, reason: FileOutput.lastError())
            }
        }
        FileOutput.syncFolder(outputs.path)
        published = true
        try? manager.removeItem(at: staging)
    }

    deinit {
        if !published { try? FileManager.default.removeItem(at: staging) }
    }
}
