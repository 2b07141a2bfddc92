import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Form of employment, with the codes of the input contract.
    enum EmploymentType: Int, CaseIterable {
        case regular = 0
        case dispatch
        case outsourced
        case flexible

        var code: String {
            switch self {
            case .regular: "regular"
            case .dispatch: "dispatch"
            case .outsourced: "outsourced"
            case .flexible: "flexible"
            }
        }

        /// Log-wage shift against regular staff of the same profile: the unequal pay
        /// for equal work that clause （二十三） targets (dispatch/outsourced ≈ 10–20 % less).
        var wagePremium: Double {
            switch self {
            case .regular: 0
            case .dispatch: -0.12
            case .outsourced: -0.11
            case .flexible: -0.10
            }
        }

        /// Log-odds shift of housing fund, insurance and training: agency and flexible staff are covered less.
        var coverageShift: Double {
            switch self {
            case .regular: 0
            case .dispatch: -0.9
            case .outsourced: -1.1
            case .flexible: -2.2
            }
        }
    }

    /// Employment codes as UTF-8 bytes, indexed by raw value.
    static let employmentCodeBytes: [[UInt8]] = EmploymentType.allCases.map { Array($0.code.utf8) }

    /// One surveyed worker: the values of a workers.csv row other than ids and design columns.
    struct SyntheticWorker {
        var employment: EmploymentType = .regular
        var male = true
        var age = 35
        /// 1 junior secondary … 5 postgraduate.
        var education = 3
        var nonlocal = false
        var migrant = false
        /// 0 none … 5 senior technician.
        var skillLevel = 0
        /// 0 none … 3 senior engineer.
        var title = 0
        var monthlyWage = 0.0
        var weeklyHours = 40.0
        var trained = false
        var trainingHours = 0
        var trainingSubsidy = 0.0
        var apprentice = false
        var newCertificate = false
        var housingFund = false
        var socialInsurance = false
        var laborContract = false
        var unionMember = false
        var partyMember = false
        var commuteMinutes = 0
    }
}
