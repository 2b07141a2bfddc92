/// Decides between UTF-8 and GB18030 for a file without a BOM, on evidence rather than on one byte.
///
/// One invalid byte must not turn a UTF-8 file into GB18030 (its Chinese text would become
/// mojibake), and a GB18030 file that happens to be valid UTF-8 (`女` is C5 AE, also UTF-8 `Ů`)
/// must not be read as UTF-8. Two kinds of evidence are weighed:
/// 1. the whole file's byte patterns: multi-byte UTF-8 sequences that are valid, and bytes that
///    start no valid sequence;
/// 2. meaning: in the header and the first records (at most `sampleBytes`), how many non-ASCII
///    header names and code values (district, sex, hukou, employment type, ownership, yes/no
///    columns) are ones the contract knows, when decoded as UTF-8 and as GB18030.
///
/// The encoding whose decoding recognises more wins; on a tie (no recognisable non-ASCII code,
/// e.g. only free text), UTF-8 when at least 90 % of the multi-byte sequences are valid, else
/// GB18030. Under UTF-8, a row whose fields hold an invalid byte is quarantined (`invalid UTF-8`);
/// the others are read. The counts are reported in data_quality.csv (`encoding` row, detail).
struct EncodingEvidence: Equatable {
    /// Well-formed multi-byte UTF-8 sequences in the file.
    var validSequences = 0
    /// Bytes that start no well-formed UTF-8 sequence.
    var invalidBytes = 0
    /// Non-ASCII header names and code values recognised when decoded as UTF-8.
    var recognisedAsUTF8 = 0
    /// The same, decoded as GB18030.
    var recognisedAsGB18030 = 0

    /// Bytes of the file's start read for the meaning test.
    static let sampleBytes = 1 << 20
    /// Share of valid multi-byte sequences from which a file without recognisable codes is UTF-8.
    static let utf8Share = 0.9

    /// The encoding the evidence points to.
    var encoding: TextEncoding {
        if recognisedAsUTF8 != recognisedAsGB18030 {
            return recognisedAsUTF8 > recognisedAsGB18030 ? .utf8 : .gb18030
        }
        if invalidBytes == 0 { return .utf8 }
        return Double(validSequences) >= Self.utf8Share * Double(validSequences + invalidBytes) ? .utf8 : .gb18030
    }

    /// One line for data_quality.csv.
    var summary: String {
        "\(validSequences) valid UTF-8 multi-byte sequences, \(invalidBytes) invalid bytes; "
            + "non-ASCII names and codes recognised: \(recognisedAsUTF8) as UTF-8, \(recognisedAsGB18030) as GB18030"
    }

    /// Weighs the meaning of the file's first records, whose text starts at `textStart`.
    mutating func weighCodes(
        _ bytes: UnsafeRawBufferPointer, from textStart: Int, table: TableKind, delimiter: UInt8
    ) {
        var end = min(bytes.count, textStart + Self.sampleBytes)
        // Whole lines only (a cut record would only add noise).
        if end < bytes.count {
            while end > textStart, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        }
        guard end > textStart else { return }
        let sample = UnsafeRawBufferPointer(rebasing: bytes[textStart..<end])
        let columns = TableSchemas.columns(of: table)
        let columnIndex = HeaderMap.columnIndex(columns)
        let gb18030 = Transcoder(from: .gb18030)
        let decoders: [(UnsafeBufferPointer<UInt8>) -> String?] = [
            { String(validating: $0, as: UTF8.self) },
            { field in
                gb18030?.utf8(UnsafeRawBufferPointer(field), replacing: false).map {
                    String(decoding: $0, as: UTF8.self)
                }
            },
        ]
        var counts = [0, 0]
        // For each decoding: the header (first record) names which field holds which column.
        var recognisers: [[Int: (String) -> Bool]] = [[:], [:]]
        var isHeader = true
        LibCSVParser(delimiter: delimiter, maxFieldBytes: 1 << 16).parse(sample, firstLine: 1) { record in
            for (candidate, decode) in decoders.enumerated() {
                if isHeader {
                    for index in 0..<record.count {
                        let field = record.field(index)
                        guard let name = decode(field).map(HeaderMap.normalise),
                            let column = columnIndex[name].map({ columns[$0] })
                        else { continue }
                        if field.contains(where: { $0 >= 0x80 }) { counts[candidate] += 1 }
                        if let recognise = Self.recogniser(column.name) { recognisers[candidate][index] = recognise }
                    }
                } else {
                    for (index, recognise) in recognisers[candidate] where index < record.count {
                        let field = record.field(index)
                        guard field.contains(where: { $0 >= 0x80 }), let text = decode(field) else { continue }
                        if recognise(text.trimmingWhitespace()) { counts[candidate] += 1 }
                    }
                }
            }
            isHeader = false
        } malformed: { _ in
        }
        recognisedAsUTF8 = counts[0]
        recognisedAsGB18030 = counts[1]
    }

    /// Whether a value is one the contract knows, for the coded columns of any table.
    static func recogniser(_ column: String) -> ((String) -> Bool)? {
        switch column {
        case "district": { District.code(of: $0) != District.other }
        case "sex": { WorkerCodes.sexes.code(of: $0) != nil }
        case "hukou": { WorkerCodes.hukou.code(of: $0) != nil }
        case "employment_type": { WorkerCodes.employmentTypes.code(of: $0) != nil }
        case "ownership": { EnterpriseRowValidator.ownerships.code(of: $0) != nil }
        case "migrant", "trained", "apprentice", "new_certificate", "housing_fund", "social_insurance",
            "labor_contract", "union_member", "party_member", "has_union", "has_party_org", "has_worker_congress":
            { WorkerCodes.boolean.code(of: $0) != nil }
        default: nil
        }
    }
}
