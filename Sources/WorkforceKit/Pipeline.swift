import Foundation

/// Runs the whole pipeline: ingest → validate → aggregate → indicators → reports → publish.
///
/// 1. **Ingest** (`InputCatalog`, `TableReader`, `LibCSVParser`): find each
///    table's files, cut them into chunks, parse chunks concurrently with libcsv.
/// 2. **Validate** (`…RowValidator`, `DuplicateKeyIndex`): type every field;
///    broken rows go to quarantine with file, line, column and reason.
/// 3. **Aggregate** (`WorkerAccumulator`): each chunk's accepted workers
///    into mergeable per-PSU sums, merged in chunk order.
/// 4. **Indicators** (`IndicatorSuite`: composition, wages, training, coverage,
///    equal pay, wage vs economy, skill fit, enterprises, targets): estimates per year and domain.
/// 5. **Reports** (`ReportSet`, `DataQualityReport`, `RunManifest`): written
///    into a staging folder and published together (`ReportPublisher`).
public struct Pipeline: Sendable {
    public let options: PipelineOptions

    public init(options: PipelineOptions) {
        self.options = options
    }

    /// Runs once; throws a `WorkforceError` when inputs cannot be used or reports cannot be written.
    /// Whatever happens, status.json in the output folder says what the attempt did (`RunStatus`).
    public func run() throws -> RunSummary {
        let started = Date()
        let runID = ReportPublisher.runID(at: started)
        options.events(.runStarted(id: runID))
        var status = RunStatus(runID: runID, started: started)
        // "running" first: an attempt killed before it ends leaves that, with its id and start,
        // beside the published run it did not replace.
        status.outcome = "running"
        status.meaning = "the attempt has not ended (or was killed)"
        status.publishedRun = RunStatus.publishedRun(in: options.publishedFolder)
        if !options.validateOnly { status.write(into: options.publishedFolder) }
        status.meaning = ""
        do {
            let summary = try attempt(runID: runID, started: started, status: &status)
            status.outcome = summary.skipped ? "nothing to do" : "published"
            status.exitStatus = 0
            status.meaning =
                summary.skipped
                ? "the inputs, program and settings are those of the published run" : RunStatus.meaning(.ok)
            finish(&status, summary.accounts.isEmpty ? nil : summary.accounts)
            return summary
        } catch {
            let exit = (error as? WorkforceError)?.exitStatus ?? .software
            status.outcome = "failed"
            status.exitStatus = exit.rawValue
            status.meaning = RunStatus.meaning(exit)
            status.message = (error as? WorkforceError)?.description ?? "\(error)"
            finish(&status, nil)
            noteFailure(status)
            throw error
        }
    }

    /// Points the summary and the workbook analysts open at copies that say the attempt failed
    /// (`FailureNotice`), under the lock: not when another run holds it (it will publish), nor
    /// when no run is published.
    private func noteFailure(_ status: RunStatus) {
        guard !options.validateOnly, status.exitStatus != ExitStatus.tempFailure.rawValue, status.publishedRun != nil,
            let lock = try? RunLock(folder: URL(fileURLWithPath: options.outputs), wait: false)
        else { return }
        defer { withExtendedLifetime(lock) {} }
        do {
            try FailureNotice.publish(status, outputs: options.publishedFolder)
        } catch {
            options.warn("the failure notice on summary.html and workforce.xlsx was not written: \(error)")
        }
    }

    /// Completes `status` and writes it; a status that cannot be written is a warning.
    private func finish(_ status: inout RunStatus, _ accounts: [FileAccount]?) {
        status.finished = RunHistory.timestamp(Date())
        if let accounts {
            status.rowsRead = accounts.reduce(0) { $0 + $1.rowsRead }
            status.rowsAccepted = accounts.reduce(0) { $0 + $1.rowsAccepted }
            status.rowsQuarantined = accounts.reduce(0) { $0 + $1.rowsQuarantined }
        }
        status.publishedRun = RunStatus.publishedRun(in: options.publishedFolder)
        if let failure = status.write(into: options.publishedFolder) {
            options.warn("status.json was not written: \(failure)")
        }
        // The attempt joins the history where one is kept already (a first failed attempt makes none).
        let path = URL(fileURLWithPath: options.publishedFolder).appendingPathComponent(RunHistory.fileName).path
        if !options.validateOnly, status.exitStatus != ExitStatus.tempFailure.rawValue,
            FileManager.default.fileExists(atPath: path)
        {
            do throws(HistoryError) {
                try RunHistory(path: path).record(status)
            } catch {
                options.warn("\(error); this attempt is not in the history's attempts")
            }
        }
    }

