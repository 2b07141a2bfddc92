import Foundation

/// One input file and the table it belongs to.
public struct InputFile: Sendable, Equatable {
    public let table: TableKind
    /// Absolute path.
    public let path: String
    /// Path relative to the inputs folder, used in every message and report.
    public let name: String
    /// Tab-separated (`.tsv`) rather than comma-separated.
    public var isTabSeparated: Bool { name.lowercased().hasSuffix(".tsv") }
}

/// Finds the input files of each table in a folder, by file-name prefix.
///
/// `workers.csv`, `workers_2021.csv` and `workers/part-0001.csv` all belong to
/// the workers table. Files are taken in byte order of their relative paths, so
/// the order (and every result) is the same on every machine.
public enum InputCatalog {
    /// The input files under `folder`, grouped by table, in a stable order.
    public static func scan(_ folder: String) throws(InputError) -> [TableKind: [InputFile]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folderMissing(path: folder)
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw .unreadable(file: folder, reason: "cannot list the folder")
        }
        var found: [TableKind: [InputFile]] = [:]
        for case let relative as String in walker {
            let lower = relative.lowercased()
            guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") else { continue }
            guard let table = table(for: lower) else { continue }
            let path = root.appendingPathComponent(relative).path
            found[table, default: []].append(InputFile(table: table, path: path, name: relative))
        }
        for table in found.keys {
            found[table]?.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }
        guard found[.workers] != nil else { throw .noWorkersFile(folder: folder) }
        return found
    }

    /// The table a relative path belongs to: by its first path component's prefix.
    static func table(for relativePath: String) -> TableKind? {
        let first = relativePath.split(separator: "/").first.map(String.init) ?? relativePath
        // Longest prefix first, so that no table name shadows a longer one.
        let tables = TableKind.allCases.sorted { $0.filePrefix.count > $1.filePrefix.count }
        return tables.first { first.hasPrefix($0.filePrefix) }
    }
}
