import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Collects one CSV file's bytes and writes them to disk in large blocks.
    ///
    /// Fields are appended as raw UTF-8 bytes and numbers are formatted with integer
    /// arithmetic, so the output never depends on the locale, on `Double.description`
    /// or on `printf` formats. A struct rather than a class: mutating a class's array
    /// property pays a dynamic exclusivity check per append, which shows at 10⁸ appends.
    struct ByteSink {
        let url: URL
        private var bytes: [UInt8] = []
        private let handle: FileHandle
        private static let blockSize = 1 << 22
        private static let powersOfTen = [1, 10, 100, 1_000, 10_000]

        /// Creates (or truncates) the file at `url`.
        init(url: URL) throws {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw GenerationError("cannot create \(url.path): check that the folder is writable")
            }
            self.url = url
            handle = try FileHandle(forWritingTo: url)
            bytes.reserveCapacity(ByteSink.blockSize + 65_536)
        }

        /// Appends a header or any other text verbatim, as UTF-8.
        mutating func text(_ string: String) {
            bytes.append(contentsOf: string.utf8)
        }

        /// Appends pre-encoded bytes: the cheap path for codes repeated on every row.
        @inline(__always)
        mutating func raw(_ encoded: [UInt8]) {
            bytes.append(contentsOf: encoded)
        }

        @inline(__always)
        mutating func comma() {
            bytes.append(UInt8(ascii: ","))
        }

        /// `1` or `0`.
        @inline(__always)
        mutating func flag(_ value: Bool) {
            bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }

        /// A decimal integer without grouping separators.
        mutating func integer(_ value: Int) {
            var magnitude = value.magnitude
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            reverseTail(from: start)
        }

        /// A non-negative integer left-padded with zeros to at least `width` digits.
        mutating func padded(_ value: Int, width: Int) {
            var magnitude = value.magnitude
            let start = bytes.count
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            while bytes.count - start < width { bytes.append(UInt8(ascii: "0")) }
            reverseTail(from: start)
        }

        /// `value` rounded half away from zero to exactly `decimals` (0–4) places, e.g. `8523.40`.
        ///
        /// Non-finite values cannot arise from the generator's models; should one appear,
        /// writing 0 keeps the file parseable and the range checks will catch it.
        mutating func fixed(_ value: Double, decimals: Int) {
            let scale = ByteSink.powersOfTen[decimals]
            let scaled = (value * Double(scale)).rounded()
            assert(value.isFinite, "non-finite value in generated data")
            guard scaled.isFinite, scaled.magnitude < 9e15 else {
                integer(0)
                return
            }
            let units = Int(scaled)
            if units < 0 { bytes.append(UInt8(ascii: "-")) }
            let absolute = abs(units)
            integer(absolute / scale)
            if decimals > 0 {
                bytes.append(UInt8(ascii: "."))
                padded(absolute % scale, width: decimals)
            }
        }

        /// Ends the row with LF and hands a full block to the file.
        @inline(__always)
        mutating func endRow() throws {
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= ByteSink.blockSize { try flush() }
        }

        /// Writes what is left and closes the file.
        mutating func finish() throws -> URL {
            try flush()
            try handle.close()
            return url
        }

        private mutating func flush() throws {
            guard !bytes.isEmpty else { return }
            try handle.write(contentsOf: Data(bytes))
            bytes.removeAll(keepingCapacity: true)
        }

        private mutating func reverseTail(from start: Int) {
            var low = start
            var high = bytes.count - 1
            while low < high {
                bytes.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
    }
}