    private func attempt(runID: String, started: Date, status: inout RunStatus) throws -> RunSummary {
        try options.validate()
        let clock = ContinuousClock()
        let begin = clock.now
        let stages = StageClock(events: options.events)

        let catalog = try InputCatalog.scan(options.inputs)
        try FileOutput.makeFolder(options.outputs)
        let lock = try RunLock(folder: URL(fileURLWithPath: options.outputs), wait: options.waitForLock) { path in
            options.events(.waitingForLock(path: path))
        }
        defer { withExtendedLifetime(lock) {} }
        let publisher = try ReportPublisher(outputs: options.publishedFolder, keep: options.keepRuns, runID: runID)
        publisher.removeAbandonedStaging()
        // The inputs' SHA-256 decide `--if-changed` before anything else; otherwise they are only
        // needed for the manifest and are computed while ingestion runs.
        let checksums = BackgroundResult(inline: options.onlyIfChanged || options.jobs == 1) {
            Result { () throws(InputError) in try InputChecksums(catalog: catalog) }
        }
        if options.onlyIfChanged {
            stages.begin("checksums")
            let fingerprint = RunFingerprint(options: options, inputs: try checksums.wait().get())
            stages.end()
            if fingerprint.matches(manifest: publisher.latestManifest) {
                return RunSummary(accounts: [], seconds: (clock.now - begin).seconds, outputs: [], skipped: true)
            }
        }

        try publisher.begin()
        let quarantine = try QuarantineWriter(
            folder: publisher.staging.appendingPathComponent("quarantine"), raw: options.rawQuarantine)
        stages.begin("ingest, validate and aggregate")
        let ingested = try ingest(catalog, quarantine: quarantine)
        try quarantine.finish()
        stages.end(rows: ingested.accounts.reduce(0) { $0 + $1.rowsRead })
        warnAboutOther(ingested.accounts)
        let summary0 = RunSummary(accounts: ingested.accounts, seconds: 0, outputs: [])
        // Reports built on no worker at all would replace the published ones with empty tables.
        let workerAccounts = ingested.accounts.filter { $0.table == .workers }
        if !options.validateOnly, workerAccounts.reduce(0, { $0 + $1.rowsAccepted }) == 0 {
            throw InputError.noWorkerRowsAccepted(read: workerAccounts.reduce(0) { $0 + $1.rowsRead })
        }
        if let limit = options.maxRejectRate, summary0.rowsRead > 0,
            Double(summary0.rowsQuarantined) / Double(summary0.rowsRead) > limit
        {
            throw RejectRateError(quarantined: summary0.rowsQuarantined, read: summary0.rowsRead, limit: limit)
        }

        try checkOptionalTablesHoldRows(ingested.accounts)

        var reports = ReportSet(
            csv: CSVReportWriter(byteOrderMark: options.csvByteOrderMark, crlf: options.csvCRLF),
            xlsx: XLSXWriter(chineseHeaders: options.chineseHeaders))
        var workers = ingested.workers
        var calibrations: [WaveCalibration] = []
        if !options.validateOnly, let calibration = options.calibration {
            stages.begin("calibration")
            calibrations = try workers.calibrate(calibration, population: ingested.tables.population)
        }
        reports.add(DataQualityReport.build(ingested.accounts, workers: workers, calibrations: calibrations))
        if !options.validateOnly {
            let years = workers.samples.keys.sorted()
            if let base = options.changesBase, !years.contains(base) {
                throw ChangesBaseError(base: base, years: years)
            }
            let suite = IndicatorSuite(options: options)
            for table in try suite.reports(
                workers: workers, tables: ingested.tables, present: Set(catalog.keys), stages: stages)
            {
                reports.add(table)
            }
        }
        stages.begin("write and publish")
        let inputs = try checksums.wait().get()
        // The checksums are taken apart from the reading (on another thread, or before it with
        // --if-changed): the version hashed must be the version read, or the manifest would not
        // describe the data used.
        try inputs.checkSameVersion(as: ingested.accounts)
        let fingerprint = RunFingerprint(options: options, inputs: inputs)
        let readme = WorkbookReadme.build(options: options, started: started, inputs: inputs, reports: reports.tables)
        try reports.write(into: publisher.staging, readme: readme, jobs: options.jobs)
        var outputs = reports.fileNames + quarantine.fileNames
        if !options.validateOnly {
            let html = HTMLSummary.build(
                reports.tables, started: started, level: options.confidenceLevel,
                language: options.chineseHeaders ? .chinese : .english)
            try FileOutput.write(Array(html.utf8), to: publisher.staging.appendingPathComponent("summary.html").path)
            outputs.append("summary.html")
        }

        let seconds = (clock.now - begin).seconds
        let summary = RunSummary(accounts: ingested.accounts, seconds: seconds, outputs: outputs)
        let manifest = RunManifest(
            options: options, started: started, seconds: seconds, summary: summary, inputs: inputs,
            fingerprint: fingerprint, runID: publisher.runID)
        try manifest.write(into: publisher.staging)
        // The history first: a kill after it leaves the run marked unpublished, never half of it.
        let history =
            options.validateOnly
            ? nil
            : appendToHistory(
                RunHistory.Run(
                    id: runID, started: started, finished: Date(), planSHA256: options.planSHA256,
                    inputs: inputs.entries.map { ($0.path, $0.bytes, $0.sha256) }, accounts: ingested.accounts),
                tables: reports.tables, status: &status)
        try publisher.publish(entries: outputs + ["manifest.json"])
        if let history {
            do throws(HistoryError) {
                try history.markPublished(runID)
            } catch {
                status.history = "appended, but not marked published: \(error.reason)"
                options.warn("\(error); the reports are published all the same")
            }
        }
        stages.end()
        return summary
    }

