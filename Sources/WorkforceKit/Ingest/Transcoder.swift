import Foundation

/// Converts text to UTF-8 with glibc's iconv, reporting where a byte sequence is invalid.
///
/// iconv decodes GB18030 at several hundred MB/s and stops at a bad sequence
/// with its offset, where Foundation fails the whole text without one. One
/// transcoder per thread: an iconv handle keeps state and is not shared.
final class Transcoder {
    private let handle: iconv_t
    let encoding: TextEncoding

    init?(from encoding: TextEncoding) {
        let handle = iconv_open("UTF-8", encoding.iconvName)
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        self.handle = handle
        self.encoding = encoding
    }

    deinit { iconv_close(handle) }

    /// UTF-8 of `bytes`; invalid or truncated sequences become U+FFFD when `replacing`, else the result is nil.
    func utf8(_ bytes: UnsafeRawBufferPointer, replacing: Bool) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return [] }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        var inputOffset = 0
        iconv(handle, nil, nil, nil, nil)  // reset shift state
        while inputOffset < bytes.count {
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
                mutating: (base + inputOffset).assumingMemoryBound(to: CChar.self))
            var inLeft = bytes.count - inputOffset
            let status: Int = output.withUnsafeMutableBytes { buffer in
                guard let start = buffer.baseAddress else { return -1 }
                var outPointer: UnsafeMutablePointer<CChar>? = start.advanced(by: produced).assumingMemoryBound(
                    to: CChar.self)
                var outLeft = buffer.count - produced
                let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                produced = buffer.count - outLeft
                return result
            }
            inputOffset = bytes.count - inLeft
            if status != -1 { break }
            switch errno {
            case E2BIG:
                output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
            case EILSEQ, EINVAL:
                guard replacing else { return nil }
                if output.count - produced < 3 { output.append(contentsOf: [0, 0, 0]) }
                output[produced] = 0xEF; output[produced + 1] = 0xBF; output[produced + 2] = 0xBD
                produced += 3
                inputOffset += encoding == .gb18030 ? 1 : 2  // skip the bad unit and go on
                iconv(handle, nil, nil, nil, nil)
            default:
                return nil
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}
