/// Which field of a file's records holds each contract column, resolved from its header row.
public struct HeaderMap: Sendable, Equatable {
    /// For each column of the table's schema (same order), the field index in the file, or nil.
    public let fieldIndex: [Int?]
    /// Header names that match no column, kept out of the computation and reported.
    public let ignored: [String]
    /// Number of fields in the header row.
    public let width: Int

    /// Resolves `headers` against `columns`; throws when a required column is missing or a column appears twice.
    public init(headers: [String], columns: [ColumnSpec], file: String) throws(InputError) {
        let lookup = Self.columnIndex(columns)
        var fieldIndex = [Int?](repeating: nil, count: columns.count)
        var ignored: [String] = []
        for (position, header) in headers.enumerated() {
            let key = HeaderMap.normalise(header)
            guard let column = lookup[key] else {
                ignored.append(header)
                continue
            }
            if let first = fieldIndex[column] {
                throw InputError.duplicateColumn(
                    file: file, column: columns[column].name, firstField: first + 1, secondField: position + 1)
            }
            fieldIndex[column] = position
        }
        let missing = columns.indices.filter { columns[$0].required && fieldIndex[$0] == nil }.map { columns[$0].name }
        if !missing.isEmpty {
            // Only contract names are echoed: a file without a header row has data (ids, wages) in its first line.
            let recognised = fieldIndex.indices.filter { fieldIndex[$0] != nil }.map { columns[$0].name }
            throw InputError.missingColumns(
                file: file, columns: missing, fieldCount: headers.count, recognised: recognised)
        }
        self.fieldIndex = fieldIndex
        self.ignored = ignored
        self.width = headers.count
    }

    /// Index in `columns` of every header spelling (normalised) that selects a column.
    static func columnIndex(_ columns: [ColumnSpec]) -> [String: Int] {
        var lookup: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            for key in column.headerKeys { lookup[key] = index }
        }
        return lookup
    }

    /// Header text reduced for matching: trimmed (spaces, tabs, NBSP, full-width space) and lower-cased.
    static func normalise(_ header: String) -> String {
        header.trimmingWhitespace().lowercased()
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII, NBSP, ideographic space).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = {
            $0.isWhitespace || $0 == "\u{00A0}" || $0 == "\u{3000}" || $0 == "\u{FEFF}"
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
