import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Writes skill_demand.csv: the headcount enterprises need per year × industry × skill level.
    ///
    /// Demand is the wave's weighted supply re-shaped towards higher levels (×e^{0.22(k−1.5)},
    /// so level 0 loses about a quarter and level 5 more than doubles), with ±8 % noise per
    /// cell, scaled to 103–107 % of the industry's supply (vacancies). The mismatch is
    /// therefore systematic — shortages of senior workers and technicians, surplus of
    /// the uncertified — as the enterprise employment-demand surveys report.
    enum SkillDemandTable {
        static let header = "year,industry,skill_level,demand\n"

        /// One wave's demand rows from its skill supply, in industry-letter then level order.
        static func demand(supply: WorkerTable.SkillSupply, year: Int, seed: UInt64) -> [[Int]] {
            supply.enumerated().map { industry, levels in
                let total = levels.reduce(0, +)
                guard total > 0 else { return [] }
                var rng = Xoshiro256(key: streamKey(seed, .demand, industry, year))
                let tilted = levels.enumerated().map { level, headcount in
                    headcount * PortableMath.exp(0.22 * (Double(level) - 1.5)) * (1 + 0.08 * (2 * rng.uniform() - 1))
                }
                let tiltedTotal = tilted.reduce(0, +)
                let scale = total * (1.03 + 0.04 * rng.uniform()) / tiltedTotal
                return tilted.map { Int(($0 * scale).rounded()) }
            }
        }

        /// Writes all waves' demand; industries with no sampled worker in a wave get no rows for it.
        static func write(_ waves: [(year: Int, demand: [[Int]])], to url: URL) throws -> URL {
            var sink = try ByteSink(url: url)
            sink.text(header)
            for wave in waves {
                for (industry, levels) in wave.demand.enumerated() {
                    for (level, headcount) in levels.enumerated() {
                        sink.integer(wave.year)
                        sink.comma()
                        sink.raw(industryLetterBytes[industry])
                        sink.comma()
                        sink.integer(level)
                        sink.comma()
                        sink.integer(headcount)
                        try sink.endRow()
                    }
                }
            }
            return try sink.finish()
        }
    }
}
