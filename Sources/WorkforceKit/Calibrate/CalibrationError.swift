/// Why a wave's weights could not be calibrated to population.csv (exit 65): each case names the
/// year, the margin and the code, and says what to change.
public struct CalibrationError: WorkforceError, Equatable {
    public enum Problem: Equatable, Sendable {
        /// The population table gives no row for the margin (or numeric column) in the year.
        case marginMissing
        /// A code the population table gives that is not a code of the margin.
        case unknownCode(String, known: [String])
        /// Sampled workers with a code the population table gives no total for.
        case codeWithoutTotal(String, rows: Int)
        /// A population total for a code no sampled worker has.
        case codeWithoutRows(String, total: Double)
        /// A total of 0 or less.
        case totalNotPositive(String, total: Double)
        /// Two margins whose totals do not add up to the same population.
        case marginsDisagree(other: String, sum: Double, otherSum: Double)
        /// Workers without a value of a numeric total's column.
        case valuesMissing(rows: Int)
        /// The calibration variables are redundant (their cross-products matrix is singular).
        case redundant
        /// No weights within tolerance after the iteration limit.
        case notConverged(iterations: Int, misfit: Double, tolerance: Double)
    }

    public let year: Int
    public let margin: String
    public let problem: Problem

    public var exitStatus: ExitStatus { .dataError }

    public var description: String {
        let at = "calibration of \(year): population.csv, margin \(margin)"
        let end = "; nothing was published"
        switch problem {
        case .marginMissing:
            return
                "\(at): no row for \(year)\(end). Add the \(year) totals of \(margin) to population.csv, or take \(margin) out of the plan's [calibration]"
        case .unknownCode(let code, let known):
            return
                "\(at), code \(PlanError.quoted(code)): not a code of \(margin) (its codes: \(known.joined(separator: ", ")))\(end). Write the code as the reports' domain column shows it"
        case .codeWithoutTotal(let code, let rows):
            return
                "\(at), code \(code): \(rows) sampled workers have this code but the table gives no total for it\(end). Add its total (a quarantined population row leaves it out too: see quarantine.csv)"
        case .codeWithoutRows(let code, let total):
            return
                "\(at), code \(code): the population holds \(FieldReader.plain(total)) but no sampled worker of \(year) has this code\(end). Merge the code with a neighbour in a coarser margin, or drop the margin"
        case .totalNotPositive(let code, let total):
            return
                "\(at), code \(code.isEmpty ? "(none)" : code): total \(FieldReader.plain(total)) is not above 0\(end). Give the population's count (or leave out the code and its sampled workers' margin)"
        case .marginsDisagree(let other, let sum, let otherSum):
            return
                "\(at): its totals add up to \(FieldReader.plain(sum)) but those of \(other) to \(FieldReader.plain(otherSum))\(end). Every margin counts the same population: correct the table"
        case .valuesMissing(let rows):
            return
                "\(at): \(rows) sampled workers give no \(margin), so their weights cannot reproduce its total\(end). Fill in the column, or take it out of calibration.totals"
        case .redundant:
            return
                "\(at): the calibration variables are redundant or a margin code's workers are all bounded\(end). Drop a margin that another one determines, or widen calibration.bounds"
        case .notConverged(let iterations, let misfit, let tolerance):
            return
                "\(at): the weights did not reach the totals in \(iterations) iterations (largest misfit \(misfit) of the total, tolerance \(tolerance))\(end). Raise calibration.max_iterations, widen calibration.bounds or coarsen the margins"
        }
    }
}
