import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Writes one wave's workers_<year>.csv and tallies the weighted skill supply for skill_demand.csv.
    enum WorkerTable {
        static let header =
            "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,migrant,"
            + "skill_level,title,monthly_wage,weekly_hours,trained,training_hours,training_subsidy,apprentice,"
            + "new_certificate,housing_fund,social_insurance,labor_contract,union_member,party_member,"
            + "commute_minutes,weight,stratum,psu\n"

        private static let male = Array("M".utf8)
        private static let female = Array("F".utf8)
        private static let local = Array("local".utf8)
        private static let nonlocal = Array("nonlocal".utf8)

        /// Weighted headcount by industry (rows) and skill level 0–5 (columns).
        typealias SkillSupply = [[Double]]

        /// Writes the workers of `enterprises` (already in output order) to `url`.
        ///
        /// Worker ids are `W<year>-` and a 7-digit sequence, unique within the wave. Each
        /// enterprise's workers come from their own stream keyed by (enterprise, year),
        /// so a worker depends only on the seed, the wave and the enterprise's place in it.
        ///
        /// - Complexity: O(workers); the file is written in 4 MB blocks.
        static func write(
            _ enterprises: [EnterpriseYear], year: Int, seed: UInt64, to url: URL
        ) throws -> (url: URL, supply: SkillSupply) {
            var sink = try ByteSink(url: url)
            sink.text(header)
            var supply = SkillSupply(repeating: [Double](repeating: 0, count: 6), count: industries.count)
            let wageLevel = EconomySeries.wageLevel(year)
            let yearBytes = Array(String(year).utf8)
            let idPrefix = Array("W\(year)-".utf8)
            var sequence = 0
            for enterprise in enterprises {
                let sample = enterprise.sample
                let weight = enterprise.workerWeight
                var rng = Xoshiro256(key: streamKey(seed, .workers, sample.frameIndex, year))
                for _ in 0..<sample.interviews {
                    let worker = WorkerSynthesis.draw(enterprise, wageLevel: wageLevel, rng: &rng)
                    sequence += 1
                    supply[sample.industry][worker.skillLevel] += weight
                    sink.raw(yearBytes)
                    sink.comma()
                    sink.raw(idPrefix)
                    sink.padded(sequence, width: 7)
                    sink.comma()
                    sink.raw(enterprise.identifier)
                    sink.comma()
                    sink.raw(districtNameBytes[sample.district])
                    sink.comma()
                    sink.raw(industryLetterBytes[sample.industry])
                    sink.comma()
                    sink.raw(employmentCodeBytes[worker.employment.rawValue])
                    sink.comma()
                    sink.raw(worker.male ? male : female)
                    sink.comma()
                    sink.integer(worker.age)
                    sink.comma()
                    sink.integer(worker.education)
                    sink.comma()
                    sink.raw(worker.nonlocal ? nonlocal : local)
                    sink.comma()
                    sink.flag(worker.migrant)
                    sink.comma()
                    sink.integer(worker.skillLevel)
                    sink.comma()
                    sink.integer(worker.title)
                    sink.comma()
                    sink.fixed(worker.monthlyWage, decimals: 2)
                    sink.comma()
                    sink.fixed(worker.weeklyHours, decimals: 2)
                    sink.comma()
                    sink.flag(worker.trained)
                    sink.comma()
                    sink.integer(worker.trainingHours)
                    sink.comma()
                    sink.fixed(worker.trainingSubsidy, decimals: 2)
                    sink.comma()
                    sink.flag(worker.apprentice)
                    sink.comma()
                    sink.flag(worker.newCertificate)
                    sink.comma()
                    sink.flag(worker.housingFund)
                    sink.comma()
                    sink.flag(worker.socialInsurance)
                    sink.comma()
                    sink.flag(worker.laborContract)
                    sink.comma()
                    sink.flag(worker.unionMember)
                    sink.comma()
                    sink.flag(worker.partyMember)
                    sink.comma()
                    sink.integer(worker.commuteMinutes)
                    sink.comma()
                    sink.fixed(weight, decimals: 2)
                    sink.comma()
                    sink.raw(districtNameBytes[sample.district])
                    sink.comma()
                    sink.raw(enterprise.identifier)
                    try sink.endRow()
                }
            }
            return (try sink.finish(), supply)
        }
    }
}
