/// Computes every indicator report from what ingestion produced, stage by stage.
///
/// Order of the reports: composition, wages, training, coverage, equal pay,
/// wage vs economy, skill fit, enterprises, targets. Each report that needs
/// an optional table it does not have is skipped with one line in the log.
struct IndicatorSuite {
    let options: PipelineOptions

    func reports(
        workers: WorkerAccumulator, tables: ReferenceTables, present: Set<TableKind>, stages: StageClock
    ) throws(DesignError) -> [ReportTable] {
        let jobs = options.jobs
        var workers = workers
        workers.markScopes(options.scopes)
        stages.begin("design cells")
        let estimators = designEstimators(workers)
        let cells = try DomainCells(
            workers, estimators: estimators, breakdowns: options.breakdowns, scopes: options.scopes, jobs: jobs)
        let waves = waves(workers, estimators)
        let economy = tables.economyByYear
        let disclosure = options.disclosure
        var reports: [ReportTable] = []
        let choice = options.reports
        stages.begin("composition")
        if choice.publishes("composition") { reports.append(CompositionReport.build(cells, disclosure: disclosure)) }
        // Wages, training, coverage and the plan's rates, means, quantiles, ratios and totals:
        // requests the estimation planner runs together, wave by wave.
        let planned = { (name: String, requests: [Request], clauses: [String]) in
            DomainRateReport.Spec(name: name, requests: requests, clauses: clauses)
        }
        let kinds = PlanStatisticKind.all.map { kind in
            let statistics = options.planStatistics.filter { $0.kind == kind.section }
            return planned(kind.section, statistics.map(\.request), statistics.map(\.clause))
        }
        let measured =
            ([
                TrainingReport.spec, CoverageReport.spec,
                planned(
                    "rates", options.rateIndicators.map { Request(indicator: $0.code, statistic: .ratio($0.measure)) },
                    options.rateIndicators.map(\.clause)),
                planned(
                    "means", options.meanIndicators.map { Request(indicator: $0.code, statistic: .ratio($0.measure)) },
                    options.meanIndicators.map(\.clause)),
                planned(
                    "quantiles", options.quantileIndicators.flatMap(\.requests),
                    options.quantileIndicators.flatMap { spec in spec.probabilities.map { _ in spec.clause } }),
            ] + kinds).filter { !$0.requests.isEmpty && choice.publishes($0.name) }
        // wage_vs_economy.csv needs the wages report's medians.
        let needsWages = choice.publishes("wages") || choice.publishes("wage_vs_economy")
        var wages = ReportTable(name: "wages", columns: EstimateRow.columns)
        var medians: [YearDomainKey: Double] = [:]
        var measuredTables = measured.map { ReportTable(name: $0.name, columns: EstimateRow.columns) }
        // What each wave asked, for its changes from the previous wave (the mean wage among them).
        var asked: [ChangesReport.WaveRequests] = []
        let meanWage = Request(indicator: "mean_wage", statistic: .ratio(RowMeasure("mean_wage", .column(.wage))))
        if needsWages || !measured.isEmpty {
            stages.begin("estimation")
            for wave in waves {
                let wageRequests =
                    needsWages
                    ? try WagesReport.requests(
                        wave, economy: economy[wave.year], lowPay: options.lowPayFraction,
                        quantiles: options.wageQuantiles, breakdowns: cells.breakdowns, jobs: jobs) : nil
                let first = wageRequests?.list.count ?? 0
                let estimates = try EstimationPlanner.estimate(
                    (wageRequests?.list ?? []) + measured.flatMap(\.requests), waves: [wave], scopes: cells.scopes,
                    breakdowns: cells.breakdowns, jobs: jobs,
                    psuCounts: { year, scope, by in cells.psuCounts(year: year, scope: scope, by: by) })
                if let wageRequests {
                    WagesReport.append(
                        estimates, requests: wageRequests, first: 0, year: wave.year, cells: cells,
                        disclosure: disclosure, to: &wages, medians: &medians)
                }
                DomainRateReport.append(
                    estimates, specs: measured, first: first, disclosure: disclosure, to: &measuredTables)
                asked.append(
                    ChangesReport.WaveRequests(
                        wave: wave, requests: [meanWage] + (wageRequests?.list ?? []) + measured.flatMap(\.requests),
                        clauses: [WagesReport.clause] + (wageRequests?.list.map { _ in WagesReport.clause } ?? [])
                            + measured.flatMap(\.clauses),
                        estimated: (wageRequests?.list ?? []) + measured.flatMap(\.requests), estimates: estimates))
            }
        }
        if choice.publishes("wages") { reports.append(wages) }
        reports += measuredTables
        // Changes from the previous wave, and the mean wage's log growth that wage_vs_economy.csv publishes.
        var logMeanGrowth: [YearDomainKey: Estimate] = [:]
        if choice.publishes("changes") || choice.publishes("wage_vs_economy"), asked.count > 1 {
            stages.begin("changes")
            let relabeling = IndicatorRelabeling(options: options)
            let changes = try ChangesReport.build(
                asked, base: options.changesBase, table: workers.psus, scopes: cells.scopes,
                breakdowns: cells.breakdowns,
                publish: choice.publishes("changes"),
                units: { code in
                    relabeling.units[code]
                        ?? IndicatorCatalog.entry(code).map {
                            IndicatorLabel(english: $0.unit.english, chinese: $0.unit.chinese)
                        }
                },
                fractions: { code in
                    IndicatorCatalog.entry(code)?.unit == .fraction
                        || options.rateIndicators.contains { $0.code == code }
                }, disclosure: disclosure, jobs: jobs)
            if choice.publishes("changes") { reports.append(changes.table) }
            logMeanGrowth = changes.logMeanGrowth
        }
        if choice.publishes("equal_pay") {
            stages.begin("equal pay")
            reports.append(
                try EqualPayReport.build(
                    workers, estimators: estimators, disclosure: disclosure, scopes: options.scopes))
        }
        if choice.publishes("wage_vs_economy") {
            stages.begin("wage vs economy")
            if !present.contains(.economy) {
                options.events(
                    .note(
                        "wage_vs_economy.csv: no economy.csv among the inputs; real growth, GDP comparison and in_step are left out"
                    ))
            }
            reports.append(
                try WageGrowthReport.build(
                    cells: cells, medians: medians, logMeanGrowth: logMeanGrowth, estimators: estimators,
                    economy: economy,
                    enterprises: tables.enterprises,
                    tolerance: options.inStepTolerance, disclosure: disclosure))
        }
        if choice.publishes("skill_fit") {
            stages.begin("skill fit")
            if !present.contains(.skillDemand) {
                options.events(
                    .note(
                        "skill_fit.csv: no skill_demand.csv among the inputs; demand shares, dissimilarity and shortages are left out"
                    ))
            }
            reports.append(
                try SkillFitReport.build(
                    workers, cells: cells, estimators: estimators, demand: tables.skillDemand, disclosure: disclosure))
        }
        stages.begin("enterprises and targets")
        if choice.publishes("enterprises") {
            if !present.contains(.enterprises) {
                options.events(
                    .note("enterprises.csv report: no enterprises.csv among the inputs; it holds only its header"))
            }
            reports.append(
                EnterpriseReport.build(tables.enterprises, dispatchCap: options.dispatchCap, disclosure: disclosure))
        }
        if choice.publishes("targets") {
            let targets = present.contains(.targets) ? tables.targets : TargetRecord.policyDefaults
            // A program no target names (a misspelt code) would leave its target at "no data" unseen.
            let named = Set(targets.map(\.indicator))
            for program in Set(tables.programs.map(\.program)).subtracting(named).sorted() {
                options.warn(
                    "programs.csv: program \(program) is not the indicator of any target, so no target reads it "
                        + "(\(PlanFile.suggestion(program, among: named.sorted(), kind: "targets' indicators")))")
            }
            reports.append(
                TargetsReport.build(targets: targets, programs: tables.programs, survey: SurveyActuals(reports)))
        }
        stages.end()
        let relabeling = IndicatorRelabeling(options: options)
        return reports.map(relabeling.apply)
    }

    /// The waves with workers, ascending, each with its design: what estimation takes.
    private func waves(_ workers: WorkerAccumulator, _ estimators: [Int: DesignEstimator]) -> [Wave] {
        workers.samples.keys.sorted().compactMap { year in
            guard let samples = workers.samples[year], let estimator = estimators[year] else { return nil }
            return Wave(year: year, samples: samples, estimator: estimator)
        }
    }

    /// One design per wave, from the PSUs that hold its workers.
    private func designEstimators(_ workers: WorkerAccumulator) -> [Int: DesignEstimator] {
        var estimators: [Int: DesignEstimator] = [:]
        for (year, samples) in workers.samples where samples.count > 0 {
            var design = SurveyDesign(
                year: year, psuNumbers: samples.distinctPSUs(psuCount: workers.psus.count), table: workers.psus)
            design.calibration = CalibrationDesign(samples, design: design)
            estimators[year] = DesignEstimator(
                design: design, lonely: options.lonelyPSU, level: options.confidenceLevel)
        }
        return estimators
    }
}
