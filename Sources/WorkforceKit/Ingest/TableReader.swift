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

    /// Reads `file`; returns its account. `fileNumber` tells files apart in duplicate messages.
    func read(
        _ file: InputFile,
        fileNumber: Int,
        duplicates: inout DuplicateKeyIndex,
        fileNames: [String],
        quarantine: (QuarantineEntry) -> Void,
        consume: ([[Validator.Row]]) -> Void
    ) throws(InputError) -> FileAccount {
        let mapped = try MappedFile(path: file.path, displayName: file.name)
        var account = FileAccount(table: file.table, file: file.name)
        account.bytes = mapped.bytes.count
        account.delimiter = file.isTabSeparated ? "tab" : ","
        let bytes = mapped.bytes
        guard bytes.count > 0 else { throw .emptyFile(file: file.name) }

        let encoding = try TextEncodingDetector.detect(bytes, file: file.name)
        account.encoding = encoding.name
        let parser = LibCSVParser(
            delimiter: file.isTabSeparated ? 0x09 : UInt8(ascii: ","), maxFieldBytes: maxFieldBytes)
        let header = try HeaderRow.read(bytes, from: encoding.bodyOffset, parser: parser, file: file.name)
        let columns = TableSchemas.columns(of: file.table)
        let map = try HeaderMap(headers: header.names, columns: columns, file: file.name)
        account.ignoredColumns = map.ignored

        let chunks = planner.plan(bytes, start: header.end, firstLine: header.bodyLine, jobs: jobs)
        let windowSize = max(2, jobs * 2)
        let shared = UnsafeSendable(bytes)
        var next = 0
        while next < chunks.count {
            let window = Array(chunks[next..<min(chunks.count, next + windowSize)])
            next += window.count
            let validated = concurrentMap(window.count, jobs: jobs) { index in
                validate(shared.value, window[index], map: map, columns: columns, file: file)
            }
            var accepted: [[Validator.Row]] = []
            accepted.reserveCapacity(validated.count)
            for chunk in validated {
                accepted.append(
                    settle(chunk, file: file, fileNumber: fileNumber, bytes: bytes, duplicates: &duplicates,
                           fileNames: fileNames, account: &account, quarantine: quarantine))
            }
            consume(accepted)
        }
        if FileIdentity(path: file.path) != mapped.identity {
            throw .changedDuringRun(file: file.name)
        }
        guard account.balances else {
            throw .notCSV(file: file.name, reason: "internal accounting mismatch: \(account.rowsRead) read, \(account.rowsAccepted) accepted, \(account.rowsQuarantined) quarantined")
        }
        return account
    }

    /// Parses and validates one chunk (runs concurrently with other chunks).
    private func validate(
        _ bytes: UnsafeRawBufferPointer, _ chunk: Chunk, map: HeaderMap, columns: [ColumnSpec], file: InputFile
    ) -> ValidatedChunk<Validator.Row> {
        var result = ValidatedChunk<Validator.Row>()
        let parser = LibCSVParser(delimiter: file.isTabSeparated ? 0x09 : UInt8(ascii: ","), maxFieldBytes: maxFieldBytes)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[chunk.start..<chunk.end])
        parser.parse(slice, firstLine: chunk.firstLine) { record in
            result.read += 1
            guard record.count == map.width else {
                let detail = "the record has \(record.count) field(s) but the header has \(map.width)"
                result.rejected.append(
                    QuarantineEntry(table: file.table, file: file.name, line: record.line, column: "",
                                    reason: "wrong field count", detail: detail, record: record.rawText))
                return
            }
            do throws(RowIssue) {
                let row = try validator.validate(FieldReader(record: record, header: map, columns: columns))
                result.rows.append(row)
                result.lines.append(record.line)
                let offset = chunk.start + slice.offset(of: record.raw)
                result.spans.append(offset..<offset + record.raw.count)
            } catch {
                result.rejected.append(
                    QuarantineEntry(table: file.table, file: file.name, line: record.line, column: error.column,
                                    reason: error.reason, detail: error.detail, record: record.rawText))
            }
        } malformed: { bad in
            result.read += 1
            result.rejected.append(
                QuarantineEntry(table: file.table, file: file.name, line: bad.line, column: "",
                                reason: bad.reason.hasPrefix("unterminated") ? "unterminated quote"
                                    : bad.reason.hasPrefix("field longer") ? "field too long" : "malformed quoting",
                                detail: bad.reason, record: bad.rawText))
        }
        return result
    }

    /// Checks duplicate keys in file order and accounts for the chunk; returns the accepted rows.
    private func settle(
        _ chunk: ValidatedChunk<Validator.Row>, file: InputFile, fileNumber: Int, bytes: UnsafeRawBufferPointer,
        duplicates: inout DuplicateKeyIndex, fileNames: [String], account: inout FileAccount,
        quarantine: (QuarantineEntry) -> Void
    ) -> [Validator.Row] {
        account.rowsRead += chunk.read
        var rejected = chunk.rejected
        var accepted: [Validator.Row] = []
        accepted.reserveCapacity(chunk.rows.count)
        for (index, row) in chunk.rows.enumerated() {
            guard let key = validator.duplicateKey(row),
                  let earlier = duplicates.insert(key, file: fileNumber, line: chunk.lines[index])
            else {
                accepted.append(row)
                continue
            }
            let raw = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[chunk.spans[index]]), as: UTF8.self)
            let place = earlier.file == fileNumber ? "line \(earlier.line)" : "\(fileNames[earlier.file]) line \(earlier.line)"
            let keyText = key.id.isEmpty ? "year \(key.year)" : "\(key.id) in \(key.year)"
            rejected.append(
                QuarantineEntry(table: file.table, file: file.name, line: chunk.lines[index], column: "",
                                reason: "duplicate key", detail: "\(keyText) was already seen on \(place)", record: raw))
            account.duplicateKeys += 1
        }
        rejected.sort { $0.line < $1.line }
        for entry in rejected {
            account.quarantine(reason: entry.reason)
            quarantine(entry)
        }
        account.rowsAccepted += accepted.count
        return accepted
    }
}

/// The outcome of parsing and validating one chunk, before duplicate keys are checked.
struct ValidatedChunk<Row: Sendable>: Sendable {
    var read = 0
    var rows: [Row] = []
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
