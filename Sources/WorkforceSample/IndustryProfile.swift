import Foundation
import WorkforceKit

extension SampleGenerator {
    /// A GB/T 4754-2017 section as the generator models it: how common it is and how its workforce differs.
    ///
    /// Shifts are on the log-odds or log-wage scale and relative to an average industry.
    /// They are stylised facts (finance and IT pay and educate more, construction and
    /// catering employ more migrants), not estimates.
    struct IndustryProfile: Sendable {
        let letter: String
        /// Share of the enterprise population before the district tilt.
        let frameShare: Double
        /// Multiplier of `frameShare` per `DistrictProfile.Zone` (central, Pudong, suburban, island).
        let zoneTilt: [Double]
        /// Multiplier of enterprise size: utilities and manufacturing run larger units than retail.
        let sizeFactor: Double
        /// Probability that an enterprise is state-owned or foreign-owned (before the size tilt).
        let stateShare: Double
        let foreignShare: Double
        /// Value added per on-site worker and year, 10k CNY, in 2019 prices.
        let valueAddedPerWorker: Double
        let wagePremium: Double
        let educationShift: Double
        let maleShare: Double
        let nonlocalShift: Double
        let certificationShift: Double
        let titleShift: Double
        let trainingShift: Double
        let coverageShift: Double
        /// Mean weekly overtime above 40 h among full-timers who work overtime.
        let overtimeMean: Double
        /// Probability that an enterprise uses dispatched, outsourced or flexible workers at all.
        let dispatchPropensity: Double
        let outsourcingPropensity: Double
        let flexiblePropensity: Double

        /// Mining, manufacturing, utilities, construction and transport: where apprenticeships
        /// and chief-technician posts are concentrated.
        let isSkilledTrade: Bool
    }

