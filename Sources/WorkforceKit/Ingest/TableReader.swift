/// Reads the files of one table: chunks, parses and validates them in parallel, in file order.
///
/// For each file: map it, strip a UTF-8 BOM, resolve the header, cut the body
/// into chunks (`ChunkPlanner`), then take the chunks a window at a time: the
/// window's chunks are parsed (libcsv) and validated concurrently, one parser
/// each; then, in chunk order, duplicate keys are checked, quarantined rows are
/// handed to `quarantine`, and the accepted rows go to `consume`. Memory is one
/// window of chunks, whatever the size of the file.
struct TableReader<Validator: RowValidator> {
    let validator: Validator
    let jobs: Int
    let planner: ChunkPlanner
    let maxFieldBytes: Int
    /// Encoding given with `--encoding`, overriding detection.
    var forcedEncoding: TextEncoding? = nil
    /// Header spellings the survey plan adds, by column name.
    var aliases: [String: [String]] = [:]

    /// Numbers of the files that are sheets of a workbook: a duplicate names their rows by cell
    /// (`workers.xlsx!A!A6`), as quarantine does, not by line.
    var sheetFileNumbers: Set<Int> = []

    /// Columns the plan declares for this table, after the contract's (`DeclaredColumn.spec`).
    var declaredColumns: [ColumnSpec] = []

    /// The table's columns with the plan's header spellings, then the plan's declared columns.
    var columns: [ColumnSpec] { TableSchemas.columns(of: Validator.table, aliases: aliases) + declaredColumns }

    /// Reads `file`; returns its account. `fileNumber` tells files apart in duplicate messages.
    func read(
        _ file: InputFile,
        fileNumber: Int,
        duplicates: inout DuplicateKeyIndex,
        fileNames: [String],
        quarantine: (QuarantineEntry) -> Void,
        consume: ([Validator.Batch]) throws(InputError) -> Void,
        advanced: (Int) -> Void = { _ in }
    ) throws(InputError) -> FileAccount {
        if let part = file.sheet {
            return try read(
                sheet: file, part, fileNumber: fileNumber, duplicates: &duplicates, fileNames: fileNames,
                quarantine: quarantine, consume: consume, advanced: advanced)
        }
        let mapped = try MappedFile(path: file.path, displayName: file.name)
        func changed() -> Bool { mapped.wasTruncated || FileIdentity(path: file.path) != mapped.identity }
        var account: FileAccount
        do throws(InputError) {
            account = try read(
                contents: mapped.bytes, file: file, fileNumber: fileNumber, duplicates: &duplicates,
                fileNames: fileNames, quarantine: quarantine, consume: consume, releasingConsumedPages: true,
                truncated: { mapped.wasTruncated }, advanced: advanced)
        } catch {
            // A file cut short reads as zeros past its new end, which may fail parsing first: name the cause.
            throw changed() ? .changedDuringRun(file: file.name) : error
        }
        if changed() { throw .changedDuringRun(file: file.name) }
        account.readIdentity = mapped.identity
        return account
    }

