import Foundation

/// What moved between two published runs of the history: every estimate whose value changed,
/// rows that appeared or disappeared, and inputs that changed (by SHA-256) — `workforce diff`.
///
/// An estimate "moved beyond its uncertainty" when |Δ| > z·√(se_a² + se_b²): a screening rule
/// that points at the rows worth a look, not a test (the two runs' estimates share most of
/// their data and are far from independent).
public struct HistoryDiff: Sendable {
    /// One row of a report, identified across runs by its report, year, scope, breakdown,
    /// domain, indicator and (changes.csv) base year and kind of change.
    public struct Key: Hashable, Comparable, Sendable {
        public let report: String
        public let year: String
        public let scope: String
        public let by: String
        public let domain: String
        public let indicator: String
        public let detail: String

        public static func < (a: Key, b: Key) -> Bool {
            [a.report, a.indicator, a.year, a.scope, a.by, a.domain, a.detail].lexicographicallyPrecedes(
                [b.report, b.indicator, b.year, b.scope, b.by, b.domain, b.detail])
        }
    }

    /// A row's estimate and SE in a run (nil where the row has none), and its cells.
    public struct Value: Sendable, Equatable {
        public let estimate: Double?
        public let se: Double?
        public let cells: String
    }

    public struct Change: Sendable {
        public let key: Key
        /// "changed", "appeared" or "disappeared".
        public let status: String
        public let before: Value?
        public let after: Value?
        /// Whether |Δ| > z·√(se_a² + se_b²); nil without both SEs.
        public let beyondUncertainty: Bool?

        public var difference: Double? {
            guard let a = before?.estimate, let b = after?.estimate else { return nil }
            return b - a
        }
    }

    public let runA: String
    public let runB: String
    public let z: Double
    public let changes: [Change]
    /// Inputs whose SHA-256 differs, or that only one run read: (file, status).
    public let inputs: [(file: String, status: String)]

