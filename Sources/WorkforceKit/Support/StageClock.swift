/// Times a run's stages and tells the caller when each begins and ends (`RunEvent`).
final class StageClock {
    private let events: @Sendable (RunEvent) -> Void
    private let clock = ContinuousClock()
    private var current: (name: String, start: ContinuousClock.Instant)?

    init(events: @escaping @Sendable (RunEvent) -> Void) {
        self.events = events
    }

    /// Ends the current stage, if any, and begins `name`.
    func begin(_ name: String) {
        end()
        current = (name, clock.now)
        events(.stageStarted(name))
    }

    /// Ends the current stage; `rows`: the rows it read, where it reads rows.
    func end(rows: Int? = nil) {
        guard let stage = current else { return }
        let seconds = (clock.now - stage.start).seconds
        events(.stageFinished(stage.name, seconds: (seconds * 1000).rounded() / 1000, rows: rows))
        current = nil
    }
}
