import Foundation

/// What the last attempt did, written to `OUTPUTS/status.json` after every attempt — published,
/// nothing to do, or failed — so that whoever looks at the outputs sees a failed night, not
/// only yesterday's reports. Written atomically (a temporary file renamed over the old one).
public struct RunStatus: Codable, Sendable, Equatable {
    public var runID: String
    public var started: String
    public var finished: String?
    /// "running" (written as the attempt starts: left so by a killed attempt), then "published",
    /// "nothing to do" or "failed".
    public var outcome: String
    public var exitStatus: Int32
    /// What the exit status means, in words.
    public var meaning: String
    /// The error that ended the attempt (nil when it did not fail).
    public var message: String?
    public var rowsRead: Int?
    public var rowsAccepted: Int?
    public var rowsQuarantined: Int?
    /// The run the published reports come from after this attempt (`latest`), if any.
    public var publishedRun: String?
    /// What became of the run in history.sqlite: "appended", "not written: <reason>", or nil.
    public var history: String?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", started, finished, outcome, exitStatus = "exit_status", meaning, message
        case rowsRead = "rows_read", rowsAccepted = "rows_accepted", rowsQuarantined = "rows_quarantined"
        case publishedRun = "published_run", history
    }

    public static let fileName = "status.json"

    init(runID: String, started: Date) {
        self.runID = runID
        self.started = RunHistory.timestamp(started)
        outcome = "failed"
        exitStatus = ExitStatus.software.rawValue
        meaning = ""
    }

    /// The words for an exit status.
    static func meaning(_ status: ExitStatus) -> String {
        switch status {
        case .ok: "success"
        case .rowsQuarantined: "finished; some rows were quarantined"
        case .usage: "the command line is wrong (64)"
        case .dataError: "an input cannot be used (65)"
        case .noInput: "an input is missing or unreadable (66)"
        case .software: "internal error (70)"
        case .cannotCreate: "an output cannot be created (73)"
        case .ioError: "an output could not be written (74)"
        case .tempFailure: "another run holds the lock (75)"
        }
    }

    /// The run `latest` points to in `folder`, if any.
    static func publishedRun(in folder: String) -> String? {
        let link = URL(fileURLWithPath: folder).appendingPathComponent("latest").path
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: link)).map {
            URL(fileURLWithPath: $0).lastPathComponent
        }
    }

    /// Writes the status into `folder` (when it exists), atomically; a failure to write it is returned, not thrown.
    @discardableResult
    func write(into folder: String) -> OutputError? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return nil }
        let target = URL(fileURLWithPath: folder).appendingPathComponent(Self.fileName).path
        let temporary = target + ".\(getpid()).tmp"
        do throws(OutputError) {
            try FileOutput.write(Array(data) + [0x0A], to: temporary)
            guard rename(temporary, target) == 0 else {
                unlink(temporary)
                return .cannotWrite(path: target, reason: String(cString: strerror(errno)))
            }
            return nil
        } catch {
            unlink(temporary)
            return error
        }
    }
}
