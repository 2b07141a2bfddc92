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
        var id = id
        return id.withUTF8 { Self.fingerprint(year: year, id: $0) }
    }

    /// `fingerprint` of (year, id), with the id's UTF-8 as it stands in a record.
    ///
    /// FNV-1a byte by byte over the year's decimal digits, a unit separator (0x1F) and the id.
    static func fingerprint(year: Int, id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        if year < 0 { mix(UInt8(ascii: "-")) }
        // The digits most significant first, without building the year's text.
        let magnitude = year.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            mix(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
        mix(0x1F)
        for byte in id { mix(byte) }
        return hash
    }
}
