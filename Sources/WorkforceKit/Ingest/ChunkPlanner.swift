import Dispatch

/// A slice of a file that holds whole records only, with the line it starts on.
public struct Chunk: Sendable, Equatable {
    /// Offset of the first byte in the file.
    public let start: Int
    /// Offset just past the last byte.
    public let end: Int
    /// Physical line (1-based) of the first byte.
    public let firstLine: Int
}

/// Cuts a file into chunks at record boundaries so they can be parsed in parallel.
///
/// A newline inside a quoted field is not a record boundary. In RFC 4180 text
/// every quote toggles "inside quotes" (a doubled `""` toggles twice), so the
/// parity of the quotes before an offset says whether it is inside a field.
/// The planner counts quotes and line feeds per block in parallel, prefix-XORs
/// the parities and prefix-sums the line counts, then moves each nominal cut
/// forward to the first LF outside quotes.
///
/// Cuts depend only on the bytes and `targetBytes`, never on the number of
/// threads, so every `--jobs` sees the same chunks and the same results.
///
/// - Complexity: O(n) reads of the bytes, split over `jobs` threads.
public struct ChunkPlanner: Sendable {
    /// Nominal chunk size in bytes.
    public let targetBytes: Int

    public init(targetBytes: Int = 8 << 20) {
        self.targetBytes = max(1, targetBytes)
    }

    /// Chunks covering `bytes[start...]`, whose first byte is on line `firstLine`.
    ///
    /// With `releasingScannedPages` (only for a read-only file mapping), each block's pages are
    /// dropped once it is scanned, so planning a large file never holds all of it in memory.
    public func plan(
        _ bytes: UnsafeRawBufferPointer, start: Int = 0, firstLine: Int = 1, jobs: Int,
        releasingScannedPages: Bool = false
    ) -> [Chunk] {
        let length = bytes.count - start
        guard length > 0 else { return [] }
        let blocks = (length + targetBytes - 1) / targetBytes
        guard blocks > 1 else { return [Chunk(start: start, end: bytes.count, firstLine: firstLine)] }

        // Per block: quote parity and line-feed count.
        var parity = [UInt8](repeating: 0, count: blocks)
        var feeds = [Int](repeating: 0, count: blocks)
        parity.withUnsafeMutableBufferPointer { parityOut in
            feeds.withUnsafeMutableBufferPointer { feedsOut in
                let parityOut = UnsafeSendable(parityOut)
                let feedsOut = UnsafeSendable(feedsOut)
                let shared = UnsafeSendable(bytes)
                let targetBytes = targetBytes
                concurrentForEach(blocks, jobs: jobs) { block in
                    let lower = start + block * targetBytes
                    let upper = min(shared.value.count, lower + targetBytes)
                    var quotes = 0
                    var lf = 0
                    for byte in UnsafeRawBufferPointer(rebasing: shared.value[lower..<upper]) {
                        if byte == UInt8(ascii: "\"") { quotes += 1 } else if byte == UInt8(ascii: "\n") { lf += 1 }
                    }
                    if releasingScannedPages { MappedFile.release(shared.value, from: lower, to: upper) }
                    parityOut.value[block] = UInt8(quotes & 1)
                    feedsOut.value[block] = lf
                }
            }
        }

        var chunks: [Chunk] = []
        var chunkStart = start
        var chunkLine = firstLine
        var inQuotes = false  // state at the start of the current block
        var linesBefore = firstLine  // line of the first byte of the current block
        for block in 1..<blocks {
            inQuotes = inQuotes != (parity[block - 1] == 1)
            linesBefore += feeds[block - 1]
            let nominal = start + block * targetBytes
            guard nominal > chunkStart else { continue }
            // Walk forward from the nominal cut to the first LF outside quotes.
            var quoted = inQuotes
            var line = linesBefore
            var index = nominal
            var cut: Int?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: "\n") {
                    line += 1
                    if !quoted {
                        cut = index + 1
                        break
                    }
                }
                index += 1
            }
            guard let cut, cut < bytes.count else { break }
            chunks.append(Chunk(start: chunkStart, end: cut, firstLine: chunkLine))
            chunkStart = cut
            chunkLine = line
            // A record longer than a block pushes the cut past later nominal cuts; the guard above skips those.
        }
        chunks.append(Chunk(start: chunkStart, end: bytes.count, firstLine: chunkLine))
        return chunks.filter { $0.end > $0.start }
    }
}
