/// Section 10 of docs/indicators.md — data quality: what happened to every input file, in long form.
///
/// One row per (file, measure): encoding, delimiter, bytes, rows read, accepted
/// and quarantined, quarantined rows per reason, ignored columns, duplicate
/// keys; and for the workers table the join rate to enterprises.csv.
public enum DataQualityReport {
    public static let columns = ["table", "file", "measure", "value", "detail"]

    public static func build(
        _ accounts: [FileAccount], workers: WorkerAccumulator, calibrations: [WaveCalibration] = []
    ) -> ReportTable {
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
            if account.titleLines > 0 {
                row(
                    "title_lines", .integer(account.titleLines),
                    "lines above the header that name no column, passed over as a title")
            }
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
        for wave in calibrations {
            func row(_ measure: String, _ value: ReportCell, _ detail: String = "") {
                table.append([.text("population"), .text("year \(wave.year)"), .text(measure), value, .text(detail)])
            }
            row("calibration_method", .text(wave.method.rawValue), wave.margins.joined(separator: "; "))
            row(
                "calibration_iterations", .integer(wave.iterations),
                "Newton steps to the tolerance (1 for post-stratification)")
            row("g_weight_min", .number(wave.smallestG), "smallest calibrated weight over design weight")
            row("g_weight_max", .number(wave.largestG), "largest calibrated weight over design weight")
            for (measure, discrepancy) in [
                ("largest_discrepancy_before", wave.before), ("largest_discrepancy_after", wave.after),
            ] {
                row(
                    measure, .number(discrepancy.share),
                    "|Σ weights − total| / total at \(discrepancy.margin)\(discrepancy.code.isEmpty ? "" : " = \(discrepancy.code)")"
                )
            }
        }
        return table
    }
}
