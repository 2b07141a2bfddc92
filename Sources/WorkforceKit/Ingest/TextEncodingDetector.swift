/// Recognises the text encoding of an input file from its first bytes.
enum TextEncodingDetector {
    struct Detected: Equatable {
        /// Name shown in the data-quality report.
        let name: String
        /// Bytes to skip before the text (the BOM).
        let bodyOffset: Int
    }

    /// UTF-8 with or without BOM; UTF-16 and UTF-32 are refused with a clear message.
    static func detect(_ bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> Detected {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Detected(name: "UTF-8 with BOM", bodyOffset: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .unsupportedEncoding(file: file, encoding: "UTF-16")
        }
        return Detected(name: "UTF-8", bodyOffset: 0)
    }
}