    /// Reads a file's contents already in memory (the mapped file, or bytes from the fuzzer).
    ///
    /// With `releasingConsumedPages` (only for a read-only file mapping), each window's pages are
    /// dropped from the process once its rows are consumed, so resident memory does not grow with
    /// the file; the kernel keeps them in its page cache. `truncated` says whether the mapping has
    /// been cut short under the read (`MappedFile.wasTruncated`): no window parsed after that is consumed.
    /// `advanced` receives the bytes of the file read so far after each window (for progress).
    func read(
        contents bytes: UnsafeRawBufferPointer, file: InputFile, fileNumber: Int, duplicates: inout DuplicateKeyIndex,
        fileNames: [String], quarantine: (QuarantineEntry) -> Void,
        consume: ([Validator.Batch]) throws(InputError) -> Void, releasingConsumedPages: Bool = false,
        truncated: () -> Bool = { false }, advanced: (Int) -> Void = { _ in }
    ) throws(InputError) -> FileAccount {
        guard bytes.count > 0 else { throw .emptyFile(file: file.name) }
        let detected = TextEncodingDetector.detect(
            bytes, forced: forcedEncoding, table: file.table, delimiter: file.isTabSeparated ? 0x09 : UInt8(ascii: ","),
            releasingScannedPages: releasingConsumedPages)
        var account = FileAccount(table: file.table, file: file.name)
        account.bytes = bytes.count
        account.delimiter = file.isTabSeparated ? "tab" : ","
        account.encoding = detected.name
        account.encodingEvidence = detected.evidence
        for column in Validator.columnsWithOther { account.mappedToOther[column] = 0 }
        let text = TextForm(encoding: detected.encoding)
        if text.isUTF16 {
            // UTF-16 is transcoded whole (bad units become U+FFFD, which quarantines their field):
            // libcsv and the chunker work on bytes where "," and LF are single bytes.
            let body = UnsafeRawBufferPointer(rebasing: bytes[detected.bodyOffset...])
            guard let transcoder = Transcoder(from: detected.encoding),
                let utf8 = transcoder.utf8(body, replacing: true)
            else {
                throw .unsupportedEncoding(file: file.name, encoding: detected.encoding.rawValue)
            }
            let outcome = utf8.withUnsafeBytes { bytes in
                Result { () throws(InputError) in
                    // Progress in the file's own bytes: the transcoded text is longer than the file.
                    try readText(
                        bytes, from: 0, text: text, file: file, fileNumber: fileNumber, account: &account,
                        duplicates: &duplicates, fileNames: fileNames, quarantine: quarantine, consume: consume,
                        truncated: truncated, advanced: { advanced($0 * body.count / max(1, bytes.count)) })
                }
            }
            try outcome.get()
        } else {
            try readText(
                bytes, from: detected.bodyOffset, text: text, file: file, fileNumber: fileNumber,
                account: &account, duplicates: &duplicates, fileNames: fileNames, quarantine: quarantine,
                consume: consume, releasingConsumedPages: releasingConsumedPages, truncated: truncated,
                advanced: advanced)
        }
        guard account.balances else {
            throw .notCSV(
                file: file.name,
                reason:
                    "internal accounting mismatch: \(account.rowsRead) read, \(account.rowsAccepted) accepted, \(account.rowsQuarantined) quarantined"
            )
        }
        return account
    }

    /// Reads the text of one file (UTF-8, or GB18030 decoded per field) from `start`.
    private func readText(
        _ bytes: UnsafeRawBufferPointer, from start: Int, text: TextForm, file: InputFile, fileNumber: Int,
        account: inout FileAccount, duplicates: inout DuplicateKeyIndex, fileNames: [String],
        quarantine: (QuarantineEntry) -> Void, consume: ([Validator.Batch]) throws(InputError) -> Void,
        releasingConsumedPages: Bool = false, truncated: () -> Bool = { false }, advanced: (Int) -> Void
    ) throws(InputError) {
        let parser = LibCSVParser(
            delimiter: file.isTabSeparated ? 0x09 : UInt8(ascii: ","), maxFieldBytes: maxFieldBytes)
        let headerDecoder = text.decoder()
        let columns = self.columns
        // A title line or two above the header (a report's name, as a bureau's export puts it) is
        // passed over, as in a workbook sheet: lines that name no column of the table, at most 5,
        // before a line that does. A first line that names some columns stays the header.
        var header: HeaderRow
        var found: HeaderMap
        var headerStart = start
        var linesAbove = 0
        var firstRefusal: InputError?
        while true {
            header = try HeaderRow.read(bytes, from: headerStart, parser: parser, file: file.name) { field in
                text.string(UnsafeRawBufferPointer(field), decoder: headerDecoder)
            }
            do throws(InputError) {
                found = try HeaderMap(headers: header.names, columns: columns, file: file.name)
                break
            } catch {
                guard case .missingColumns(_, _, _, let recognised) = error, recognised.isEmpty, linesAbove < 5,
                    header.end < bytes.count
                else { throw firstRefusal ?? error }
                firstRefusal = firstRefusal ?? error
                linesAbove += header.bodyLine - 1
                headerStart = header.end
            }
        }
        if linesAbove > 0 {
            header = HeaderRow(names: header.names, end: header.end, bodyLine: header.bodyLine + linesAbove)
            account.titleLines = linesAbove
        }
        let map = found
        account.ignoredColumns = map.ignored

        // Planning reads the whole file, dropping each block's pages once scanned (and then the
        // few read past a block's end); they come back from the page cache a window at a time.
        let chunks = planner.plan(
            bytes, start: header.end, firstLine: header.bodyLine, for: parser, jobs: jobs,
            releasingScannedPages: releasingConsumedPages)
        if releasingConsumedPages { MappedFile.release(bytes, from: header.end, to: bytes.count) }
        // About one row per line: room for the file's keys at once instead of rehashing them as it grows.
        if let last = chunks.last, chunks.count > 1 {
            let linesBefore = last.firstLine - header.bodyLine
            let bytesPerLine = Double(last.start - header.end) / Double(max(1, linesBefore))
            duplicates.reserve(linesBefore + Int(Double(last.end - last.start) / max(1, bytesPerLine)))
        }
        let windowSize = max(2, jobs * 2)
        let shared = UnsafeSendable(bytes)
        let reader = self
        // While this thread settles and consumes a window in file order, the next one is parsed.
        func launch(_ first: Int) -> (end: Int, result: BackgroundResult<[ValidatedChunk<Validator.Batch>]>)? {
            guard first < chunks.count else { return nil }
            let window = Array(chunks[first..<min(chunks.count, first + windowSize)])
            let result = BackgroundResult(inline: reader.jobs == 1) {
                concurrentMap(window.count, jobs: reader.jobs) { index in
                    reader.validate(shared.value, window[index], map: map, columns: columns, file: file, text: text)
                }
            }
            return (first + window.count, result)
        }
        var pending = launch(0)
        // On an error the window being parsed must finish before the caller unmaps the file.
        defer { if let pending { _ = pending.result.wait() } }
        var windowStart = 0
        while let current = pending {
            let validated = current.result.wait()
            // Rows parsed from the zero pages that replaced a truncated file's tail must not reach `consume`.
            if truncated() { throw .changedDuringRun(file: file.name) }
            pending = launch(current.end)
            var accepted: [Validator.Batch] = []
            accepted.reserveCapacity(validated.count)
            for chunk in validated {
                accepted.append(
                    settle(
                        chunk, file: file, fileNumber: fileNumber, bytes: bytes, text: text, duplicates: &duplicates,
                        fileNames: fileNames, account: &account, quarantine: quarantine,
                        key: { reader.duplicateKey(of: $0, parser: parser, map: map, columns: columns, text: text) }))
            }
            try consume(accepted)
            advanced(chunks[current.end - 1].end)
            if releasingConsumedPages {
                MappedFile.release(bytes, from: chunks[windowStart].start, to: chunks[current.end - 1].end)
            }
            windowStart = current.end
        }
    }

