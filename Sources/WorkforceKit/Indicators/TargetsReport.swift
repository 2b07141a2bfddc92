/// Section 9 of INDICATORS.md — policy targets （十）（十四）（三十三）.
///
/// For each target (targets.csv, or the policy text's defaults): the latest
/// value of the program in programs.csv (latest year), `progress` =
/// actual / target, and `status`: `met` when the comparator holds; `due later`
/// when it does not yet and the latest data are older than the due year;
/// `not met` otherwise; `no data` when no row of programs.csv measures it.
enum TargetsReport {
    static let columns = [
        "indicator", "label_en", "label_zh", "target", "comparator", "due_year", "actual", "actual_year", "progress",
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
            let label = labels[target.indicator]
            table.append([
                .text(target.indicator), .text(label?.0 ?? target.indicator), .text(label?.1 ?? target.indicator),
                .number(target.target), .text(target.atLeast ? ">=" : "<="), .integer(target.dueYear),
                .optional(measured?.value), measured.map { .integer($0.year) } ?? .empty,
                .optional(measured.map { target.target != 0 ? $0.value / target.target : .nan }),
                .text(status), .text(target.clause),
            ])
        }
        return table
    }

    static let labels: [String: (String, String)] = [
        "dual_qualified_teacher_share": ("Share of dual-qualified teachers (%)", "“双师型”教师比例（%）"),
        "high_skill_training_bases": ("High-skill training bases", "高技能人才培养基地"),
        "open_training_centers": ("Open public training centres", "开放式公共实训基地"),
        "chief_technicians_funded": ("Chief technicians funded", "资助首席技师"),
        "skill_master_studios": ("Skill master studios", "技能大师工作室"),
    ]
}
