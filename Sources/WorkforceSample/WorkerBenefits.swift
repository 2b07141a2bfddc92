import Foundation
import WorkforceKit

extension SampleGenerator.WorkerSynthesis {
    typealias Xoshiro256 = SampleGenerator.Xoshiro256
    typealias SyntheticWorker = SampleGenerator.SyntheticWorker

    /// Training, apprenticeship, certificates and public training subsidies.
    ///
    /// Participation falls for non-local, migrant and non-regular workers: the gaps
    /// the training indicators are meant to expose. Subsidies follow certificates and
    /// apprenticeships, as Shanghai's subsidy schemes pay on completion.
    static func drawTraining(
        _ worker: inout SyntheticWorker, _ enterprise: SampleGenerator.EnterpriseYear,
        industry: SampleGenerator.IndustryProfile, rng: inout Xoshiro256
    ) {
        worker.apprentice =
            industry.isSkilledTrade && worker.employment == .regular && worker.age <= 30 && worker.skillLevel <= 2
            && rng.chance(0.08)
        var score = -0.55 + industry.trainingShift + enterprise.traits.trainingEffect
        score += enterprise.traits.ownership.trainingShift
        score += 0.1 * SampleGenerator.PortableMath.log(Double(enterprise.sample.onSite) / 50)
        score += 0.15 * Double(worker.education - 3) + 0.12 * Double(min(worker.skillLevel, 4))
        score += (worker.nonlocal ? -0.45 : 0) + (worker.migrant ? -0.35 : 0)
        score += 0.5 * worker.employment.coverageShift - 0.015 * Double(max(0, worker.age - 45))
        worker.trained = worker.apprentice || rng.chance(logit: score)
        guard worker.trained else { return }

        let hours =
            worker.apprentice
            ? rng.lognormal(median: 160, sigma: 0.4) : rng.lognormal(median: 24, sigma: 0.7)
        worker.trainingHours = Int(min(600, max(2, hours)).rounded())
        worker.newCertificate = rng.chance(worker.apprentice ? 0.45 : 0.22)
        if worker.apprentice && rng.chance(0.7) {
            // New-type apprenticeship subsidy: a few thousand yuan per apprentice-year, in hundreds.
            worker.trainingSubsidy = (40 + 20 * rng.uniform()).rounded() * 100
        } else if worker.newCertificate && rng.chance(0.55) {
            worker.trainingSubsidy = (Double(5 + 5 * worker.skillLevel) * (0.6 + 0.8 * rng.uniform())).rounded() * 100
        } else if rng.chance(0.08) {
            worker.trainingSubsidy = (2 + 8 * rng.uniform()).rounded() * 100
        }
    }

    /// Housing fund, social insurance, labour contract, union and party membership.
    static func drawCoverage(
        _ worker: inout SyntheticWorker, _ enterprise: SampleGenerator.EnterpriseYear,
        industry: SampleGenerator.IndustryProfile, rng: inout Xoshiro256
    ) {
        let ownership = enterprise.traits.ownership
        let size = 0.2 * SampleGenerator.PortableMath.log(Double(enterprise.sample.onSite) / 50)
        let shared = ownership.coverageShift + industry.coverageShift + size + 0.25 * Double(worker.education - 3)
        let personal = (worker.nonlocal ? -0.9 : 0) + (worker.migrant ? -1.0 : 0) + worker.employment.coverageShift
        worker.housingFund = rng.chance(logit: 2.0 + shared + personal)
        worker.socialInsurance = rng.chance(logit: 3.4 + 0.7 * (shared + personal))
        var contractPenalty = (worker.nonlocal ? -0.4 : 0) + (worker.migrant ? -0.5 : 0)
        contractPenalty += worker.employment == .flexible ? -1.6 : (worker.employment == .outsourced ? -0.4 : 0)
        worker.laborContract = rng.chance(logit: 3.8 + 0.5 * shared + contractPenalty)
        if enterprise.hasUnion {
            let unionScore = 1.3 + (worker.employment == .regular ? 0 : -0.8) + (worker.nonlocal ? -0.4 : 0)
            worker.unionMember = rng.chance(logit: unionScore)
        } else {
            // Regional and sector unions still reach a few workers of enterprises without one.
            worker.unionMember = rng.chance(0.03)
        }
        var partyScore = -2.7 + 0.45 * Double(worker.education - 3) + 0.025 * Double(worker.age - 35)
        partyScore += (ownership == .state ? 1.0 : 0) + (ownership == .foreign ? -0.5 : 0) + (worker.migrant ? -0.6 : 0)
        worker.partyMember = rng.chance(logit: partyScore)
    }
}
