import Foundation

/// The history of every published run in an SQLite database (`Outputs/history.sqlite`): one row
/// per run, its inputs, its quarantine counts, and every row of every long-form report; and every
/// attempt's status (`attempts`), failed ones included.
///
/// A run is appended in one transaction before `latest` moves, marked unpublished; once the
/// run is published a second transaction marks it so. A run killed in between leaves a run
/// marked unpublished (queries take `published = 1`), never half a run. The database is in
/// WAL mode, so readers (sqlite3, DuckDB, Python, Excel through ODBC) never block a run and a
/// run never blocks them. docs/history.md gives the schema and example queries.
public struct RunHistory {
    /// The file name in the output folder.
    public static let fileName = "history.sqlite"

    /// One run's facts.
    public struct Run {
        public let id: String
        public let started: Date
        public let finished: Date
        public let planSHA256: String?
        public let inputs: [(file: String, bytes: Int, sha256: String)]
        public let accounts: [FileAccount]
    }

    static let schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 0,
            plan_sha256 TEXT,
            inputs_sha256 TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            rows_accepted INTEGER NOT NULL,
            rows_quarantined INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS inputs (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (run_id, file)
        );
        CREATE TABLE IF NOT EXISTS quarantine_counts (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            file TEXT NOT NULL,
            reason TEXT NOT NULL,
            rows INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS indicators (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            report TEXT NOT NULL,
            row_number INTEGER NOT NULL,
            year INTEGER,
            scope TEXT,
            by_variable TEXT,
            domain TEXT,
            indicator TEXT,
            n INTEGER,
            estimate REAL,
            se REAL,
            ci_low REAL,
            ci_high REAL,
            flag TEXT,
            cells TEXT NOT NULL,
            PRIMARY KEY (run_id, report, row_number)
        );
        CREATE TABLE IF NOT EXISTS attempts (
            run_id TEXT PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            outcome TEXT NOT NULL,
            exit_status INTEGER NOT NULL,
            meaning TEXT NOT NULL,
            message TEXT,
            published_run TEXT
        );
        CREATE INDEX IF NOT EXISTS indicators_across_runs
            ON indicators (indicator, by_variable, domain, scope, year, run_id);
        CREATE INDEX IF NOT EXISTS quarantine_counts_run ON quarantine_counts (run_id);
        """

    let database: SQLiteDatabase

    /// Opens (creating) the history at `path`, its schema made where missing.
    public init(path: String) throws(HistoryError) {
        database = try SQLiteDatabase(path: path)
        try database.execute(Self.schema)
        try database.execute("PRAGMA foreign_keys = ON;")
    }

    /// Opens an existing history for reading only.
    public init(readingFrom path: String) throws(HistoryError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw HistoryError(path: path, reason: "no such file: no run has been published with a history yet")
        }
        database = try SQLiteDatabase(path: path, writable: false)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Appends `run` with every long-form report among `tables` (a table with an `indicator`
    /// column), unpublished, and drops runs that started more than `keepDays` days before it.
    public func append(_ run: Run, tables: [ReportTable], keepDays: Int?) throws(HistoryError) {
        try database.execute("BEGIN IMMEDIATE;")
        do throws(HistoryError) {
            let inputsDigest = Checksum.sha256(Data(run.inputs.map { "\($0.file)\t\($0.sha256)\n" }.joined().utf8))
            try database.prepare(
                "INSERT INTO runs (run_id, started, finished, published, plan_sha256, inputs_sha256, rows_read, rows_accepted, rows_quarantined) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)"
            ).run([
                .text(run.id), .text(Self.timestamp(run.started)), .text(Self.timestamp(run.finished)),
                run.planSHA256.map { .text($0) } ?? .null, .text(inputsDigest),
                .integer(run.accounts.reduce(0) { $0 + $1.rowsRead }),
                .integer(run.accounts.reduce(0) { $0 + $1.rowsAccepted }),
                .integer(run.accounts.reduce(0) { $0 + $1.rowsQuarantined }),
            ])
            let input = try database.prepare("INSERT INTO inputs (run_id, file, bytes, sha256) VALUES (?, ?, ?, ?)")
            for entry in run.inputs {
                try input.run([.text(run.id), .text(entry.file), .integer(entry.bytes), .text(entry.sha256)])
            }
            let quarantined = try database.prepare(
                "INSERT INTO quarantine_counts (run_id, table_name, file, reason, rows) VALUES (?, ?, ?, ?, ?)")
            for account in run.accounts {
                for (reason, rows) in account.quarantinedByReason.sorted(by: { $0.key < $1.key }) {
                    try quarantined.run([
                        .text(run.id), .text(account.table.rawValue), .text(account.file), .text(reason),
                        .integer(rows),
                    ])
                }
            }
            let row = try database.prepare(
                "INSERT INTO indicators (run_id, report, row_number, year, scope, by_variable, domain, indicator, n, estimate, se, ci_low, ci_high, flag, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            )
            for table in tables where table.columns.contains("indicator") {
                let position = Dictionary(table.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                for (number, cells) in table.rows.enumerated() {
                    func value(_ column: String, _ kind: (ReportCell) -> SQLiteDatabase.Value) -> SQLiteDatabase.Value {
                        guard let index = position[column], index < cells.count else { return .null }
                        return kind(cells[index])
                    }
                    try row.run([
                        .text(run.id), .text(table.name), .integer(number + 1), value("year", Self.integer),
                        value("scope", Self.text), value("by", Self.text), value("domain", Self.text),
                        value("indicator", Self.text), value("n", Self.integer), value("estimate", Self.real),
                        value("se", Self.real), value("ci_low", Self.real), value("ci_high", Self.real),
                        value("flag", Self.text), .text(Self.json(table.columns, cells)),
                    ])
                }
            }
            if let keepDays {
                let cutoff = run.started.addingTimeInterval(-Double(keepDays) * 86_400)
                try database.prepare("DELETE FROM runs WHERE started < ?").run([.text(Self.timestamp(cutoff))])
            }
            try database.execute("COMMIT;")
        } catch {
            try? database.execute("ROLLBACK;")
            throw error
        }
    }

    /// Records an attempt as status.json describes it (every attempt: published, nothing to do, failed).
    public func record(_ status: RunStatus) throws(HistoryError) {
        try database.prepare(
            "INSERT OR REPLACE INTO attempts (run_id, started, finished, outcome, exit_status, meaning, message, published_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).run([
            .text(status.runID), .text(status.started), status.finished.map { .text($0) } ?? .null,
            .text(status.outcome),
            .integer(Int(status.exitStatus)), .text(status.meaning), status.message.map { .text($0) } ?? .null,
            status.publishedRun.map { .text($0) } ?? .null,
        ])
    }

    /// Marks run `id` published (after `latest` points at it).
    public func markPublished(_ id: String) throws(HistoryError) {
        try database.prepare("UPDATE runs SET published = 1 WHERE run_id = ?").run([.text(id)])
    }

    static func text(_ cell: ReportCell) -> SQLiteDatabase.Value {
        switch cell {
        case .text(let text): .text(text)
        case .integer(let value): .text(String(value))
        case .number(let value): value.isFinite ? .text(CSVReportWriter.format(value)) : .null
        case .empty: .null
        }
    }

    static func integer(_ cell: ReportCell) -> SQLiteDatabase.Value {
        switch cell {
        case .integer(let value): .integer(value)
        case .number(let value) where value.isFinite && value == value.rounded(): .integer(Int(value))
        case .text(let text): Int(text).map { .integer($0) } ?? .null
        default: .null
        }
    }

    static func real(_ cell: ReportCell) -> SQLiteDatabase.Value {
        switch cell {
        case .number(let value) where value.isFinite: .real(value)
        case .integer(let value): .real(Double(value))
        default: .null
        }
    }

    /// The row as a JSON object of its cells in column order, each as the CSV report writes it (empty: "").
    static func json(_ columns: [String], _ cells: [ReportCell]) -> String {
        var out = "{"
        for (index, column) in columns.enumerated() where index < cells.count {
            if index > 0 { out += "," }
            let text: String
            switch cells[index] {
            case .text(let value): text = FormulaGuard.neutralise(value)
            case .integer(let value): text = String(value)
            case .number(let value): text = value.isFinite ? CSVReportWriter.format(value) : ""
            case .empty: text = ""
            }
            quoted(column, into: &out)
            out += ":"
            quoted(text, into: &out)
        }
        return out + "}"
    }

    /// `text` as a JSON string.
    private static func quoted(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