    /// The industries the synthetic city has, in letter order (the order of every output).
    ///
    /// Columns of `row`: letter, share, zone tilt ×4, size, state, foreign, VA/worker,
    /// wage, education, male, non-local, certificate, title, training, coverage,
    /// overtime, dispatch, outsourcing, flexible.
    static let industries: [IndustryProfile] = [
        row(
            "A", 0.005, [0.1, 0.5, 1.5, 8.0], 0.8, 0.30, 0.00, 12, -0.35, -1.0, 0.60, 0.3, -0.6, -0.8, -0.4, -1.0, 3,
            0.10, 0.10, 0.40),
        row(
            "B", 0.003, [0.3, 1.0, 1.3, 1.0], 2.5, 0.60, 0.05, 80, 0.10, -0.3, 0.85, 0.0, 0.6, 0.0, 0.3, 0.8, 4, 0.35,
            0.30, 0.05),
        row(
            "C", 0.260, [0.3, 1.1, 1.6, 1.0], 1.6, 0.08, 0.18, 35, 0.00, -0.2, 0.62, 0.4, 0.5, 0.2, 0.2, 0.2, 6, 0.45,
            0.25, 0.15),
        row(
            "D", 0.010, [0.6, 1.2, 1.1, 1.0], 3.0, 0.75, 0.05, 90, 0.30, 0.4, 0.75, -0.6, 0.7, 0.4, 0.5, 1.2, 3, 0.35,
            0.30, 0.05),
        row(
            "E", 0.060, [0.8, 1.0, 1.1, 1.0], 1.4, 0.15, 0.03, 20, -0.05, -0.6, 0.88, 0.7, 0.4, 0.0, -0.1, -0.6, 7,
            0.30, 0.50, 0.30),
        row(
            "F", 0.130, [1.2, 1.0, 0.9, 0.8], 0.6, 0.05, 0.08, 25, -0.12, -0.3, 0.48, 0.3, -0.6, -0.6, -0.2, -0.3, 5,
            0.25, 0.20, 0.45),
        row(
            "G", 0.100, [0.7, 1.3, 1.2, 0.8], 1.3, 0.20, 0.06, 28, -0.02, -0.4, 0.75, 0.4, 0.4, -0.3, 0.1, 0.0, 7, 0.50,
            0.45, 0.30),
        row(
            "H", 0.060, [1.4, 1.0, 0.8, 1.2], 0.8, 0.05, 0.05, 12, -0.30, -0.9, 0.45, 0.6, -0.3, -1.0, -0.2, -0.8, 6,
            0.25, 0.20, 0.60),
        row(
            "I", 0.100, [1.5, 1.3, 0.6, 0.3], 0.9, 0.05, 0.08, 60, 0.40, 1.0, 0.65, -0.1, -0.7, 0.4, 0.3, 0.5, 5, 0.25,
            0.35, 0.15),
        row(
            "J", 0.040, [2.0, 1.5, 0.3, 0.3], 1.2, 0.30, 0.12, 150, 0.50, 1.1, 0.45, -0.4, -0.9, 0.0, 0.4, 1.0, 3, 0.30,
            0.30, 0.10),
        row(
            "K", 0.040, [1.4, 1.0, 0.8, 0.8], 0.8, 0.12, 0.05, 90, 0.05, 0.2, 0.55, 0.1, -0.5, -0.2, 0.0, 0.3, 4, 0.20,
            0.30, 0.20),
        row(
            "L", 0.070, [1.6, 1.1, 0.7, 0.5], 0.8, 0.08, 0.07, 30, 0.00, 0.2, 0.55, 0.2, -0.5, -0.3, 0.0, 0.0, 4, 0.30,
            0.45, 0.45),
        row(
            "M", 0.050, [1.5, 1.3, 0.7, 0.4], 0.7, 0.10, 0.10, 45, 0.30, 0.9, 0.60, -0.1, -0.3, 0.6, 0.3, 0.5, 4, 0.25,
            0.30, 0.15),
        row(
            "N", 0.010, [0.8, 1.0, 1.1, 1.5], 1.0, 0.35, 0.02, 20, -0.15, -0.5, 0.65, 0.2, 0.0, -0.2, 0.0, 0.0, 4, 0.25,
            0.40, 0.25),
        row(
            "O", 0.030, [1.3, 1.0, 0.9, 0.9], 0.6, 0.03, 0.02, 12, -0.30, -0.7, 0.45, 0.5, -0.3, -1.0, -0.3, -0.7, 5,
            0.20, 0.20, 0.55),
        row(
            "P", 0.010, [1.4, 1.0, 0.8, 0.7], 1.0, 0.25, 0.03, 20, 0.05, 1.2, 0.35, -0.3, -0.4, 0.3, 0.4, 0.6, 3, 0.15,
            0.15, 0.30),
        row(
            "Q", 0.010, [1.4, 1.0, 0.8, 0.8], 1.5, 0.40, 0.03, 25, 0.10, 0.9, 0.25, -0.2, 0.2, 0.4, 0.4, 0.6, 4, 0.20,
            0.25, 0.15),
        row(
            "R", 0.010, [1.6, 1.0, 0.7, 0.5], 0.8, 0.20, 0.03, 30, 0.00, 0.5, 0.50, 0.0, -0.4, -0.2, 0.1, 0.2, 4, 0.15,
            0.20, 0.40),
    ]

    /// Industry letters as UTF-8 bytes, encoded once for the row writers.
    static let industryLetterBytes: [[UInt8]] = industries.map { Array($0.letter.utf8) }

    /// Cumulative industry weights for each district: the national mix tilted by the district's zone.
    static let industryCumulativeByDistrict: [[Double]] = districts.map { district in
        cumulative(industries.map { $0.frameShare * $0.zoneTilt[district.zone.rawValue] })
    }

    /// Positional constructor so that the table above stays one readable line per industry.
    private static func row(
        _ letter: String, _ share: Double, _ tilt: [Double], _ size: Double, _ state: Double,
        _ foreign: Double, _ valueAdded: Double, _ wage: Double, _ education: Double, _ male: Double,
        _ nonlocal: Double, _ certificate: Double, _ title: Double, _ training: Double,
        _ coverage: Double, _ overtime: Double, _ dispatch: Double, _ outsourcing: Double,
        _ flexible: Double
    ) -> IndustryProfile {
        IndustryProfile(
            letter: letter, frameShare: share, zoneTilt: tilt, sizeFactor: size, stateShare: state,
            foreignShare: foreign, valueAddedPerWorker: valueAdded, wagePremium: wage,
            educationShift: education, maleShare: male, nonlocalShift: nonlocal,
            certificationShift: certificate, titleShift: title, trainingShift: training,
            coverageShift: coverage, overtimeMean: overtime, dispatchPropensity: dispatch,
            outsourcingPropensity: outsourcing, flexiblePropensity: flexible,
            isSkilledTrade: ["B", "C", "D", "E", "G"].contains(letter))
    }
}
