import CSQLite
import Foundation

/// A connection to an SQLite database (Debian's libsqlite3): statements, bound values, errors
/// that say what failed. The only file besides `RunHistory` that calls SQLite.
final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// Opens (or, with `create`, creates) the database at `path`; read-only without `writable`.
    init(path: String, writable: Bool = true, create: Bool = true) throws(HistoryError) {
        var flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY
        if writable, create { flags |= SQLITE_OPEN_CREATE }
        let status = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "status \(status)"
            sqlite3_close(handle)
            handle = nil
            throw HistoryError(path: path, reason: message)
        }
        // Another program's write (or a reader's lock) is waited for this long before giving up.
        sqlite3_busy_timeout(handle, 5_000)
    }

    deinit { sqlite3_close(handle) }

    var path: String { handle.flatMap { sqlite3_db_filename($0, "main").map { String(cString: $0) } } ?? "" }

    private func error(_ what: String) -> HistoryError {
        HistoryError(path: path, reason: "\(what): \(handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed")")
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(HistoryError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(message)
            throw HistoryError(path: path, reason: "\(text) (in \(sql.prefix(60))…)")
        }
    }

    /// A value to bind to a statement's parameter.
    enum Value {
        case text(String)
        case integer(Int)
        case real(Double)
        case null
    }

    /// A prepared statement, run once per set of values (`run`) or stepped for rows (`rows`).
    final class Statement {
        private let statement: OpaquePointer
        private let database: SQLiteDatabase

        fileprivate init(_ statement: OpaquePointer, _ database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        private func bind(_ values: [Value]) {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (index, value) in values.enumerated() {
                let position = Int32(index + 1)
                switch value {
                case .text(let text): sqlite3_bind_text(statement, position, text, -1, transient)
                case .integer(let number): sqlite3_bind_int64(statement, position, Int64(number))
                case .real(let number): sqlite3_bind_double(statement, position, number)
                case .null: sqlite3_bind_null(statement, position)
                }
            }
        }

        /// Runs the statement with `values` bound, for its effect.
        func run(_ values: [Value]) throws(HistoryError) {
            bind(values)
            let status = sqlite3_step(statement)
            guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.error("a write failed") }
        }

        /// The rows the statement gives with `values` bound, each as its columns' text (nil for NULL).
        func rows(_ values: [Value] = []) throws(HistoryError) -> [[String?]] {
            bind(values)
            var rows: [[String?]] = []
            while true {
                let status = sqlite3_step(statement)
                if status == SQLITE_DONE { break }
                guard status == SQLITE_ROW else { throw database.error("a read failed") }
                rows.append(
                    (0..<sqlite3_column_count(statement)).map { column in
                        sqlite3_column_text(statement, column).map { String(cString: $0) }
                    })
            }
            return rows
        }
    }

    func prepare(_ sql: String) throws(HistoryError) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error("cannot prepare \(sql.prefix(60))…")
        }
        return Statement(statement, self)
    }
}

/// Why the history database could not be read or written: its path and SQLite's reason.
public struct HistoryError: WorkforceError, Equatable {
    public let path: String
    public let reason: String
    public var exitStatus: ExitStatus { .cannotCreate }
    public var description: String { "history database \(path): \(reason)" }
}