    /// Parses and validates one chunk (runs concurrently with other chunks).
    private func validate(
        _ bytes: UnsafeRawBufferPointer, _ chunk: Chunk, map: HeaderMap, columns: [ColumnSpec], file: InputFile,
        text: TextForm
    ) -> ValidatedChunk<Validator.Batch> {
        var result = ValidatedChunk(rows: validator.makeBatch())
        let decoder = text.decoder()  // one iconv handle per chunk: handles are not shared between threads
        let parser = LibCSVParser(
            delimiter: file.isTabSeparated ? 0x09 : UInt8(ascii: ","), maxFieldBytes: maxFieldBytes)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[chunk.start..<chunk.end])
        parser.parse(slice, firstLine: chunk.firstLine) { record in
            result.read += 1
            if text.isUTF16, record.raw.contains(0xBD), containsReplacement(record.raw) {
                result.rejected.append(
                    QuarantineEntry(
                        table: file.table, file: file.name, line: record.line, column: "",
                        reason: "invalid UTF-16", detail: "the record holds a broken UTF-16 sequence (shown as �)",
                        record: text.string(record.raw, decoder: decoder)))
                return
            }
            guard record.count == map.width else {
                let detail = "the record has \(record.count) field(s) but the header has \(map.width)"
                result.rejected.append(
                    QuarantineEntry(
                        table: file.table, file: file.name, line: record.line, column: "",
                        reason: "wrong field count", detail: detail, record: text.string(record.raw, decoder: decoder)))
                return
            }
            do throws(RowIssue) {
                let fields = FieldReader(
                    record: record, header: map, columns: columns, decoder: decoder)
                try validator.validate(fields, into: &result.rows)
                result.lines.append(record.line)
                let offset = chunk.start + slice.offset(of: record.raw)
                result.spans.append(offset..<offset + record.raw.count)
            } catch {
                result.rejected.append(
                    QuarantineEntry(
                        table: file.table, file: file.name, line: record.line, column: error.column,
                        reason: error.reason, detail: error.detail, record: text.string(record.raw, decoder: decoder)))
            }
        } malformed: { bad in
            result.read += 1
            result.rejected.append(
                QuarantineEntry(
                    table: file.table, file: file.name, line: bad.line, column: "",
                    reason: bad.reason.hasPrefix("unterminated")
                        ? "unterminated quote"
                        : bad.reason.hasPrefix("field longer") ? "field too long" : "malformed quoting",
                    detail: bad.reason, record: bad.text { text.string($0, decoder: decoder) }))
        }
        return result
    }

    /// Checks duplicate keys in file order and accounts for the chunk; returns the accepted rows.
    /// `key` reads a duplicate's key from its record, for the message.
    private func settle(
        _ chunk: ValidatedChunk<Validator.Batch>, file: InputFile, fileNumber: Int, bytes: UnsafeRawBufferPointer,
        text: TextForm, duplicates: inout DuplicateKeyIndex, fileNames: [String], account: inout FileAccount,
        quarantine: (QuarantineEntry) -> Void, key: (UnsafeRawBufferPointer) -> DuplicateKey?
    ) -> Validator.Batch {
        account.rowsRead += chunk.read
        var rejected = chunk.rejected
        var duplicateRows: [Int] = []
        for index in 0..<chunk.rows.count {
            guard let fingerprint = chunk.rows.keyFingerprint(index),
                let earlier = duplicates.insert(fingerprint: fingerprint, file: fileNumber, line: chunk.lines[index])
            else { continue }
            duplicateRows.append(index)
            let record = UnsafeRawBufferPointer(rebasing: bytes[chunk.spans[index]])
            let raw = text.string(record, decoder: text.decoder())
            let place =
                sheetFileNumbers.contains(earlier.file)
                ? "\(fileNames[earlier.file])!A\(earlier.line)"
                : earlier.file == fileNumber
                    ? "line \(earlier.line)" : "\(fileNames[earlier.file]) line \(earlier.line)"
            let keyText =
                switch key(record) {
                case let key? where !key.id.isEmpty: "\(key.id) in \(key.year)"
                case let key?: "year \(key.year)"
                case nil: "its key"
                }
            rejected.append(
                QuarantineEntry(
                    table: file.table, file: file.name, line: chunk.lines[index], column: "",
                    reason: "duplicate key", detail: "\(keyText) was already seen on \(place)", record: raw))
            account.duplicateKeys += 1
        }
        rejected.sort { $0.line < $1.line }
        for entry in rejected {
            account.quarantine(reason: entry.reason)
            quarantine(entry)
        }
        var accepted = chunk.rows
        // Rows are copied only when a chunk holds a duplicate (rare).
        if !duplicateRows.isEmpty { accepted.remove(duplicateRows) }
        if !Validator.columnsWithOther.isEmpty { accepted.countMappedToOther(into: &account.mappedToOther) }
        account.rowsAccepted += accepted.count
        return accepted
    }

    /// The unique key of one accepted record (its bytes in the file), read again for a message.
    private func duplicateKey(
        of record: UnsafeRawBufferPointer, parser: LibCSVParser, map: HeaderMap, columns: [ColumnSpec], text: TextForm
    ) -> DuplicateKey? {
        var key: DuplicateKey?
        parser.parse(record, firstLine: 1) { fields in
            key = try? validator.duplicateKey(
                FieldReader(record: fields, header: map, columns: columns, decoder: text.decoder()))
        } malformed: { _ in
        }
        return key
    }
}

