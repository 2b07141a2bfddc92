import Foundation

/// `manifest.json`: what a run read, what it wrote (with SHA-256), when, and with which settings.
struct RunManifest: Encodable {
    struct Input: Encodable {
        let table: String
        let path: String
        let bytes: Int
        let sha256: String
        let rows: Int
        let accepted: Int
        let quarantined: Int
    }
    struct Output: Encodable {
        let path: String
        let bytes: Int
        let sha256: String
    }
    struct Fingerprint: Encodable {
        let program: String
        let settings: String
        let inputs: [String]
    }

    let version: String
    let run: String
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
    let lowPayFraction: String
    let dispatchCap: Double
    /// SHA-256 of the plan file; nil for the built-in plan.
    let planSHA256: String?
    let inputs: [Input]
    var outputs: [Output] = []
    let fingerprint: Fingerprint
    private let outputNames: [String]

    enum CodingKeys: String, CodingKey {
        case version, run, started, durationSeconds = "duration_seconds", jobs, chunkBytes = "chunk_bytes", mode
        case suppressBelow = "suppress_below", lowNBelow = "low_n_below", industrialScope = "industrial_scope"
        case lonelyPSU = "lonely_psu", confidenceLevel = "confidence_level", planSHA256 = "plan_sha256", inputs
        case lowPayFraction = "low_pay_fraction", dispatchCap = "dispatch_cap"
        case outputs, fingerprint
    }

    init(
        options: PipelineOptions, started: Date, seconds: Double, summary: RunSummary, inputs checksums: InputChecksums,
        fingerprint: RunFingerprint, runID: String
    ) {
        version = WorkforceVersion.current
        run = runID
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
        planSHA256 = options.planSHA256
        lowPayFraction = options.lowPayFraction.text
        dispatchCap = options.dispatchCap
        let accounts = Dictionary(summary.accounts.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        inputs = checksums.entries.map { entry in
            let account = accounts[entry.path]
            return Input(
                table: entry.table.rawValue, path: entry.path, bytes: entry.bytes, sha256: entry.sha256,
                rows: account?.rowsRead ?? 0, accepted: account?.rowsAccepted ?? 0,
                quarantined: account?.rowsQuarantined ?? 0)
        }
        self.fingerprint = Fingerprint(
            program: fingerprint.program, settings: fingerprint.settings, inputs: fingerprint.inputs)
        outputNames = summary.outputs
    }

    /// Writes `manifest.json` into `folder`, with the size and SHA-256 of every report already there.
    func write(into folder: URL) throws {
        var manifest = self
        manifest.outputs = try outputNames.map { name in
            let path = folder.appendingPathComponent(name).path
            return Output(
                path: name, bytes: FileIdentity(path: path)?.size ?? 0, sha256: try Checksum.sha256(path: path))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(manifest)
        } catch {
            throw OutputError.cannotWrite(path: "manifest.json", reason: "\(error)")
        }
        try FileOutput.write(Array(data) + [0x0A], to: folder.appendingPathComponent("manifest.json").path)
    }
}

/// The version written into manifests and shown by `workforce --version`.
public enum WorkforceVersion {
    public static let current = "0.2.0"
}
