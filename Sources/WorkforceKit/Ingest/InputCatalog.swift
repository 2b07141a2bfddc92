import Foundation

/// One input file and the table it belongs to.
public struct InputFile: Sendable, Equatable {
    public let table: TableKind
    /// Absolute path.
    public let path: String
    /// Path relative to the inputs folder, used in every message and report.
    public let name: String
    /// For one sheet of an .xlsx input (`name` is then `workers.xlsx!Sheet1`): which sheet, of which workbook.
    public var sheet: SheetPart? = nil

    /// Tab-separated (`.tsv`) rather than comma-separated.
    public var isTabSeparated: Bool { name.lowercased().hasSuffix(".tsv") }
    /// An Excel workbook (`.xlsx`), read sheet by sheet.
    public var isWorkbook: Bool { name.lowercased().hasSuffix(".xlsx") }

    /// A sheet of an .xlsx input: its position in the workbook and its name there (checked again
    /// when the workbook is reopened to read it), the workbook's own name, the sheet's header row (nil: none found, its first row stands as one) and how many of the
    /// workbook's sheets are read (each is counted a like share of its bytes, for progress).
    public struct SheetPart: Sendable, Equatable {
        public let index: Int
        public let sheetName: String
        public let workbookName: String
        public let headerRow: Int?
        public let sheets: Int
    }
}

/// Finds the input files of each table in a folder, by file-name prefix.
///
/// `workers.csv`, `workers_2021.csv` and `workers/part-0001.csv` all belong to
/// the workers table. Files are taken in byte order of their relative paths, so
/// the order (and every result) is the same on every machine.
///
/// Symbolic links are followed: the input folder itself, table folders and files
/// (a folder reached twice through links is listed once). Nothing that could hold
/// inputs is skipped silently: a table folder that cannot be listed, or an entry
/// named like an input that is not a plain file (a FIFO would block the run) or
/// cannot be examined, stops the run with status 66.
public enum InputCatalog {
    /// The input files under `folder`, grouped by table, in a stable order.
    public static func scan(_ folder: String) throws(InputError) -> [TableKind: [InputFile]] {
        var info = stat()
        guard stat(folder, &info) == 0 else { throw .folderMissing(path: folder) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .inputsNotAFolder(path: folder) }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        var walk = Walk(root: root)
        walk.seen.insert(FolderIdentity(info))
        try walk.list(relative: "", display: folder)
        var found = walk.found
        for table in found.keys {
            found[table]?.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }
        guard found[.workers] != nil else {
            // Files a bureau may have meant as the workers table, in a format the product cannot read.
            let unread = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
                let lower = name.lowercased()
                return lower.hasPrefix("workers")
                    && [".xls", ".et", ".ods", ".xlsb", ".numbers"].contains { lower.hasSuffix($0) }
            }.sorted()
            throw .noWorkersFile(folder: folder, unread: unread)
        }
        return found
    }

    /// The table a relative path belongs to: by its first path component's prefix.
    static func table(for relativePath: String) -> TableKind? {
        let first = relativePath.split(separator: "/").first.map(String.init) ?? relativePath
        // Longest prefix first, so that no table name shadows a longer one.
        let tables = TableKind.allCases.sorted { $0.filePrefix.count > $1.filePrefix.count }
        return tables.first { first.lowercased().hasPrefix($0.filePrefix) }
    }

    /// Whether a name ends like an input file.
    static func isInputName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".xlsx")
    }

    /// A depth-first listing of the input folder and its table folders.
    private struct Walk {
        let root: String
        var found: [TableKind: [InputFile]] = [:]
        var seen: Set<FolderIdentity> = []

        /// Lists the folder at `relative` (empty for the input folder itself).
        mutating func list(relative: String, display: String) throws(InputError) {
            let path = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .unreadableFolder(folder: display, reason: Self.reason(listing: path))
            }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                // Only the input folder's own entries and what lies in table folders can be inputs.
                guard let table = InputCatalog.table(for: child) else { continue }
                var info = stat()
                guard stat(root + "/" + child, &info) == 0 else {
                    // A dangling link or an entry that cannot be examined, named like an input.
                    guard isInputName(name) else { continue }
                    throw .unreadable(file: child, reason: String(cString: strerror(errno)))
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    // A folder reached a second time (a link loop) is not listed again.
                    guard seen.insert(FolderIdentity(info)).inserted else { continue }
                    try list(relative: child, display: child + "/")
                case S_IFREG:
                    guard isInputName(name) else { continue }
                    found[table, default: []].append(InputFile(table: table, path: root + "/" + child, name: child))
                default:
                    guard isInputName(name) else { continue }
                    throw .notRegularFile(file: child, kind: RegularFile.kindName(info.st_mode))
                }
            }
        }

        /// The system's reason (e.g. "Permission denied") why `path` cannot be listed.
        static func reason(listing path: String) -> String {
            guard let folder = opendir(path) else { return String(cString: strerror(errno)) }
            closedir(folder)
            return "cannot list it"
        }
    }
}

/// A folder's device and inode: the same folder reached by two paths has one identity.
private struct FolderIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
