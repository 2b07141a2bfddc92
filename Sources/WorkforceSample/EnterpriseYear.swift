import Foundation
import WorkforceKit

extension SampleGenerator {
    /// A sampled enterprise in one wave: the enterprises.csv row and the context its workers are drawn in.
    struct EnterpriseYear {
        let sample: SampledEnterprise
        let traits: EnterpriseTraits
        let identifier: [UInt8]
        /// Workers on the enterprise's own labour contracts (regular and flexible staff).
        let employees: Int
        /// Agency staff: dispatched (on the dispatch agency's contract) and outsourced (the contractor's).
        let dispatchWorkers: Int
        let outsourcedWorkers: Int
        /// Flexible (part-time or casual) staff, a subset of `employees`.
        let flexibleWorkers: Int
        let hasUnion: Bool
        let hasPartyOrganisation: Bool
        let partyMembers: Int
        let hasWorkerCongress: Bool
        /// 10k CNY.
        let valueAdded: Double
        let profit: Double
        let trainingSpend: Double
        let chiefTechnicianPosts: Int

        /// Enterprise weight: the inverse of the first-stage inclusion probability.
        var weight: Double { 1 / sample.inclusion }

        /// Worker weight: enterprise weight × on-site workforce / interviews.
        var workerWeight: Double { weight * Double(sample.onSite) / Double(max(1, sample.interviews)) }

        /// Builds the wave's enterprise record from its fixed traits and a stream keyed by (enterprise, year).
        static func make(
            _ sample: SampledEnterprise, frame: EnterpriseFrame, year: Int
        ) -> EnterpriseYear {
            let industry = SampleGenerator.industries[sample.industry]
            let traits = EnterpriseTraits.derive(
                seed: frame.seed, index: sample.frameIndex, industry: industry,
                baseSize: frame.baseSize[sample.frameIndex])
            var rng = Xoshiro256(
                key: SampleGenerator.streamKey(frame.seed, .enterpriseYear, sample.frameIndex, year))

            let onSite = sample.onSite
            var dispatch = Int((Double(onSite) * traits.dispatchShare).rounded())
            var outsourced = Int((Double(onSite) * traits.outsourcedShare).rounded())
            // Keep at least one own employee: an enterprise entirely of agency staff is not in the frame.
            while dispatch + outsourced >= onSite {
                if outsourced > 0 { outsourced -= 1 } else { dispatch -= 1 }
            }
            let employees = onSite - dispatch - outsourced
            let flexible = Int((Double(employees) * traits.flexibleShare).rounded())

            let logSize = PortableMath.log(Double(employees) / 50)
            let organisation = traits.ownership.organisationShift
            // Statuses compare fixed propensities with size-dependent thresholds, so they persist
            // across waves and change only when an enterprise grows or shrinks past them.
            let hasUnion = 0.3 + 0.8 * logSize + organisation + traits.unionPropensity > 0
            let partyExpected = Double(employees) * traits.ownership.partyShare * traits.partyFactor
            let partyMembers = min(employees, rng.stochasticRound(partyExpected))
            // A party organisation needs three members; smaller groups may join a joint branch.
            let hasParty: Bool
            if traits.ownership == .state {
                hasParty = partyMembers >= 1 || traits.partyDraw < 0.8
            } else if partyMembers >= 3 {
                hasParty = traits.partyDraw < SampleGenerator.logistic(1.0 + 0.8 * logSize)
            } else {
                hasParty = partyMembers >= 1 && traits.partyDraw < 0.3
            }
            let congressScore =
                -1.2 + 0.9 * logSize + organisation + (hasUnion ? 1.0 : -1.5) + traits.congressPropensity
            let hasCongress = congressScore > 0

            // Value added follows the industry's productivity, grows with nominal wages, and jitters yearly.
            let perWorker =
                industry.valueAddedPerWorker * traits.productivity * EconomySeries.wageLevel(year)
                * rng.lognormal(median: 1, sigma: 0.08)
            let valueAdded = perWorker * Double(employees + dispatch)
            let profit = valueAdded * (traits.margin + 0.06 * rng.normal())
            let trainingRate = 0.008 * PortableMath.exp(traits.trainingEffect) * rng.lognormal(median: 1, sigma: 0.2)
            let chiefPosts: Int
            if industry.isSkilledTrade && employees >= 300 {
                chiefPosts = rng.poisson(mean: Double(employees) / 600 * (traits.ownership == .state ? 1.5 : 1))
            } else if employees >= 100 {
                chiefPosts = rng.chance(0.08) ? 1 : 0
            } else {
                chiefPosts = 0
            }

            return EnterpriseYear(
                sample: sample, traits: traits, identifier: EnterpriseFrame.identifierBytes(sample.frameIndex),
                employees: employees, dispatchWorkers: dispatch, outsourcedWorkers: outsourced,
                flexibleWorkers: flexible, hasUnion: hasUnion, hasPartyOrganisation: hasParty,
                partyMembers: partyMembers, hasWorkerCongress: hasCongress, valueAdded: valueAdded, profit: profit,
                trainingSpend: valueAdded * trainingRate, chiefTechnicianPosts: chiefPosts)
        }
    }
}
