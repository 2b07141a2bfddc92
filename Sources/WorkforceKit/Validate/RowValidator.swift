/// Checks the records of one table against the contract and types them.
protocol RowValidator: Sendable {
    associatedtype Row: Sendable
    /// The table this validator reads.
    static var table: TableKind { get }
    /// The typed row, or the first rule the record breaks.
    func validate(_ fields: FieldReader) throws(RowIssue) -> Row
    /// Key that must be unique in the table (e.g. year + worker_id), or nil when none applies.
    func duplicateKey(_ row: Row) -> DuplicateKey?
    /// Columns whose values outside their code list are accepted as "other" (其他) rather than quarantined.
    static var columnsWithOther: [String] { get }
    /// Adds 1 to `counts[column]` for each of `row`'s values that was mapped to "other".
    func countMappedToOther(_ row: Row, into counts: inout [String: Int])
}

extension RowValidator {
    static var columnsWithOther: [String] { [] }
    func countMappedToOther(_ row: Row, into counts: inout [String: Int]) {}
}

/// A key that must be unique within a table, such as (year, worker_id).
public struct DuplicateKey: Hashable, Sendable {
    public let year: Int
    public let id: String

    public init(year: Int, id: String) {
        self.year = year
        self.id = id
    }

    /// 64-bit FNV-1a of the key: stable across runs and machines, unlike `Hasher`.
    var fingerprint: UInt64 {
        // Byte by byte over the year's digits, a unit separator and the id, without building them into an array.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in String(year).utf8 { mix(byte) }
        mix(0x1F)
        for byte in id.utf8 { mix(byte) }
        return hash
    }
}
