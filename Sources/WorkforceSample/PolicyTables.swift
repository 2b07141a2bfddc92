import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Writes programs.csv (administrative tallies) and targets.csv (the policy text's default targets).
    ///
    /// The tallies are illustrative straight-line trajectories, not data: by the 2020
    /// deadline three targets are met (training bases, funded chief technicians,
    /// dual-qualified teachers) and two are not (open training centres, master studios),
    /// so the target report shows both outcomes. They do not depend on the seed.
    enum PolicyTables {
        /// A programme's 2020 value and yearly change; counts are clamped at 0, shares to 0–95 %.
        private struct Trajectory {
            let program: String
            let value2020: Double
            let slope: Double
            let isShare: Bool
        }

        private static let trajectories = [
            Trajectory(program: "high_skill_training_bases", value2020: 104, slope: 14, isShare: false),
            Trajectory(program: "open_training_centers", value2020: 92, slope: 12, isShare: false),
            Trajectory(program: "chief_technicians_funded", value2020: 1_040, slope: 200, isShare: false),
            Trajectory(program: "skill_master_studios", value2020: 186, slope: 24, isShare: false),
            Trajectory(program: "dual_qualified_teacher_share", value2020: 51.6, slope: 2.8, isShare: true),
        ]

        /// The defaults listed at the end of the input contract, with their clauses.
        static let targetsCSV = """
            indicator,target,comparator,due_year,clause
            dual_qualified_teacher_share,50,>=,2020,（十）
            high_skill_training_bases,100,>=,2020,（十）
            open_training_centers,100,>=,2020,（十）
            chief_technicians_funded,1000,>=,2020,（十四）
            skill_master_studios,200,>=,2020,（十四）

            """

        /// Writes one row per year and programme.
        static func writePrograms(years: [Int], to url: URL) throws -> URL {
            var sink = try ByteSink(url: url)
            sink.text("year,program,value\n")
            for year in years {
                for trajectory in trajectories {
                    let raw = trajectory.value2020 + trajectory.slope * Double(year - 2020)
                    sink.integer(year)
                    sink.comma()
                    sink.text(trajectory.program)
                    sink.comma()
                    if trajectory.isShare {
                        sink.fixed(min(95, max(0, raw)), decimals: 2)
                    } else {
                        sink.integer(max(0, Int(raw.rounded())))
                    }
                    try sink.endRow()
                }
            }
            return try sink.finish()
        }

        static func writeTargets(to url: URL) throws -> URL {
            var sink = try ByteSink(url: url)
            sink.text(targetsCSV)
            return try sink.finish()
        }
    }
}
