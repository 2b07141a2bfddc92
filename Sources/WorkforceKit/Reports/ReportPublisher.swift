import Foundation

/// Publishes a run's reports atomically: each run in its own folder, `latest` flipped with one rename.
///
/// Layout of the output folder:
///
///     runs/20261125T085012Z-4242/   one complete run: reports, quarantine/, manifest.json
///     latest -> runs/20261125T085012Z-4242
///     composition.csv -> latest/composition.csv   (stable paths for spreadsheets and scripts)
///     .lock
///
/// The run is written into `runs/.staging-<id>`, flushed, checked, renamed to
/// `runs/<id>`, and `latest` is replaced by a new symbolic link with
/// rename(2), which is atomic: a reader sees the old run or the new one, never
/// a mix, and a file an analyst has open is never overwritten. A run that
/// fails or is killed before the flip leaves the previous run published; its
/// staging folder is removed by the next run. The last `keep` runs are kept.
///
/// Only what the product made is ever replaced or deleted: `latest` and the stable
/// names must be symbolic links (a real folder or file there stops the run with
/// status 73 before anything changes), and pruning deletes run folders only.
final class ReportPublisher {
    let outputs: URL
    let runs: URL
    let runID: String
    let staging: URL
    let keep: Int
    private var published = false

    /// A run's id: its start in UTC to the millisecond and the process id (`20261125T085012.123Z-4242`).
    static func runID(at now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return "\(formatter.string(from: now))-\(getpid())"
    }

    init(outputs path: String, keep: Int, runID: String) throws(OutputError) {
        outputs = URL(fileURLWithPath: path).standardizedFileURL
        runs = outputs.appendingPathComponent("runs")
        self.keep = max(1, keep)
        self.runID = runID
        staging = runs.appendingPathComponent(".staging-\(runID)")
        try FileOutput.makeFolder(runs.path)
    }

    /// Removes staging folders and temporary links that killed runs left behind (call with the lock held).
    func removeAbandonedStaging() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        for name in names where name.hasPrefix(".staging-") {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
        let links = (try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? []
        for name in links where name.wholeMatch(of: /\..+\.[0-9]{8}T[0-9]{6}\.[0-9]{3}Z-[0-9]+\.link/) != nil {
            var info = stat()
            if lstat(path(name), &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { unlink(path(name)) }
        }
    }

    /// Creates the staging folder.
    func begin() throws(OutputError) {
        try FileOutput.makeFolder(staging.path)
    }

    /// The manifest of the run `latest` points to, if any.
    var latestManifest: URL { outputs.appendingPathComponent("latest/manifest.json") }

    /// Moves the staged run into place and points `latest` (and the stable links) at it.
    func publish(entries: [String]) throws(OutputError) {
        for name in entries where !FileManager.default.fileExists(atPath: staging.appendingPathComponent(name).path) {
            throw .cannotWrite(path: staging.appendingPathComponent(name).path, reason: "missing from the staged run")
        }
        let topLevel = Set(entries.map { $0.split(separator: "/").first.map(String.init) ?? $0 })
        // Before anything moves: every name the run will point elsewhere must be a link it made.
        for name in ["latest"] + topLevel.sorted() { try checkReplaceable(name) }
        try FileOutput.syncFolder(staging.path)
        try FileOutput.syncFolder(staging.appendingPathComponent("quarantine").path)
        // Every link the run points anew is made first, under a temporary name: a disk without
        // room (or inodes) for one stops the run here, with the previous run still published.
        // What follows only renames, which takes no new inode.
        var links: [(name: String, temporary: String)] = []
        // However this ends, a temporary link not renamed onto its name is removed (one that was is gone).
        defer { for link in links { unlink(link.temporary) } }
        links.append(("latest", try temporaryLink(named: "latest", target: "runs/\(runID)")))
        for name in topLevel.sorted()
        where (try? FileManager.default.destinationOfSymbolicLink(atPath: path(name))) != "latest/\(name)" {
            links.append((name, try temporaryLink(named: name, target: "latest/\(name)")))
        }
        let final = runs.appendingPathComponent(runID)
        guard rename(staging.path, final.path) == 0 else {
            throw .cannotWrite(path: final.path, reason: FileOutput.lastError())
        }
        try FileOutput.syncFolder(runs.path)
        guard rename(links[0].temporary, path("latest")) == 0 else {
            throw .cannotWrite(path: path("latest"), reason: FileOutput.lastError())
        }
        published = true
        var failure: OutputError?
        for link in links.dropFirst() where rename(link.temporary, path(link.name)) != 0 {
            failure = failure ?? .cannotWrite(path: path(link.name), reason: FileOutput.lastError())
        }
        if let failure { throw failure }
        removeStaleLinks(keeping: topLevel)
        try FileOutput.syncFolder(outputs.path)
        prune()
        // The links now lead to this run: an earlier failure's notices are done with.
        FailureNotice.remove(in: outputs.path)
    }

    /// Removes the stable links of reports this run does not publish (rates.csv once the plan
    /// defines no rate): only links the product made, `name -> latest/name`, are touched.
    private func removeStaleLinks(keeping published: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outputs.path) else { return }
        for name in names where !published.contains(name) && name != "latest" {
            let path = outputs.appendingPathComponent(name).path
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path),
                target == "latest/\(name)"
            else { continue }
            unlink(path)
        }
    }

    /// Throws when `outputs/name` exists and is not a symbolic link: a folder or file the
    /// product did not make there is never replaced or deleted.
    private func checkReplaceable(_ name: String) throws(OutputError) {
        let path = outputs.appendingPathComponent(name).path
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return }
        let kind = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "a file"
        throw .inTheWay(path: path, kind: kind)
    }

    /// The path of `name` in the output folder.
    private func path(_ name: String) -> String { outputs.appendingPathComponent(name).path }

    /// A new symbolic link to `target` beside `outputs/name`, under a temporary name, for a rename onto it.
    private func temporaryLink(named name: String, target: String) throws(OutputError) -> String {
        let temporary = path(".\(name).\(runID).link")
        unlink(temporary)
        guard symlink(target, temporary) == 0 else { throw .failed(creating: temporary) }
        return temporary
    }

    /// Deletes all but the newest `keep` runs (never the published one).
    private func prune() {
        // Only run folders (named by `runID`'s pattern) are the product's to delete.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [])
            .filter { $0.wholeMatch(of: /[0-9]{8}T[0-9]{6}\.[0-9]{3}Z-[0-9]+/) != nil }.sorted()
        for name in names.dropLast(keep) where name != runID {
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(name))
        }
    }

    deinit {
        if !published { try? FileManager.default.removeItem(at: staging) }
    }
}
