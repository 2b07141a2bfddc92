/// The whole ingestion path on bytes in memory — chunks, libcsv, decoding, validation, aggregation —
/// for the fuzzer (Fuzz/) and tests. It traps when an invariant breaks: a balance of rows that does not hold.
public enum IngestionProbe {
    /// Reads `bytes` as a workers file; returns rows read and quarantined, or nil when the file is unusable.
    public static func run(_ bytes: [UInt8], chunkBytes: Int = 97, jobs: Int = 2) -> (read: Int, quarantined: Int)? {
        let file = InputFile(table: .workers, path: "/dev/null", name: "fuzz.csv")
        let reader = TableReader(
            validator: WorkerRowValidator(), jobs: jobs, planner: ChunkPlanner(targetBytes: chunkBytes),
            maxFieldBytes: 4096)
        var duplicates = DuplicateKeyIndex()
        var accumulator = WorkerAccumulator()
        var quarantined = 0
        var accepted = 0
        let account = bytes.withUnsafeBytes { buffer in
            try? reader.read(
                contents: buffer, file: file, fileNumber: 0, duplicates: &duplicates, fileNames: ["fuzz.csv"],
                quarantine: { _ in quarantined += 1 }
            ) { window in
                for batch in window {
                    accumulator.add(batch)
                    accepted += batch.count
                }
            }
        }
        guard let account else { return nil }
        precondition(account.balances, "rows read \(account.rowsRead) ≠ accepted + quarantined")
        precondition(account.rowsQuarantined == quarantined && account.rowsAccepted == accepted, "accounting drift")
        precondition(accumulator.samples.values.reduce(0) { $0 + $1.count } == accepted, "rows lost in aggregation")
        return (account.rowsRead, quarantined)
    }
}
