/// Remembers the keys seen so far in a table, to quarantine later rows that repeat one.
///
/// Keeps one 64-bit fingerprint per distinct key plus where it was first seen
/// (file number and line): 16 bytes a slot in a Swift dictionary kept at most ¾ full, so
/// 22–43 bytes per key (about 34 at 1 million keys, 27 at 10 million).
/// Two different keys with the same fingerprint would be taken for duplicates;
/// with FNV-1a over 10 million keys the chance is about 3 in a million.
struct DuplicateKeyIndex {
    private var firstSeen: [UInt64: UInt64] = [:]

    /// Makes room for `additional` more keys, so that filling them does not rehash the ones seen.
    mutating func reserve(_ additional: Int) {
        firstSeen.reserveCapacity(firstSeen.count + additional)
    }

    /// Records the key with `fingerprint` (`DuplicateKey.fingerprint`) at (file, line); returns the
    /// earlier place when the key was already seen.
    mutating func insert(fingerprint: UInt64, file: Int, line: Int) -> (file: Int, line: Int)? {
        let place = UInt64(file) << 48 | UInt64(line)
        if let earlier = firstSeen.updateValue(place, forKey: fingerprint) {
            firstSeen[fingerprint] = earlier
            return (Int(earlier >> 48), Int(earlier & 0xFFFF_FFFF_FFFF))
        }
        return nil
    }
}
