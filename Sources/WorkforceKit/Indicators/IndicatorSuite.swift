/// Computes every indicator report from what ingestion produced, stage by stage.
///
/// Order of the reports: composition, wages, training, coverage, equal pay,
/// wage vs economy, skill fit, enterprises, targets. Each report that needs
/// an optional table it does not have is skipped with one line in the log.
struct IndicatorSuite {
    let options: PipelineOptions

    func reports(
        workers: WorkerAccumulator, tables: ReferenceTables, present: Set<TableKind>, stage: (String) -> Void
    ) throws(DesignError) -> [ReportTable] {
        let jobs = options.jobs
        let estimators = designEstimators(workers)
        let cells = try DomainCells(workers, estimators: estimators, jobs: jobs)
        let economy = tables.economyByYear
        let disclosure = options.disclosure
        stage("design cells (\(cells.cellCount) cells)")
        var reports: [ReportTable] = []
        reports.append(
            CompositionReport.build(cells, disclosure: disclosure))
        stage("composition")
        let wages = try WagesReport.report(
            workers, cells: cells, estimators: estimators, economy: economy, disclosure: disclosure, jobs: jobs)
        reports.append(wages.table)
        stage("wages")
        reports += try DomainRateReport.build(
            [TrainingReport.spec, CoverageReport.spec], accumulator: workers, cells: cells, estimators: estimators,
            disclosure: disclosure, jobs: jobs)
        stage("training and coverage")
        reports.append(try EqualPayReport.build(workers, estimators: estimators, disclosure: disclosure))
        stage("equal pay")
        if !present.contains(.economy) {
            options.log(
                "wage_vs_economy.csv: no economy.csv among the inputs; real growth, GDP comparison and in_step are left out"
            )
        }
        reports.append(
            try WageGrowthReport.build(
                cells: cells, medians: wages.medians, estimators: estimators, economy: economy,
                enterprises: tables.enterprises,
                tolerance: options.inStepTolerance, disclosure: disclosure))
        stage("wage vs economy")
        if !present.contains(.skillDemand) {
            options.log(
                "skill_fit.csv: no skill_demand.csv among the inputs; demand shares, dissimilarity and shortages are left out"
            )
        }
        reports.append(
            try SkillFitReport.build(
                workers, cells: cells, estimators: estimators, demand: tables.skillDemand, disclosure: disclosure))
        stage("skill fit")
        if !present.contains(.enterprises) {
            options.log("enterprises.csv report: no enterprises.csv among the inputs; it holds only its header")
        }
        reports.append(EnterpriseReport.build(tables.enterprises, disclosure: disclosure))
        reports.append(
            TargetsReport.build(
                targets: present.contains(.targets) ? tables.targets : TargetRecord.policyDefaults,
                programs: tables.programs))
        stage("enterprises and targets")
        return reports
    }

    /// One design per wave, from the PSUs that hold its workers.
    private func designEstimators(_ workers: WorkerAccumulator) -> [Int: DesignEstimator] {
        var estimators: [Int: DesignEstimator] = [:]
        for (year, samples) in workers.samples where samples.count > 0 {
            let design = SurveyDesign(
                year: year, psuNumbers: samples.distinctPSUs(psuCount: workers.psus.count), table: workers.psus)
            estimators[year] = DesignEstimator(
                design: design, lonely: options.lonelyPSU, level: options.confidenceLevel)
        }
        return estimators
    }
}
