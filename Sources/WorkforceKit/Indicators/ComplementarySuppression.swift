/// Secondary suppression: a suppressed cell must not be recoverable by subtraction from its total.
///
/// The domains of one by-variable partition their scope, and the scope's
/// headcount is published, so a partition with exactly one suppressed domain
/// would give it away (total − the others). Rule: in every (year, scope, by)
/// partition with exactly one domain under the suppression threshold, the
/// domain with the next smallest n is suppressed too (flag `suppressed`,
/// values blanked). Means and rates are not additive without the headcounts,
/// which this keeps hidden in pairs, so the rule is applied where totals add
/// up: the composition report's headcounts and shares.
enum ComplementarySuppression {
    static func apply(to table: ReportTable, suppressBelow: Int) -> ReportTable {
        guard suppressBelow > 0, let year = table.columns.firstIndex(of: "year"),
            let scope = table.columns.firstIndex(of: "scope"),
            let by = table.columns.firstIndex(of: "by"), let domain = table.columns.firstIndex(of: "domain"),
            let n = table.columns.firstIndex(of: "n"), let flag = table.columns.firstIndex(of: "flag")
        else { return table }
        // n per domain of each partition (the headcount and share rows of a domain share it).
        var partitions: [String: [String: Int]] = [:]
        for row in table.rows {
            guard case .text(let byName) = row[by], byName != "all", case .integer(let count) = row[n] else { continue }
            partitions[key(row, year, scope, by), default: [:]][text(row[domain])] = count
        }
        var extra: Set<String> = []
        for (partition, counts) in partitions {
            let primary = counts.filter { $0.value < suppressBelow }
            guard primary.count == 1 else { continue }
            let others = counts.filter { $0.value >= suppressBelow }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            if let next = others.first { extra.insert(partition + "|" + next.key) }
        }
        guard !extra.isEmpty else { return table }
        var result = ReportTable(name: table.name, columns: table.columns)
        let blanked = ["estimate", "se", "ci_low", "ci_high", "deff"].compactMap { table.columns.firstIndex(of: $0) }
        for var row in table.rows {
            if extra.contains(key(row, year, scope, by) + "|" + text(row[domain])) {
                for column in blanked { row[column] = .empty }
                row[flag] = .text("suppressed")
            }
            result.append(row)
        }
        return result
    }

    private static func key(_ row: [ReportCell], _ year: Int, _ scope: Int, _ by: Int) -> String {
        "\(text(row[year]))|\(text(row[scope]))|\(text(row[by]))"
    }

    private static func text(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .empty: ""
        }
    }
}
