/// A plan's `[calibration]`: its keys read into `CalibrationSettings`, then checked together.
extension PlanValue {
    /// Most columns a calibration model may have (every margin's codes and the numeric totals).
    static let maxCalibrationColumns = 1_000

    /// Sets the key this value stands at on `settings`.
    func calibration(into settings: inout CalibrationSettings, fields: [CrossField], extras: inout ExtraColumns)
        throws(PlanError)
    {
        switch key {
        case "calibration.method":
            settings.method = try choice(CalibrationSettings.Method.allCases)
        case "calibration.margins":
            settings.margins = try margins(fields: fields)
        case "calibration.totals":
            let fix = "a list of numeric columns such as [\"age\"]: each one's population total is in population.csv"
            guard let array = value.array else { throw error("must be a list", fix) }
            var totals: [CalibrationSettings.NumericTotal] = []
            for item in array {
                guard let name = item.string else { throw error("holds \(PlanError.shown(item)), not a name", fix) }
                let column = try numericColumn(name, extras: &extras, flags: false, keptWhole: true)
                guard !totals.contains(where: { $0.name == name }) else { throw error("lists \(name) twice", fix) }
                totals.append(.init(name: name, column: column))
            }
            settings.totals = totals
        case "calibration.tolerance":
            settings.tolerance = try number(in: 1e-15...0.01, example: "1e-7")
        case "calibration.max_iterations":
            settings.maxIterations = try integer(in: 1...1000, example: "50")
        case "calibration.bounds":
            let fix = "two numbers [lower, upper] with lower < 1 < upper, e.g. [0.5, 2.0]"
            guard let array = value.array, array.count == 2,
                let lower = array[0].double ?? array[0].int.map(Double.init),
                let upper = array[1].double ?? array[1].int.map(Double.init)
            else { throw error("must be a list of two numbers", fix) }
            guard lower >= 0, lower < 1, upper > 1, upper.isFinite else {
                throw error("= [\(lower), \(upper)] does not hold 1 between its bounds", fix)
            }
            settings.bounds = lower...upper
        default:
            preconditionFailure("\(key) is not a key of [calibration]")
        }
    }

    /// The margins: each a column or a cross ("district x sex") of the columns a breakdown can name.
    private func margins(fields available: [CrossField]) throws(PlanError) -> [ByVariable] {
        let columns = available.map(\.name)
        let fix =
            "a list such as [\"district\", \"industry\", \"sex\"]: each one of \(columns.joined(separator: ", ")), or a cross of two or three"
        guard let array = value.array, !array.isEmpty else { throw error("must be a list of margins", fix) }
        var margins: [ByVariable] = []
        for item in array {
            guard let text = item.string else {
                throw error("holds \(PlanError.shown(item)), not a margin in quotes", fix)
            }
            let fields = try crossFields(text, available: available, fix: fix, purpose: "calibrate to")
            guard fields.count <= 3 else {
                throw error("holds \(PlanError.quoted(text)), a cross of more than three columns", fix)
            }
            let margin: ByVariable
            if fields.count == 1, case .worker(let worker) = fields[0], let builtIn = worker.builtIn {
                margin = builtIn
            } else {
                margin = ByVariable(cross: fields, index: -1)
            }
            guard !margins.contains(where: { $0.name == margin.name }) else {
                throw error("lists \(PlanError.quoted(text)) twice", fix)
            }
            margins.append(margin)
        }
        return margins
    }
}

extension PlanFile {
    /// The keys of `[calibration]` together: a method and margins, and only what the method takes.
    func checkCalibration(_ plan: SurveyPlan, lines: PlanKeyLines) throws(PlanError) {
        guard let settings = plan.calibration else { return }
        let line = { (key: String) in lines.line("calibration", key) ?? lines.line("calibration") }
        guard lines.line("calibration", "method") != nil else {
            throw PlanError(
                file: name, line: line("margins"), message: "[calibration] names no method",
                fix: "add method = \"poststratify\", \"rake\" or \"linear\" (docs/plan.md, \"Calibration\")")
        }
        guard !settings.margins.isEmpty || !settings.totals.isEmpty else {
            throw PlanError(
                file: name, line: line("method"), message: "[calibration] names no margins",
                fix: "add margins = [\"district\", \"sex\"]: the columns whose population counts population.csv gives")
        }
        switch settings.method {
        case .poststratify:
            guard settings.margins.count == 1 else {
                throw PlanError(
                    file: name, line: line("margins"),
                    message:
                        "calibration.margins lists \(settings.margins.count) margins; post-stratification takes one",
                    fix: "cross them into one, e.g. margins = [\"district x sex\"], or use method = \"rake\"")
            }
            for key in ["totals", "bounds"] where lines.line("calibration", key) != nil {
                throw PlanError(
                    file: name, line: line(key), message: "calibration.\(key) does not apply to post-stratification",
                    fix: "leave it out, or use method = \"linear\"")
            }
        case .rake:
            guard settings.totals.isEmpty else {
                throw PlanError(
                    file: name, line: line("totals"), message: "calibration.totals does not apply to raking",
                    fix: "raking fits counts of categories; calibrate to a column's total with method = \"linear\"")
            }
        case .linear:
            break
        }
        let columns = settings.margins.reduce(0) { $0 + $1.cardinality } + settings.totals.count
        guard columns <= PlanValue.maxCalibrationColumns else {
            throw PlanError(
                file: name, line: line("margins"),
                message: "[calibration] makes \(columns) model columns, more than \(PlanValue.maxCalibrationColumns)",
                fix: "calibrate to fewer or coarser margins")
        }
    }
}
