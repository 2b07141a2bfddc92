/// Section 10 of docs/indicators.md — data quality: what happened to every input file, in long form.
///
/// One row per (file, measure): encoding, delimiter, bytes, rows read, accepted
/// and quarantined, quarantined rows per reason, ignored columns, duplicate
/// keys; and for the workers table the join rate to enterprises.csv.
public enum DataQualityReport {
    public static let columns = ["table", "file", "measure", "value", "detail"]

    public static func build(_ accounts: [FileAccount], workers: WorkerAccumulator) -> ReportTable {
        var table = ReportTable(name: "data_quality", columns: columns)
        for account in accounts {
            func row(_ measure: String, _ value: ReportCell, _ detail: String = "") {
                table.append([.text(account.table.rawValue), .text(account.file), .text(measure), value, .text(detail)])
            }
            row("encoding", .text(account.encoding), account.encodingEvidence)
            row("delimiter", .text(account.delimiter))
            row("bytes", .integer(account.bytes))
            row("rows_read", .integer(account.rowsRead))
            row("rows_accepted", .integer(account.rowsAccepted))
            row("rows_quarantined", .integer(account.rowsQuarantined))
            for reason in account.quarantinedByReason.keys.sorted() {
                row("quarantined: \(reason)", .integer(account.quarantinedByReason[reason] ?? 0))
            }
            row("duplicate_keys", .integer(account.duplicateKeys))
            for column in account.mappedToOther.keys.sorted() {
                row(
                    "mapped_to_other: \(column)", .integer(account.mappedToOther[column] ?? 0),
                    "accepted rows whose \(column) is outside its code list, counted as other (其他)")
            }
            row(
                "ignored_columns", .integer(account.ignoredColumns.count),
                account.ignoredColumns.joined(separator: "; "))
        }
        let accepted = accounts.filter { $0.table == .workers }.reduce(0) { $0 + $1.rowsAccepted }
        let hasEnterprises = accounts.contains { $0.table == .enterprises }
        if accepted > 0 {
            if hasEnterprises {
                let matched = accepted - workers.unmatchedEnterprises
                table.append([
                    "workers", "*", "workers_without_enterprise", .integer(workers.unmatchedEnterprises),
                    "accepted workers whose (year, enterprise_id) is not in enterprises.csv",
                ])
                table.append([
                    "workers", "*", "enterprise_join_rate", .number(Double(matched) / Double(accepted)),
                    "share of accepted workers found in enterprises.csv",
                ])
            } else {
                table.append(["workers", "*", "enterprise_join_rate", .empty, "no enterprises.csv among the inputs"])
            }
        }
        return table
    }
}
