/// What a run tells its caller as it goes: for a progress line on a terminal, log lines, or a log collector.
///
/// Events arrive on the thread that runs the pipeline, in order. The library never
/// prints; the command line decides how each event is shown (`--log-format`).
public enum RunEvent: Sendable, Equatable {
    /// An attempt begins, with the id its run folder, manifest, status and history carry.
    case runStarted(id: String)
    /// Another run holds the output folder's lock; this one waits for it (`--wait`).
    case waitingForLock(path: String)
    /// A stage begins.
    case stageStarted(String)
    /// Input read so far: bytes of every input file (of `bytesTotal`), worker rows accepted.
    case ingesting(bytesRead: Int, bytesTotal: Int, rows: Int)
    /// A stage ended after `seconds`; `rows`: the rows it read, where it reads rows.
    case stageFinished(String, seconds: Double, rows: Int?)
    /// Something the run did that a person may want to know (a report left partly empty).
    case note(String)
}