/// The outcome of parsing and validating one chunk, before duplicate keys are checked.
struct ValidatedChunk<Rows: RowBatch>: Sendable {
    var read = 0
    var rows: Rows
    /// Line of each accepted row.
    var lines: [Int] = []
    /// Byte range of each accepted row in the file, to quote it if it proves a duplicate.
    var spans: [Range<Int>] = []
    var rejected: [QuarantineEntry] = []
}

extension UnsafeRawBufferPointer {
    /// Offset of `part`, a slice of this buffer, from this buffer's start.
    func offset(of part: UnsafeRawBufferPointer) -> Int {
        guard let base = baseAddress, let start = part.baseAddress else { return 0 }
        return base.distance(to: start)
    }
}

/// How the bytes being parsed encode text: UTF-8 (possibly transcoded from UTF-16), or GB18030 decoded per field.
struct TextForm: Sendable {
    let encoding: TextEncoding

    var isUTF16: Bool { encoding == .utf16le || encoding == .utf16be }

    /// A fresh decoder for GB18030 text (one per thread), nil otherwise.
    func decoder() -> Transcoder? {
        encoding == .gb18030 ? Transcoder(from: .gb18030) : nil
    }

    /// Text for messages and quarantine: decoded, bad sequences shown as U+FFFD.
    func string(_ bytes: UnsafeRawBufferPointer, decoder: Transcoder?) -> String {
        Self.string(bytes, decoder: decoder)
    }

    /// Text of `bytes` decoded by `decoder` (GB18030), or read as UTF-8 without one; bad sequences as U+FFFD.
    static func string(_ bytes: UnsafeRawBufferPointer, decoder: Transcoder?) -> String {
        if let decoder, bytes.contains(where: { $0 >= 0x80 }), let utf8 = decoder.utf8(bytes, replacing: true) {
            return String(decoding: utf8, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Whether `bytes` holds U+FFFD (EF BF BD), the mark the UTF-16 transcoder leaves for a broken unit.
private func containsReplacement(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count >= 3 else { return false }
    for index in 0...(bytes.count - 3)
    where bytes[index] == 0xEF && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xBD {
        return true
    }
    return false
}
