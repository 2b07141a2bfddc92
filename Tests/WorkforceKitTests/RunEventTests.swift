import Foundation
import Synchronization
import Testing

@testable import WorkforceKit

/// What a run reports as it goes: stages in order, ingestion progress in bytes, waiting for a lock, and the CLI's JSON log.
@Suite struct RunEventTests {
    var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures"))
        }
    }

    /// Collects events from any thread.
    final class Recorder: Sendable {
        let events = Mutex<[RunEvent]>([])
        var all: [RunEvent] { events.withLock { $0 } }
        func record(_ event: RunEvent) { events.withLock { $0.append(event) } }
    }

    @Test func stagesComeInOrderAndProgressReachesEveryInputByte() throws {
        let recorder = Recorder()
        var options = PipelineOptions(inputs: try fixture.path, outputs: temporaryFolder("events").path, jobs: 1)
        options.chunkBytes = 64  // windows of two chunks of about 64 bytes: several progress events
        options.events = { recorder.record($0) }
        let summary = try Pipeline(options: options).run()
        let events = recorder.all
        let stages = [
            "ingest, validate and aggregate", "design cells", "composition", "estimation",
            "equal pay", "wage vs economy", "skill fit", "enterprises and targets", "write and publish",
        ]
        let started = events.compactMap { if case .stageStarted(let name) = $0 { name } else { nil } }
        let finished = events.compactMap { event -> (String, Int?)? in
            if case .stageFinished(let name, _, let rows) = event { (name, rows) } else { nil }
        }
        #expect(started == stages)
        #expect(finished.map(\.0) == stages)
        #expect(finished.first?.1 == summary.rowsRead, "the ingest stage gives the rows read")
        // Each stage starts after the previous one finished.
        for (index, event) in events.enumerated() {
            if case .stageStarted(let name) = event, let position = stages.firstIndex(of: name), position > 0 {
                let previousFinished = events[..<index].contains {
                    if case .stageFinished(let finishedName, _, _) = $0 {
                        finishedName == stages[position - 1]
                    } else {
                        false
                    }
                }
                #expect(previousFinished, "\(name) starts before \(stages[position - 1]) finished")
            }
        }
        // Progress: bytes never go back, and end at the inputs' total size.
        let progress = events.compactMap { event -> (Int, Int, Int)? in
            if case .ingesting(let read, let total, let rows) = event { (read, total, rows) } else { nil }
        }
        let inputBytes = try FileManager.default.contentsOfDirectory(atPath: try fixture.path)
            .filter { $0.hasSuffix(".csv") }
            .reduce(0) {
                $0
                    + ((try? FileManager.default.attributesOfItem(atPath: try fixture.path + "/" + $1)[.size]) as? Int
                        ?? 0)
            }
        #expect(progress.count > 3)
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.0 <= $1.0 && $0.2 <= $1.2 })
        #expect(progress.allSatisfy { $0.1 == inputBytes })
        #expect(progress.last?.0 == inputBytes)
    }

    @Test func aWaitingRunSaysSoThenRunsWhenTheLockIsFreed() throws {
        let outputs = temporaryFolder("waiting")
        var held: RunLock? = try RunLock(folder: outputs, wait: false)
        let recorder = Recorder()
        var options = PipelineOptions(inputs: try fixture.path, outputs: outputs.path, jobs: 1)
        options.waitForLock = true
        options.events = { recorder.record($0) }
        let result = Mutex<Result<RunSummary, any Error>?>(nil)
        let thread = Thread { [options] in
            let outcome = Result { try Pipeline(options: options).run() }
            result.withLock { $0 = outcome }
        }
        thread.start()
        let deadline = Date().addingTimeInterval(20)
        while !recorder.all.contains(.waitingForLock(path: outputs.appendingPathComponent(".lock").path)),
            Date() < deadline
        {
            Thread.sleep(forTimeInterval: 0.02)
        }
        // The attempt's id first, then the wait, before anything else happens.
        #expect(recorder.all.count >= 2)
        if case .runStarted = recorder.all.first {
        } else {
            Issue.record("the first event is \(String(describing: recorder.all.first))")
        }
        #expect(recorder.all.dropFirst().first == .waitingForLock(path: outputs.appendingPathComponent(".lock").path))
        #expect(result.withLock { $0 } == nil, "the run went on while the lock was held")
        held = nil
        while result.withLock({ $0 }) == nil, Date() < deadline + 60 { Thread.sleep(forTimeInterval: 0.02) }
        let summary = try #require(result.withLock { $0 }).get()
        #expect(summary.rowsRead > 0)
        withExtendedLifetime(held) {}
    }

    @Test func jsonLogIsOneObjectPerLine() throws {
        let (status, _, text) = try runWorkforce([
            "run", "--inputs", try fixture.path, "--outputs", temporaryFolder("jsonlog").path, "--log-format", "json",
        ])
        #expect(status == 0)
        let objects = text.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(objects.count >= 11 && objects.allSatisfy { $0 != nil }, "\(text)")
        #expect(objects.allSatisfy { $0?["time"] is String && $0?["level"] is String && $0?["event"] is String })
        let stages = objects.compactMap { $0?["event"] as? String == "stage" ? $0?["stage"] as? String : nil }
        #expect(stages.first == "ingest, validate and aggregate" && stages.last == "write and publish")
        #expect(objects.last??["event"] as? String == "summary")
        #expect(!text.contains("\u{1B}"), "no progress line in JSON")
    }
}
