import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Enterprise ownership with the effects the generator attaches to it.
    ///
    /// The effects are stylised: state enterprises have near-universal unions, party
    /// organisations and housing-fund coverage; foreign ones pay a premium; small
    /// private firms have the lowest coverage.
    enum Ownership: Int, Sendable, CaseIterable {
        case state = 0
        case privateOwned
        case foreign
        case collective
        case other

        /// The English code of the input contract.
        var code: String {
            switch self {
            case .state: "state"
            case .privateOwned: "private"
            case .foreign: "foreign"
            case .collective: "collective"
            case .other: "other"
            }
        }

        /// Log-wage shift.
        var wagePremium: Double {
            switch self {
            case .state: 0.05
            case .privateOwned: 0
            case .foreign: 0.12
            case .collective: -0.10
            case .other: -0.02
            }
        }

        /// Log-odds shift of housing fund, social insurance and contract coverage.
        var coverageShift: Double {
            switch self {
            case .state: 1.2
            case .privateOwned: 0
            case .foreign: 0.8
            case .collective: -0.2
            case .other: -0.3
            }
        }

        /// Log-odds shift of having a union and a workers' congress.
        var organisationShift: Double {
            switch self {
            case .state: 2.8
            case .privateOwned: 0
            case .foreign: 0.3
            case .collective: 1.2
            case .other: -0.2
            }
        }

        /// Typical share of party members among employees.
        var partyShare: Double {
            switch self {
            case .state: 0.16
            case .privateOwned: 0.035
            case .foreign: 0.03
            case .collective: 0.08
            case .other: 0.03
            }
        }

        /// Log-odds shift of taking part in training.
        var trainingShift: Double {
            switch self {
            case .state: 0.35
            case .privateOwned: 0
            case .foreign: 0.25
            case .collective: -0.1
            case .other: -0.1
            }
        }
    }

    /// Ownership codes as UTF-8 bytes, indexed by raw value.
    static let ownershipCodeBytes: [[UInt8]] = Ownership.allCases.map { Array($0.code.utf8) }
}
