#if canImport(Glibc)
    import Glibc
#endif

/// Numbers the (stratum, PSU) pairs seen so far, so that cells can be keyed by a small integer.
public struct PSUTable: Sendable {
    /// Stratum of each PSU number.
    public private(set) var strata: [String] = []
    /// Name of each PSU number.
    public private(set) var names: [String] = []
    /// Finite population correction given for each PSU's stratum, if any.
    public private(set) var fpc: [Double?] = []
    private var numbers: [PSUKey: Int32] = [:]
    private var last: (key: PSUKey, number: Int32)?

    public init() {}

    public var count: Int { names.count }

    /// The number of (stratum, psu), assigned on first sight.
    mutating func number(stratum: String, psu: String, fpc value: Double?) -> Int32 {
        let key = PSUKey(stratum: stratum, psu: psu)
        // Files list a PSU's rows together: most rows are in the previous row's PSU.
        if let last, last.key == key { return last.number }
        if let number = numbers[key] {
            last = (key, number)
            return number
        }
        let number = Int32(names.count)
        last = (key, number)
        numbers[key] = number
        strata.append(stratum)
        names.append(psu)
        fpc.append(value)
        return number
    }

    /// The number of (stratum, psu) given as record text: rows of the previous row's PSU, as most
    /// are, are compared byte by byte and build no string.
    mutating func number(stratum: FieldText, psu: FieldText, fpc value: Double?) -> Int32 {
        if let last, Self.equal(stratum, last.key.stratum), Self.equal(psu, last.key.psu) { return last.number }
        return number(stratum: stratum.string, psu: psu.string, fpc: value)
    }

    private static func equal(_ text: FieldText, _ string: String) -> Bool {
        var string = string
        return text.withUTF8 { bytes in
            string.withUTF8 { known in
                guard bytes.count == known.count else { return false }
                guard let a = bytes.baseAddress, let b = known.baseAddress else { return true }
                return memcmp(a, b, bytes.count) == 0
            }
        }
    }

    /// Numbers `other`'s PSUs in this table; returns the map from `other`'s numbers to this table's.
    mutating func absorb(_ other: PSUTable) -> [Int32] {
        (0..<other.count).map { number(stratum: other.strata[$0], psu: other.names[$0], fpc: other.fpc[$0]) }
    }
}

/// A (stratum, PSU) pair compared and hashed by its UTF-8 bytes, as R compares factor labels —
/// which also spares the Unicode normalisation that `String` hashing does for Chinese names.
private struct PSUKey: Hashable, Sendable {
    let stratum: String
    let psu: String

    static func == (a: PSUKey, b: PSUKey) -> Bool {
        sameBytes(a.psu, b.psu) && sameBytes(a.stratum, b.stratum)
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                guard let left = x.baseAddress, let right = y.baseAddress else { return true }
                return memcmp(left, right, x.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(stratum.utf8.count)
        for text in [stratum, psu] {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
