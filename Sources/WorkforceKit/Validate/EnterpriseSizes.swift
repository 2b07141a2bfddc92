/// The employees of each (year, enterprise) in enterprises.csv, looked up once per worker row.
///
/// Keyed by the key's FNV-1a fingerprint (`DuplicateKey.fingerprint`), so a lookup hashes 8
/// bytes instead of normalising the id's Unicode as `String` hashing does; the id is compared
/// on a hit, so two enterprises whose keys share a fingerprint are still told apart. The
/// first row of a repeated key counts, as the duplicate-key check keeps it.
public struct EnterpriseSizes: Sendable {
    private var buckets: [UInt64: [(id: String, employees: Int)]] = [:]

    init(_ enterprises: [EnterpriseRecord] = []) {
        for enterprise in enterprises {
            let key = DuplicateKey(year: enterprise.year, id: enterprise.enterpriseID)
            var bucket = buckets[key.fingerprint] ?? []
            guard !bucket.contains(where: { $0.id == key.id }) else { continue }
            bucket.append((key.id, enterprise.employees))
            buckets[key.fingerprint] = bucket
        }
    }

    /// The employees of `id` in `year`, nil when enterprises.csv does not list it.
    public subscript(year year: Int, id id: String) -> Int? {
        var id = id
        return id.withUTF8 { self[year: year, utf8: $0] }
    }

    /// The employees of the enterprise whose id has UTF-8 `id` (as read from a record), in `year`.
    subscript(year year: Int, utf8 id: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let bucket = buckets[DuplicateKey.fingerprint(year: year, id: id)] else { return nil }
        return bucket.first { $0.id.utf8.elementsEqual(id) }?.employees
    }
}
