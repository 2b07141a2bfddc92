import Foundation
import WorkforceKit

extension SampleGenerator {
    /// What stays fixed about an enterprise across waves: ownership, its use of non-regular labour, its culture.
    ///
    /// Drawn from a stream keyed by the enterprise alone, so a panel enterprise keeps
    /// its character in every wave it is sampled in.
    struct EnterpriseTraits {
        let ownership: Ownership
        /// Shares of the on-site workforce that are dispatched or outsourced, and of employees who are flexible.
        let dispatchShare: Double
        let outsourcedShare: Double
        let flexibleShare: Double
        /// Log-wage effect shared by all its workers (pay policy, productivity).
        let wageEffect: Double
        /// Log-odds effect on training participation; also scales training spend.
        let trainingEffect: Double
        /// Standard-normal propensities behind union, workers' congress and party membership.
        let unionPropensity: Double
        let congressPropensity: Double
        let partyFactor: Double
        /// Uniform draw compared with the probability of a party organisation, fixed so the status persists.
        let partyDraw: Double
        /// Productivity relative to the industry (lognormal) and baseline profit margin.
        let productivity: Double
        let margin: Double

        /// Derives the traits of frame enterprise `index`.
        ///
        /// Large enterprises are more often state-owned, the pattern of China's enterprise census.
        static func derive(seed: UInt64, index: Int, industry: IndustryProfile, baseSize: Double) -> EnterpriseTraits {
            var rng = Xoshiro256(key: SampleGenerator.streamKey(seed, .traits, index))
            let sizeTilt = min(3, max(0.5, 1 + 0.4 * PortableMath.log(baseSize / 20) / PortableMath.log(10)))
            let state = min(0.9, industry.stateShare * sizeTilt)
            let ownershipCumulative = SampleGenerator.cumulative([
                state, max(0, 1 - state - industry.foreignShare - 0.09), industry.foreignShare, 0.03, 0.06,
            ])
            let ownership = Ownership(rawValue: rng.pick(cumulative: ownershipCumulative)) ?? .privateOwned

            // Most enterprises use no dispatched labour; among users a lognormal share puts a
            // minority above the 10 % legal cap.
            func share(_ propensity: Double, median: Double, sigma: Double, cap: Double) -> Double {
                rng.chance(propensity) ? min(cap, rng.lognormal(median: median, sigma: sigma)) : 0
            }
            // Large employers lean on dispatch agencies more (the pattern behind the 2014 cap).
            let largeEmployer = min(2.2, max(0.6, 1 + 0.3 * PortableMath.log(baseSize / 20)))
            let dispatchUse = min(0.9, industry.dispatchPropensity * largeEmployer)
            let dispatch = share(dispatchUse, median: 0.055, sigma: 0.5, cap: 0.45)
            let outsourced = share(industry.outsourcingPropensity, median: 0.08, sigma: 0.7, cap: 0.40)
            let flexible = share(industry.flexiblePropensity, median: 0.08, sigma: 0.8, cap: 0.50)

            return EnterpriseTraits(
                ownership: ownership,
                dispatchShare: dispatch,
                outsourcedShare: outsourced,
                flexibleShare: flexible,
                wageEffect: 0.15 * rng.normal(),
                trainingEffect: 0.5 * rng.normal(),
                unionPropensity: rng.normal(),
                congressPropensity: rng.normal(),
                partyFactor: rng.lognormal(median: 1, sigma: 0.6),
                partyDraw: rng.uniform(),
                productivity: rng.lognormal(median: 1, sigma: 0.5),
                margin: 0.20 + 0.12 * rng.normal())
        }
    }
}