    /// Appends the run to history.sqlite; a history that cannot be opened or written (corrupt,
    /// locked by another program, read-only) costs the history this run, never the reports:
    /// stderr and status.json say why.
    private func appendToHistory(_ run: RunHistory.Run, tables: [ReportTable], status: inout RunStatus) -> RunHistory? {
        let path = URL(fileURLWithPath: options.publishedFolder).appendingPathComponent(RunHistory.fileName).path
        do throws(HistoryError) {
            let history = try RunHistory(path: path)
            try history.append(run, tables: tables, keepDays: options.keepHistoryDays)
            status.history = "appended"
            return history
        } catch {
            status.history = "not written: \(error.reason)"
            options.warn("\(error); the reports are published all the same, without this run in the history")
            return nil
        }
    }

    /// An optional table whose files hold no accepted row (a header alone, or every row
    /// quarantined) would give empty reports without a word: a warning says what is lost, and
    /// under `--max-reject-rate` (a run that must not publish incomplete reports) it stops the run.
    private func checkOptionalTablesHoldRows(_ accounts: [FileAccount]) throws(InputError) {
        for table in TableKind.allCases where table.isOptional {
            let files = accounts.filter { $0.table == table }
            guard !files.isEmpty, files.allSatisfy({ $0.rowsAccepted == 0 }) else { continue }
            let read = files.reduce(0) { $0 + $1.rowsRead }
            if options.maxRejectRate != nil { throw .noRowsAccepted(table: table, read: read) }
            options.warn("\(table.rawValue): no row was accepted (\(read) read): \(table.withoutRows)")
        }
    }

    /// Warns for each file and column where more than `otherShareWarning` of the accepted rows became "other":
    /// a sign of a wrong encoding or of codes the contract does not know, which would otherwise go unseen.
    private func warnAboutOther(_ accounts: [FileAccount]) {
        for account in accounts where account.rowsAccepted > 0 {
            for (column, count) in account.mappedToOther.sorted(by: { $0.key < $1.key }) {
                let share = Double(count) / Double(account.rowsAccepted)
                guard share > PipelineOptions.otherShareWarning else { continue }
                options.warn(
                    "\(account.file): \(count) of \(account.rowsAccepted) accepted rows (\((share * 1000).rounded() / 10) %) "
                        + "have a \(column) outside its code list, counted as other (其他); check the file's encoding "
                        + "(\(account.encoding)) and the \(column) values (data_quality.csv)")
            }
        }
    }

