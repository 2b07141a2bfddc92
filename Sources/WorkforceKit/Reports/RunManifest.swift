import Foundation

/// `manifest.json`: what a run read, what it wrote, when, and with which settings.
struct RunManifest: Encodable {
    struct Input: Encodable {
        let table: String
        let path: String
        let bytes: Int
        let rows: Int
        let accepted: Int
        let quarantined: Int
    }
    struct Output: Encodable {
        let path: String
        let bytes: Int
    }

    let version: String
    let started: String
    let durationSeconds: Double
    let jobs: Int
    let chunkBytes: Int
    let mode: String
    let suppressBelow: Int
    let lowNBelow: Int
    let industrialScope: [String]
    let lonelyPSU: String
    let confidenceLevel: Double
    let inputs: [Input]
    var outputs: [Output] = []

    init(options: PipelineOptions, started: Date, seconds: Double, summary: RunSummary, catalog: [TableKind: [InputFile]]) {
        version = WorkforceVersion.current
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        self.started = formatter.string(from: started)
        durationSeconds = (seconds * 1000).rounded() / 1000
        jobs = options.jobs
        chunkBytes = options.chunkBytes
        mode = options.validateOnly ? "validate" : "run"
        suppressBelow = options.disclosure.suppressBelow
        lowNBelow = options.disclosure.lowNBelow
        industrialScope = options.industrialScope.sorted().map { Industry.letters[Int($0)] }
        lonelyPSU = options.lonelyPSU.rawValue
        confidenceLevel = options.confidenceLevel
        inputs = summary.accounts.map {
            Input(table: $0.table.rawValue, path: $0.file, bytes: $0.bytes, rows: $0.rowsRead,
                  accepted: $0.rowsAccepted, quarantined: $0.rowsQuarantined)
        }
        outputs = []
        _ = catalog
        self.pendingOutputs = summary.outputs
    }

    private let pendingOutputs: [String]

    enum CodingKeys: String, CodingKey {
        case version, started, durationSeconds = "duration_seconds", jobs, chunkBytes = "chunk_bytes", mode
        case suppressBelow = "suppress_below", lowNBelow = "low_n_below", industrialScope = "industrial_scope"
        case lonelyPSU = "lonely_psu", confidenceLevel = "confidence_level"
        case inputs, outputs
    }

    /// Writes `manifest.json` into `folder`, listing the reports already there with their sizes.
    func write(into folder: URL) throws(OutputError) {
        var manifest = self
        manifest.outputs = pendingOutputs.map { name in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0
            return Output(path: name, bytes: size)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(manifest)
            try FileOutput.write(Array(data) + [0x0A], to: folder.appendingPathComponent("manifest.json").path)
        } catch let error as OutputError {
            throw error
        } catch {
            throw .cannotWrite(path: "manifest.json", reason: "\(error)")
        }
    }
}

/// The version written into manifests and shown by `workforce --version`.
public enum WorkforceVersion {
    public static let current = "0.1.0"
}
