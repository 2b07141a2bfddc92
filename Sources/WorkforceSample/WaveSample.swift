import Foundation
import WorkforceKit

extension SampleGenerator {
    /// One sampled enterprise (PSU) of a wave, with its selection probability and interview count.
    struct SampledEnterprise {
        let frameIndex: Int
        let district: Int
        let industry: Int
        /// On-site workers in the wave's year: the size measure of the πps selection.
        let onSite: Int
        /// First-stage inclusion probability; 1 for take-all enterprises.
        let inclusion: Double
        /// Workers interviewed here (second stage, simple random sample of the on-site workforce).
        var interviews: Int
    }

    /// The first stage of a wave: enterprises drawn with probability proportional to size within each district.
    ///
    /// Design: districts are strata; the sample size of each is proportional to its
    /// workforce with at least two PSUs. Within a stratum, Pareto πps sampling (Rosén)
    /// on the frame's permanent random numbers selects the enterprises, so successive
    /// waves overlap strongly — a coordinated panel with churn — and large enterprises
    /// are taken with certainty. The worker weight is
    /// 1/π(enterprise) × on-site workers / interviews.
    struct WaveSample {
        let year: Int
        /// Sampled enterprises ordered by district (contract order), then enterprise id.
        let enterprises: [SampledEnterprise]

        /// Draws the enterprises of `year` and sets how many workers each contributes.
        ///
        /// - Complexity: O(N log N) in the frame size N (one sort per stratum).
        static func draw(frame: EnterpriseFrame, year: Int, plan: SamplePlan) throws -> WaveSample {
            let modelYear = EnterpriseFrame.modelYear(year)
            let districtCount = SampleGenerator.districts.count
            var members = [[(index: Int, size: Int)]](repeating: [], count: districtCount)
            for index in 0..<frame.count where frame.isAlive(index, modelYear: modelYear) {
                members[Int(frame.district[index])].append((index, frame.onSiteWorkers(index, year: year)))
            }
            let totals = members.map { Double($0.reduce(0) { $0 + $1.size }) }
            let allocation = SamplePlan.allocate(
                plan.enterprisesPerWave, proportionalTo: totals, minimum: 2, capacity: members.map(\.count))

            var chosen: [SampledEnterprise] = []
            chosen.reserveCapacity(plan.enterprisesPerWave)
            for d in 0..<districtCount {
                let stratum = members[d]
                let sizes = stratum.map { Double($0.size) }
                let inclusion = SamplePlan.inclusionProbabilities(sizes: sizes, sampleSize: allocation[d])
                let picked = paretoSample(
                    stratum.map(\.index), inclusion: inclusion, count: allocation[d], frame: frame)
                for position in picked.sorted() {
                    let member = stratum[position]
                    chosen.append(
                        SampledEnterprise(
                            frameIndex: member.index, district: d, industry: Int(frame.industry[member.index]),
                            onSite: member.size, inclusion: inclusion[position], interviews: 0))
                }
            }
            try SamplePlan.assignInterviews(&chosen, total: plan.workersPerWave)
            return WaveSample(year: year, enterprises: chosen)
        }

        /// Positions of the `count` units with the smallest Pareto ranking variables.
        ///
        /// ξ = [u/(1−u)] / [π/(1−π)] with u the permanent random number: a fixed-size
        /// sample whose inclusion probabilities are close to π; take-all units rank first.
        private static func paretoSample(
            _ indices: [Int], inclusion: [Double], count: Int, frame: EnterpriseFrame
        ) -> [Int] {
            var ranking: [(key: Double, position: Int)] = []
            ranking.reserveCapacity(indices.count)
            for (position, index) in indices.enumerated() {
                let p = inclusion[position]
                let u = frame.permanentRandom[index]
                let key = p >= 1 ? -1 : (u / (1 - u)) / (p / (1 - p))
                ranking.append((key, position))
            }
            // Ties are broken by position (i.e. by enterprise id), so the sort order is total and stable.
            ranking.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
            return ranking.prefix(count).map(\.position)
        }
    }
}
