/// Section 9 of docs/indicators.md — policy targets （十）（十四）（三十三）.
///
/// For each target (targets.csv, or the policy text's defaults): the latest
/// value of the program in programs.csv (latest year), `progress` =
/// actual / target, and `status`: `met` when the comparator holds; `due later`
/// when it does not yet and the latest data are older than the due year;
/// `not met` otherwise; `no data` when no row of programs.csv measures it.
enum TargetsReport {
    static let columns = [
        "indicator", "label_en", "label_zh", "unit_en", "unit_zh", "target", "comparator", "due_year", "actual",
        "actual_year", "progress",
        "status", "clause",
    ]

    static func build(targets: [TargetRecord], programs: [ProgramRecord]) -> ReportTable {
        var table = ReportTable(name: "targets", columns: columns)
        for target in targets {
            let measured = programs.filter { $0.program == target.indicator }.max { $0.year < $1.year }
            let status: String
            if let measured {
                let holds = target.atLeast ? measured.value >= target.target : measured.value <= target.target
                status = holds ? "met" : measured.year < target.dueYear ? "due later" : "not met"
            } else {
                status = "no data"
            }
            table.append(
                [.text(target.indicator)] + EstimateRow.labelCells(target.indicator) + [
                    .number(target.target), .text(target.atLeast ? ">=" : "<="), .integer(target.dueYear),
                    .optional(measured?.value), measured.map { .integer($0.year) } ?? .empty,
                    .optional(measured.map { target.target != 0 ? $0.value / target.target : .nan }),
                    .text(status), .text(target.clause),
                ])
        }
        return table
    }
}