    private func ingest(_ files: [TableKind: [InputFile]], quarantine: QuarantineWriter) throws -> Ingested {
        // Each .xlsx input stands for its sheets that hold the table.
        let catalog = try WorkbookSheets.expand(files, aliases: options.columnAliases)
        var accounts: [FileAccount] = []
        var tables = ReferenceTables()
        let planner = ChunkPlanner(targetBytes: options.chunkBytes)
        // A file's number indexes `fileNames`, which duplicate-key messages use to name an earlier file.
        let inputs = TableKind.allCases.flatMap { catalog[$0] ?? [] }
        let fileNames = inputs.map(\.name)
        let sheetFileNumbers = Set(inputs.indices.filter { inputs[$0].sheet != nil })
        let fileNumbers = Dictionary(uniqueKeysWithValues: fileNames.enumerated().map { ($1, $0) })

        // Progress in bytes of every input file, which are read one after the other.
        let bytesTotal = files.values.joined().reduce(0) { $0 + (FileIdentity(path: $1.path)?.size ?? 0) }
        var bytesBefore = 0
        var rowsSoFar = 0
        let events = options.events
        func readAll<V: RowValidator>(_ validator: V, _ consume: ([V.Batch]) throws(InputError) -> Void) throws {
            var duplicates = DuplicateKeyIndex()
            var reader = TableReader(
                validator: validator, jobs: options.jobs, planner: planner,
                maxFieldBytes: options.maxFieldBytes)
            reader.forcedEncoding = options.encoding
            reader.sheetFileNumbers = sheetFileNumbers
            reader.aliases = options.columnAliases[V.table] ?? [:]
            if V.table == .workers { reader.declaredColumns = options.extraColumns.declared.map(\.spec) }
            for file in catalog[V.table] ?? [] {
                let account = try reader.read(
                    file, fileNumber: fileNumbers[file.name] ?? 0, duplicates: &duplicates, fileNames: fileNames,
                    quarantine: quarantine.append, consume: consume
                ) { offset in
                    events(.ingesting(bytesRead: bytesBefore + offset, bytesTotal: bytesTotal, rows: rowsSoFar))
                }
                bytesBefore += account.bytes
                accounts.append(account)
            }
        }

        // Small tables first: workers are checked against enterprises.
        try readAll(EnterpriseRowValidator()) { tables.enterprises += $0.flatMap(\.records) }
        try readAll(EconomyRowValidator()) { tables.economy += $0.flatMap(\.records) }
        try readAll(SkillDemandRowValidator()) { tables.skillDemand += $0.flatMap(\.records) }
        try readAll(ProgramRowValidator()) { tables.programs += $0.flatMap(\.records) }
        try readAll(TargetRowValidator()) { tables.targets += $0.flatMap(\.records) }
        try readAll(PopulationRowValidator()) { tables.population += $0.flatMap(\.records) }

        // Validation writes each chunk's workers into columns (`WorkerBatch`), sized by
        // enterprises.csv and scoped as asked; here they are appended to the waves in file order.
        let validator = WorkerRowValidator(
            employees: tables.employeesByEnterprise, industrialScope: options.industrialScope,
            extraColumns: options.extraColumns)
        var workers = WorkerAccumulator()
        let maxPSUs = options.maxPSUs
        try readAll(validator) { (window: [WorkerBatch]) throws(InputError) in
            for batch in window { workers.add(batch) }
            rowsSoFar += window.reduce(0) { $0 + $1.count }
            // The design's size bounds memory (cells grow with PSUs): stop before it runs away.
            if workers.psus.count > maxPSUs { throw InputError.tooManyPSUs(limit: maxPSUs) }
        }
        return Ingested(accounts: accounts, tables: tables, workers: workers)
    }
}

/// What ingestion produced: accounts per file, the small tables, and the worker sums.
private struct Ingested {
    let accounts: [FileAccount]
    let tables: ReferenceTables
    let workers: WorkerAccumulator
}

/// What a finished run reports back to the command line.
public struct RunSummary: Sendable {
    public let accounts: [FileAccount]
    public let seconds: Double
    /// Files written, relative to the output folder.
    public let outputs: [String]
    /// True when `--if-changed` found nothing new and did nothing.
    public var skipped = false

    public var rowsRead: Int { accounts.reduce(0) { $0 + $1.rowsRead } }
    public var rowsQuarantined: Int { accounts.reduce(0) { $0 + $1.rowsQuarantined } }
    /// Whether every row of every file was accepted.
    public var isClean: Bool { rowsQuarantined == 0 }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