    /// The CSV `--out` writes.
    public var csv: String {
        var lines = [
            "report,year,scope,by,domain,indicator,detail,status,estimate_a,estimate_b,difference,se_a,se_b,beyond_uncertainty"
        ]
        func number(_ value: Double?) -> String { value.map { CSVReportWriter.format($0) } ?? "" }
        func field(_ text: String) -> String {
            let safe = FormulaGuard.neutralise(text)
            return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }
        for change in changes {
            let k = change.key
            lines.append(
                [
                    field(k.report), field(k.year), field(k.scope), field(k.by), field(k.domain), field(k.indicator),
                    field(k.detail), change.status, number(change.before?.estimate), number(change.after?.estimate),
                    number(change.difference), number(change.before?.se), number(change.after?.se),
                    change.beyondUncertainty.map { $0 ? "yes" : "no" } ?? "",
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunHistory {
    /// The published runs, oldest first.
    public func publishedRuns() throws(HistoryError) -> [(id: String, started: String)] {
        try database.prepare("SELECT run_id, started FROM runs WHERE published = 1 ORDER BY started, run_id").rows().map
        {
            ($0[0] ?? "", $0[1] ?? "")
        }
    }

    private func rows(of run: String) throws(HistoryError) -> [HistoryDiff.Key: HistoryDiff.Value] {
        let rows = try database.prepare(
            """
            SELECT report, coalesce(year, ''), coalesce(scope, ''), coalesce(by_variable, ''), coalesce(domain, ''),
                   coalesce(indicator, ''), coalesce(json_extract(cells, '$.base_year'), '') || ' ' ||
                   coalesce(json_extract(cells, '$.change'), ''), estimate, se, cells
            FROM indicators WHERE run_id = ?
            """
        ).rows([.text(run)])
        var result: [HistoryDiff.Key: HistoryDiff.Value] = [:]
        for row in rows {
            let key = HistoryDiff.Key(
                report: row[0] ?? "", year: row[1] ?? "", scope: row[2] ?? "", by: row[3] ?? "", domain: row[4] ?? "",
                indicator: row[5] ?? "", detail: (row[6] ?? "").trimmingCharacters(in: .whitespaces))
            result[key] = HistoryDiff.Value(
                estimate: row[7].flatMap(Double.init), se: row[8].flatMap(Double.init), cells: row[9] ?? "")
        }
        return result
    }

    private func inputs(of run: String) throws(HistoryError) -> [String: String] {
        Dictionary(
            try database.prepare("SELECT file, sha256 FROM inputs WHERE run_id = ?").rows([.text(run)]).map {
                ($0[0] ?? "", $0[1] ?? "")
            }, uniquingKeysWith: { a, _ in a })
    }

    /// What moved from run `a` to run `b` (by default the last two published runs), `z` the screening multiple.
    public func diff(_ a: String?, _ b: String?, z: Double) throws(HistoryError) -> HistoryDiff {
        let runs = try publishedRuns().map(\.id)
        let known = Set(try database.prepare("SELECT run_id FROM runs").rows().compactMap { $0[0] })
        let runB = b ?? runs.last
        // By default the published run before B.
        let runA = a ?? runB.flatMap { latest in runs.firstIndex(of: latest).flatMap { $0 > 0 ? runs[$0 - 1] : nil } }
        guard let runA, let runB else {
            throw HistoryError(path: database.path, reason: "fewer than two published runs to compare (\(runs.count))")
        }
        for run in [runA, runB] where !known.contains(run) {
            throw HistoryError(
                path: database.path,
                reason: "no run \(run) (the last runs: \(runs.suffix(5).joined(separator: ", ")))")
        }
        let (before, after) = (try rows(of: runA), try rows(of: runB))
        var changes: [HistoryDiff.Change] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let (old, new) = (before[key], after[key])
            guard old != new else { continue }
            if let old, let new {
                if old.estimate == new.estimate, old.estimate != nil, old.se == new.se { continue }
                if old.estimate == nil, new.estimate == nil, old.cells == new.cells { continue }
                var beyond: Bool? = nil
                if let x = old.estimate, let y = new.estimate, let sa = old.se, let sb = new.se {
                    beyond = abs(y - x) > z * (sa * sa + sb * sb).squareRoot()
                }
                changes.append(.init(key: key, status: "changed", before: old, after: new, beyondUncertainty: beyond))
            } else {
                changes.append(
                    .init(
                        key: key, status: old == nil ? "appeared" : "disappeared", before: old, after: new,
                        beyondUncertainty: nil))
            }
        }
        let (inputsA, inputsB) = (try inputs(of: runA), try inputs(of: runB))
        var files: [(file: String, status: String)] = []
        for file in Set(inputsA.keys).union(inputsB.keys).sorted() {
            switch (inputsA[file], inputsB[file]) {
            case (nil, _): files.append((file, "added"))
            case (_, nil): files.append((file, "removed"))
            case (let x?, let y?) where x != y: files.append((file, "changed"))
            default: break
            }
        }
        return HistoryDiff(runA: runA, runB: runB, z: z, changes: changes, inputs: files)
    }

    /// One indicator across the published runs: (run, started, year, scope, by, domain, estimate, se).
    public func series(indicator: String, domain: String?, scope: String?, by: String?) throws(HistoryError)
        -> [[String]]
    {
        var sql = """
            SELECT runs.run_id, runs.started, coalesce(year, ''), coalesce(scope, ''), coalesce(by_variable, ''),
                   coalesce(domain, ''), coalesce(estimate, ''), coalesce(se, '')
            FROM indicators JOIN runs USING (run_id)
            WHERE runs.published = 1 AND indicator = ?
            """
        var values: [SQLiteDatabase.Value] = [.text(indicator)]
        for (column, value) in [("domain", domain), ("scope", scope), ("by_variable", by)] {
            guard let value else { continue }
            sql += " AND \(column) = ?"
            values.append(.text(value))
        }
        sql += " ORDER BY scope, by_variable, domain, year, runs.started"
        return try database.prepare(sql).rows(values).map { $0.map { $0 ?? "" } }
    }
}
