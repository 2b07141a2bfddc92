/// Checks the records of one table against the contract and writes the accepted ones into a batch.
protocol RowValidator: Sendable {
    /// Where one chunk's accepted rows are kept: records, or the workers' columns.
    associatedtype Batch: RowBatch
    /// The table this validator reads.
    static var table: TableKind { get }
    /// An empty batch for one chunk.
    func makeBatch() -> Batch
    /// Checks one record and appends it to `batch`, or throws the first rule it breaks (appending nothing).
    func validate(_ fields: FieldReader, into batch: inout Batch) throws(RowIssue)
    /// The record's unique key, for the message that names a duplicate: read again from the record,
    /// as only duplicates need it.
    func duplicateKey(_ fields: FieldReader) throws(RowIssue) -> DuplicateKey?
    /// Columns whose values outside their code list are accepted as "other" (其他) rather than quarantined.
    static var columnsWithOther: [String] { get }
}

/// One chunk's accepted rows, in file order.
protocol RowBatch: Sendable {
    var count: Int { get }
    /// The fingerprint of row `row`'s unique key (`DuplicateKey.fingerprint`), nil when the table has none.
    func keyFingerprint(_ row: Int) -> UInt64?
    /// Drops rows (ascending row numbers): duplicates found after the chunk was validated.
    mutating func remove(_ rows: [Int])
    /// Adds, per column of `RowValidator.columnsWithOther`, the rows whose value was mapped to "other".
    func countMappedToOther(into counts: inout [String: Int])
}

/// A validator of a small table, which keeps each accepted row as a typed record.
protocol RecordValidator: RowValidator where Batch == RecordBatch<Self> {
    associatedtype Record: Sendable
    /// The typed record, or the first rule the record breaks.
    func validate(_ fields: FieldReader) throws(RowIssue) -> Record
    /// Key that must be unique in the table (e.g. year + enterprise_id), or nil when none applies.
    func duplicateKey(_ row: Record) -> DuplicateKey?
    /// Adds 1 to `counts[column]` for each of `row`'s values that was mapped to "other".
    func countMappedToOther(_ row: Record, into counts: inout [String: Int])
}

extension RecordValidator {
    static var columnsWithOther: [String] { [] }
    func countMappedToOther(_ row: Record, into counts: inout [String: Int]) {}

    func makeBatch() -> RecordBatch<Self> { RecordBatch(validator: self) }

    func validate(_ fields: FieldReader, into batch: inout RecordBatch<Self>) throws(RowIssue) {
        batch.records.append(try validate(fields))
    }

    func duplicateKey(_ fields: FieldReader) throws(RowIssue) -> DuplicateKey? {
        duplicateKey(try validate(fields))
    }
}

/// A chunk's accepted records of a small table.
struct RecordBatch<Validator: RecordValidator>: RowBatch {
    let validator: Validator
    var records: [Validator.Record] = []

    var count: Int { records.count }

    func keyFingerprint(_ row: Int) -> UInt64? { validator.duplicateKey(records[row])?.fingerprint }

    mutating func remove(_ rows: [Int]) {
        let dropped = Set(rows)
        records = records.indices.filter { !dropped.contains($0) }.map { records[$0] }
    }

    func countMappedToOther(into counts: inout [String: Int]) {
        for record in records { validator.countMappedToOther(record, into: &counts) }
    }
}
