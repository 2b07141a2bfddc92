import Foundation

/// What makes two runs give the same reports: the inputs' checksums, the program, and the settings.
///
/// `--if-changed` compares it with the published run's manifest and does
/// nothing when they agree. Every setting that can change a published byte (or whether the
/// run publishes at all) is part of it; `--jobs`, `--wait`, `--keep-runs` and the log flags
/// are not: they never change a report.
struct RunFingerprint: Sendable, Equatable {
    let program: String
    let settings: String
    let inputs: [String]

    init(options: PipelineOptions, inputs: InputChecksums) {
        program = Self.programChecksum()
        settings = Self.settings(options)
        self.inputs = inputs.entries.map { "\($0.path):\($0.sha256)" }
    }

    /// The settings that change results, as one stable line.
    static func settings(_ options: PipelineOptions) -> String {
        [
            "mode=\(options.validateOnly ? "validate" : "run")",
            "chunk_bytes=\(options.chunkBytes)", "lonely_psu=\(options.lonelyPSU.rawValue)",
            "confidence_level=\(options.confidenceLevel)", "suppress_below=\(options.disclosure.suppressBelow)",
            "low_n_below=\(options.disclosure.lowNBelow)", "csv_bom=\(options.csvByteOrderMark)",
            "lang=\(options.chineseHeaders ? "zh" : "en")", "in_step_tolerance=\(options.inStepTolerance)",
            "scope=\(options.industrialScope.sorted().map { Industry.letters[Int($0)] }.joined())",
            "raw_quarantine=\(options.rawQuarantine)", "csv_crlf=\(options.csvCRLF)",
            "max_reject_rate=\(options.maxRejectRate.map { "\($0)" } ?? "none")",
            "encoding=\(options.encoding?.rawValue ?? "detected")", "max_field_bytes=\(options.maxFieldBytes)",
            "max_psus=\(options.maxPSUs)", "plan=\(options.planSHA256 ?? "built-in")",
            "low_pay=\(options.lowPayFraction.text)", "quantiles=\(options.wageQuantiles.codes.joined(separator: ","))",
            "breakdowns=\(options.breakdowns.map(\.name).joined(separator: ","))",
            "dispatch_cap=\(options.dispatchCap)",
            "labels=\(describe(options.indicatorLabels))",
            "domain_labels=\(options.domainLabels.sorted { $0.key < $1.key }.map { "\($0.key){\(describe($0.value))}" }.joined())",
            "column_aliases=\(options.columnAliases.sorted { $0.key < $1.key }.map { table in table.value.sorted { $0.key < $1.key }.map { "\(table.key.rawValue).\($0.key):\($0.value.joined(separator: "|"))" }.joined(separator: ",") }.joined(separator: ";"))",
        ].joined(separator: ";")
    }

    /// Names given in place of the built-in ones, as one stable text.
    private static func describe(_ labels: [String: IndicatorLabel]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.english)|\($0.value.chinese)" }
            .joined(separator: ",")
    }

    /// SHA-256 of the running executable, or the version when it cannot be read.
    static func programChecksum() -> String {
        (try? Checksum.sha256(path: "/proc/self/exe")).map { "sha256:\($0)" } ?? "version:\(WorkforceVersion.current)"
    }

    /// Whether the manifest at `url` records this very fingerprint.
    func matches(manifest url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let fingerprint = json["fingerprint"] as? [String: Any]
        else { return false }
        return fingerprint["program"] as? String == program && fingerprint["settings"] as? String == settings
            && fingerprint["inputs"] as? [String] == inputs
    }
}

/// Too many rows were quarantined for the reports to be trusted.
public struct RejectRateError: WorkforceError, Equatable {
    public let quarantined: Int
    public let read: Int
    public let limit: Double

    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        let share = (Double(quarantined) / Double(read) * 1000).rounded() / 10
        return
            "\(quarantined) of \(read) rows (\(share) %) were quarantined, above --max-reject-rate \(limit * 100) %; "
            + "nothing was published. Run `workforce validate` and read quarantine/*.csv to see why"
    }
}
