import Foundation

/// Streams quarantined rows to `quarantine/<table>.csv` as they are found, in file order.
///
/// They hold raw records (identifiers, wages): the folder is 0700 and the files 0600
/// from the moment they exist, so no other user can open them even while they are written.
///
/// Rows are written as they come rather than kept, so a file full of bad rows
/// costs disk, not memory. Every table gets a file, with just the header when
/// nothing was quarantined, so that scripts can rely on it being there.
final class QuarantineWriter {
    static let columns = ["file", "line", "column", "reason", "detail", "record"]
    let folder: URL
    private var handles: [TableKind: FileHandle] = [:]
    private var buffers: [TableKind: [UInt8]] = [:]
    private var failure: OutputError?

    let raw: Bool

    init(folder: URL, raw: Bool = true) throws(OutputError) {
        self.folder = folder
        self.raw = raw
        // Private from the first system call, whatever the umask: the folder is made 0700 and
        // each file is created 0600 by the open(2) that creates it (O_EXCL: never an existing file).
        guard mkdir(folder.path, 0o700) == 0 || errno == EEXIST, chmod(folder.path, 0o700) == 0 else {
            throw .failed(creating: folder.path)
        }
        for table in TableKind.allCases {
            let path = self.path(table)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .failed(creating: path) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            guard fchmod(descriptor, 0o600) == 0 else {
                throw .cannotCreate(path: path, reason: FileOutput.lastError())
            }
            handles[table] = handle
            buffers[table] = CSVReportWriter(byteOrderMark: true).render(ReportTable(name: "", columns: Self.columns))
        }
    }

    /// File names written, relative to the output folder.
    var fileNames: [String] { TableKind.allCases.map { "quarantine/\($0.rawValue).csv" } }

    func path(_ table: TableKind) -> String { folder.appendingPathComponent("\(table.rawValue).csv").path }

    /// Adds one quarantined row.
    func append(_ entry: QuarantineEntry) {
        CSVReportWriter(byteOrderMark: false).appendLine(
            [
                .text(entry.file), .integer(entry.line), .text(entry.column), .text(entry.reason),
                .text(raw ? entry.detail : ""), .text(raw ? entry.record : ""),
            ], to: &buffers[entry.table, default: []])
        if buffers[entry.table, default: []].count > 1 << 20 { flush(entry.table) }
    }

    /// Writes what is buffered and flushes every file to disk.
    func finish() throws(OutputError) {
        for table in TableKind.allCases {
            flush(table)
            if let handle = handles[table] {
                do {
                    try handle.synchronize()
                    try handle.close()
                } catch {
                    failure = failure ?? .cannotWrite(path: path(table), reason: "\(error)")
                }
            }
        }
        if let failure { throw failure }
    }

    private func flush(_ table: TableKind) {
        guard let bytes = buffers[table], !bytes.isEmpty, let handle = handles[table] else { return }
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            failure = failure ?? .cannotWrite(path: path(table), reason: "\(error)")
        }
        buffers[table] = []
    }
}
