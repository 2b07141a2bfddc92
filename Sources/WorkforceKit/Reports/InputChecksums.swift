/// SHA-256 and size of every input file, by path relative to the inputs folder.
struct InputChecksums: Sendable {
    struct Entry: Sendable, Equatable {
        let table: TableKind
        let path: String
        let bytes: Int
        let sha256: String
    }

    let entries: [Entry]

    /// Hashes every file of the catalog, tables in contract order, files in catalog order.
    init(catalog: [TableKind: [InputFile]]) throws(InputError) {
        var entries: [Entry] = []
        for table in TableKind.allCases {
            for file in catalog[table] ?? [] {
                let size = FileIdentity(path: file.path)?.size ?? 0
                entries.append(
                    Entry(table: table, path: file.name, bytes: size, sha256: try Checksum.sha256(path: file.path)))
            }
        }
        self.entries = entries
    }
}
