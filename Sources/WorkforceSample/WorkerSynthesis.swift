import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Draws one worker's characteristics, conditionally on the enterprise, in a causal order.
    ///
    /// Order: employment form → sex, age → education → hukou, migrant → skill level,
    /// title → hours → wage → training → coverage → membership → commute. Each step
    /// uses the earlier ones, so the usual correlations (migrants less educated, less
    /// covered; skill and title raise pay) come out of the data rather than being imposed.
    enum WorkerSynthesis {
        // Log-wage premia by education (1–5), skill level (0–5) and title (0–3).
        static let educationPremium = [0, -0.28, -0.14, 0, 0.22, 0.48]
        static let skillPremium = [0, 0.02, 0.07, 0.14, 0.24, 0.34]
        static let titlePremium = [0, 0.08, 0.20, 0.38]
        /// Calibrates the weighted 2019 median monthly wage to about 8,200–8,500 CNY.
        static let baseLogWage = PortableMath.log(5_650)

        /// One worker of `enterprise`, using its stream `rng`; `wageLevel` is the year's level relative to 2019.
        static func draw(
            _ enterprise: EnterpriseYear, wageLevel: Double, rng: inout Xoshiro256
        ) -> SyntheticWorker {
            let industry = SampleGenerator.industries[enterprise.sample.industry]
            let district = SampleGenerator.districts[enterprise.sample.district]
            let ownership = enterprise.traits.ownership
            var worker = SyntheticWorker()

            // Employment form in the proportions of the enterprise's on-site workforce.
            let onSite = Double(enterprise.sample.onSite)
            let u = rng.uniform() * onSite
            let dispatch = Double(enterprise.dispatchWorkers)
            let outsourced = Double(enterprise.outsourcedWorkers)
            let flexible = Double(enterprise.flexibleWorkers)
            if u < dispatch {
                worker.employment = .dispatch
            } else if u < dispatch + outsourced {
                worker.employment = .outsourced
            } else if u < dispatch + outsourced + flexible {
                worker.employment = .flexible
            } else {
                worker.employment = .regular
            }
            let nonRegular = worker.employment != .regular

            worker.male = rng.chance(industry.maleShare)
            let ageDraw =
                worker.employment == .flexible
                ? rng.normal(mean: 42, sd: 13, in: 16...75.999)
                : rng.normal(mean: 37.5, sd: 10.5, in: 16...75.999)
            worker.age = Int(ageDraw.rounded(.down))
            let ageCentred = Double(worker.age - 38)

            // Ordered probit: latent score against fixed cut points.
            var educationScore = industry.educationShift - 0.025 * ageCentred + rng.normal()
            if ownership == .foreign || ownership == .state { educationScore += 0.2 }
            if nonRegular { educationScore -= 0.3 }
            worker.education = band(educationScore, cuts: [-0.9, -0.1, 0.5, 1.65]) + 1

            let nonlocalScore =
                -0.45 + industry.nonlocalShift + district.nonlocalShift - 0.35 * Double(worker.education - 3)
                - 0.03 * Double(worker.age - 35) + (nonRegular ? 0.5 : 0)
            worker.nonlocal = rng.chance(logit: nonlocalScore)
            worker.migrant =
                worker.nonlocal
                ? rng.chance(logit: 1.0 - 1.6 * Double(worker.education - 2))
                : (worker.education <= 2 && rng.chance(0.02))

            // Skill certificates: common in the trades and among vocational graduates, rarer in offices.
            var certificateScore = industry.certificationShift + 0.2 * enterprise.traits.trainingEffect
            // Vocational and college graduates certify most; postgraduates take titles instead.
            let vocational = worker.education == 2 || worker.education == 3
            certificateScore += vocational ? 0.3 : (worker.education == 5 ? -0.5 : 0)
            certificateScore += 0.03 * Double(min(max(worker.age - 20, 0), 20)) - 0.4
            certificateScore -= (nonRegular ? 0.4 : 0) + (worker.migrant ? 0.3 : 0)
            if rng.chance(logit: certificateScore) {
                let levelScore =
                    0.04 * Double(worker.age - 35) + 0.25 * Double(worker.education - 2)
                    + (ownership == .state ? 0.2 : 0) + rng.normal()
                worker.skillLevel = band(levelScore, cuts: [-0.25, 0.7, 1.7, 2.35]) + 1
            }

            let titleScore =
                0.9 * Double(worker.education - 3) + 0.03 * Double(worker.age - 35)
                + industry.titleShift + rng.normal()
            worker.title = worker.education >= 2 ? band(titleScore, cuts: [1.0, 1.8, 2.7]) : 0

            drawHours(&worker, industry: industry, rng: &rng)
            drawWage(&worker, enterprise, industry: industry, district: district, wageLevel: wageLevel, rng: &rng)
            drawTraining(&worker, enterprise, industry: industry, rng: &rng)
            drawCoverage(&worker, enterprise, industry: industry, rng: &rng)
            let commute = rng.lognormal(median: district.commuteMedian, sigma: 0.55)
            worker.commuteMinutes = Int(min(180, max(3, commute)).rounded())
            return worker
        }

        /// Index of the band `score` falls in, given ascending cut points.
        @inline(__always)
        static func band(_ score: Double, cuts: [Double]) -> Int {
            var level = 0
            while level < cuts.count && score >= cuts[level] { level += 1 }
            return level
        }

        /// Weekly hours: mostly 40–48, long hours in manufacturing and transport, part-time for some flexible staff.
        private static func drawHours(
            _ worker: inout SyntheticWorker, industry: IndustryProfile, rng: inout Xoshiro256
        ) {
            let partTime = rng.chance(worker.employment == .flexible ? 0.55 : 0.025)
            if partTime {
                worker.weeklyHours = (8 + rng.uniform() * 26).rounded()
            } else if rng.chance(0.42) {
                worker.weeklyHours = 40
            } else {
                // Overtime in half hours, capped at a 72-hour week.
                let overtime = (rng.exponential(mean: industry.overtimeMean) * 2).rounded() / 2
                worker.weeklyHours = min(72, 40 + overtime)
            }
        }

        /// Lognormal wage with industry, district, ownership, enterprise, human-capital and employment-form effects.
        private static func drawWage(
            _ worker: inout SyntheticWorker, _ enterprise: EnterpriseYear, industry: IndustryProfile,
            district: DistrictProfile, wageLevel: Double, rng: inout Xoshiro256
        ) {
            let experience = Double(max(0, worker.age - 20))
            var logWage = baseLogWage + industry.wagePremium + district.wagePremium
            logWage += enterprise.traits.ownership.wagePremium + enterprise.traits.wageEffect
            logWage += 0.035 * PortableMath.log(Double(enterprise.sample.onSite) / 20)
            logWage += educationPremium[worker.education] + skillPremium[worker.skillLevel] + titlePremium[worker.title]
            logWage += 0.028 * experience - 0.00055 * experience * experience
            logWage += (worker.male ? 0 : -0.10) + (worker.migrant ? -0.05 : 0) + worker.employment.wagePremium
            logWage += 0.35 * rng.normal()
            var wage = PortableMath.exp(logWage) * wageLevel
            // Part-timers are paid for the hours they work.
            if worker.weeklyHours < 35 { wage *= worker.weeklyHours / 40 }
            // A floor of 300 CNY in 2019 terms keeps the odd few-hours part-timer above zero.
            worker.monthlyWage = max(300 * wageLevel, wage)
        }
    }
}
