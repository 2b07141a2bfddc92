import Foundation
import WorkforceKit

/// Synthetic workforce survey of a Shanghai-like city, written as the six input tables of the pipeline.
///
/// Stages, each in its own file:
/// 1. `EnterpriseFrame` — a population of ~450,000 enterprises with births and closures;
/// 2. `WaveSample` / `SamplePlan` — per wave, a stratified (district) πps sample of
///    enterprises and a number of interviews in each;
/// 3. `EnterpriseYear` — the sampled enterprise's row for the wave;
/// 4. `WorkerSynthesis` — each interviewed worker, conditionally on the enterprise;
/// 5. writers — `WorkerTable`, `EnterpriseTable`, `SkillDemandTable`, `EconomySeries`,
///    `PolicyTables` — into byte buffers flushed in large blocks.
///
/// Everything random comes from xoshiro256** streams keyed by (seed, purpose, unit,
/// year) and from portable arithmetic, so the output is byte-identical for the same
/// options on any machine. All figures are synthetic; see docs/sample-data.md.
public enum SampleGenerator {
    /// 16 strata × 2 PSUs × 2 workers: the smallest sample the estimation stage can use.
    static let minimumWorkersPerWave = 64

    /// Writes all six tables into `directory` (created if missing); returns the written file URLs in a stable order.
    ///
    /// Order: `workers_<year>.csv` by ascending year, then `enterprises.csv`,
    /// `economy.csv`, `skill_demand.csv`, `programs.csv`, `targets.csv`. An existing file
    /// of the same name is replaced only if an earlier generation wrote it and it is unchanged
    /// (`GeneratedFilesRecord`), or with `force`; otherwise nothing is written and
    /// `GenerationRefused` is thrown.
    ///
    /// - Complexity: O(workers + frame size) per wave; about 150 bytes of output per worker.
    public static func write(_ options: SampleGeneratorOptions, to directory: URL, force: Bool = false) throws -> [URL]
    {
        let years = try options.validatedYears()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let planned =
            years.map { "workers_\($0).csv" }
            + ["enterprises.csv", "economy.csv", "skill_demand.csv", "programs.csv", "targets.csv"]
        let foreign = GeneratedFilesRecord(folder: directory).foreignFiles(planned, in: directory)
        if !force, !foreign.isEmpty { throw GenerationRefused(folder: directory.path, files: foreign) }
        let plan = SamplePlan(workersPerWave: options.workersPerWave)
        let frame = EnterpriseFrame(seed: options.seed, aliveTarget: plan.frameAliveTarget)

        var urls: [URL] = []
        var enterpriseTable = try EnterpriseTable(url: directory.appendingPathComponent("enterprises.csv"))
        var demand: [(year: Int, demand: [[Int]])] = []
        for year in years {
            let wave = try WaveSample.draw(frame: frame, year: year, plan: plan)
            let enterprises = wave.enterprises.map { EnterpriseYear.make($0, frame: frame, year: year) }
            let workers = try WorkerTable.write(
                enterprises, year: year, seed: options.seed,
                to: directory.appendingPathComponent("workers_\(year).csv"))
            urls.append(workers.url)
            try enterpriseTable.append(enterprises, year: year)
            demand.append((year, SkillDemandTable.demand(supply: workers.supply, year: year, seed: options.seed)))
        }
        urls.append(try enterpriseTable.finish())
        urls.append(try EconomySeries.write(years: years, to: directory.appendingPathComponent("economy.csv")))
        urls.append(try SkillDemandTable.write(demand, to: directory.appendingPathComponent("skill_demand.csv")))
        urls.append(try PolicyTables.writePrograms(years: years, to: directory.appendingPathComponent("programs.csv")))
        urls.append(try PolicyTables.writeTargets(to: directory.appendingPathComponent("targets.csv")))
        try GeneratedFilesRecord.write(urls, in: directory)
        return urls
    }
}
