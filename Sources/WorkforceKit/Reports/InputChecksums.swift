/// SHA-256 and size of every input file, by path relative to the inputs folder.
struct InputChecksums: Sendable {
    struct Entry: Sendable, Equatable {
        let table: TableKind
        let path: String
        let bytes: Int
        let sha256: String
        /// The version of the file hashed, compared with the version read (`FileAccount.readIdentity`).
        let identity: FileIdentity?
    }

    let entries: [Entry]

    /// Throws `changedDuringRun` for an input whose hashed version is not the version read: the
    /// manifest, and `--if-changed` after it, would describe data the reports were not computed from.
    func checkSameVersion(as accounts: [FileAccount]) throws(InputError) {
        for account in accounts {
            guard let entry = entries.first(where: { $0.path == account.inputFile }) else { continue }
            if entry.identity != account.readIdentity { throw .changedDuringRun(file: account.inputFile) }
        }
    }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// Hashes every file of the catalog, tables in contract order, files in catalog order.
    init(catalog: [TableKind: [InputFile]]) throws(InputError) {
        var entries: [Entry] = []
        for table in TableKind.allCases {
            for file in catalog[table] ?? [] {
                let hashed = try Checksum.sha256(identifying: file.path, displayName: file.name)
                entries.append(
                    Entry(
                        table: table, path: file.name, bytes: hashed.identity.size, sha256: hashed.sha256,
                        identity: hashed.identity))
            }
        }
        self.entries = entries
    }
}
