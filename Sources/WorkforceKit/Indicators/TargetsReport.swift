/// Section 9 of docs/indicators.md — policy targets （十）（十四）（三十三）.
///
/// For each target (targets.csv, or the policy text's defaults): its actual figures by year —
/// programs.csv's values of the program of that name, or else, for a target named after a survey
/// indicator of the run's reports (scope all, by all), that estimate with its SE and interval
/// (`SurveyActuals`). Each target is judged at its due year (`TargetStatus`): the actual and
/// `progress` = actual / target at the due year and at the latest year; `met_year`, the first
/// year from the due year on whose figure meets it; and, where the due year's actual is a survey
/// estimate, whether the target is met beyond sampling error (`SamplingVerdict`).
enum TargetsReport {
    static let columns = [
        "indicator", "label_en", "label_zh", "unit_en", "unit_zh", "target", "comparator", "due_year",
        "actual_due", "se_due", "ci_low_due", "ci_high_due", "progress_due", "actual", "actual_year", "progress",
        "status", "status_zh", "met_year", "beyond_sampling_error", "clause",
    ]

    /// One year's figure of a target: an administrative count (no SE) or a survey estimate.
    struct Actual: Equatable {
        var value: Double
        var standardError: Double? = nil
        var lower: Double? = nil
        var upper: Double? = nil
    }

    /// The judgement of one target on its figures by year; `dataYear` is the latest year the run's data reach.
    struct Judgement: Equatable {
        var status: TargetStatus
        var metYear: Int?
        var sampling: SamplingVerdict?

        init(_ target: TargetRecord, figures: [Int: Actual], dataYear: Int?) {
            func meets(_ value: Double) -> Bool { target.atLeast ? value >= target.target : value <= target.target }
            let due = target.dueYear
            metYear = figures.filter { $0.key >= due && meets($0.value.value) }.keys.min()
            if let atDue = figures[due] {
                status = meets(atDue.value) ? .metOnTime : metYear != nil ? .metLate : .missed
                if let lower = atDue.lower, let upper = atDue.upper, atDue.standardError != nil {
                    sampling = SamplingVerdict.judge(
                        lower: lower, upper: upper, target: target.target, atLeast: target.atLeast)
                }
            } else if let dataYear, due > dataYear, !figures.isEmpty {
                status = .notYetDue
            } else {
                status = .noData
                metYear = nil
            }
        }
    }

    static func build(targets: [TargetRecord], programs: [ProgramRecord], survey: SurveyActuals = SurveyActuals())
        -> ReportTable
    {
        var table = ReportTable(name: "targets", columns: columns)
        let dataYear = (programs.map(\.year) + survey.years).max()
        for target in targets {
            var figures: [Int: Actual] = [:]
            for program in programs where program.program == target.indicator {
                figures[program.year] = Actual(value: program.value)
            }
            if figures.isEmpty { figures = survey.figures(target.indicator) }
            let judgement = Judgement(target, figures: figures, dataYear: dataYear)
            let atDue = figures[target.dueYear]
            let latest = figures.keys.max()
            func progress(_ actual: Actual?) -> ReportCell {
                .optional(actual.map { target.target != 0 ? $0.value / target.target : .nan })
            }
            table.append(
                [.text(target.indicator)] + EstimateRow.labelCells(target.indicator) + [
                    .number(target.target), .text(target.atLeast ? ">=" : "<="), .integer(target.dueYear),
                    .optional(atDue?.value), .optional(atDue?.standardError), .optional(atDue?.lower),
                    .optional(atDue?.upper), progress(atDue),
                    .optional(latest.flatMap { figures[$0]?.value }), latest.map { .integer($0) } ?? .empty,
                    progress(latest.flatMap { figures[$0] }),
                    .text(judgement.status.rawValue), .text(judgement.status.chinese(metYear: judgement.metYear)),
                    judgement.metYear.map { .integer($0) } ?? .empty, .text(judgement.sampling?.rawValue ?? ""),
                    .text(target.clause),
                ])
        }
        return table
    }
}
