/// Numbers the (stratum, PSU) pairs seen so far, so that cells can be keyed by a small integer.
public struct PSUTable: Sendable {
    /// Stratum of each PSU number.
    public private(set) var strata: [String] = []
    /// Name of each PSU number.
    public private(set) var names: [String] = []
    /// Finite population correction given for each PSU's stratum, if any.
    public private(set) var fpc: [Double?] = []
    private var numbers: [PSUKey: Int32] = [:]

    public init() {}

    public var count: Int { names.count }

    /// The number of (stratum, psu), assigned on first sight.
    mutating func number(stratum: String, psu: String, fpc value: Double?) -> Int32 {
        let key = PSUKey(stratum: stratum, psu: psu)
        if let number = numbers[key] { return number }
        let number = Int32(names.count)
        numbers[key] = number
        strata.append(stratum)
        names.append(psu)
        fpc.append(value)
        return number
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
        a.stratum.utf8.elementsEqual(b.stratum.utf8) && a.psu.utf8.elementsEqual(b.psu.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(stratum.utf8.count)
        for text in [stratum, psu] {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
