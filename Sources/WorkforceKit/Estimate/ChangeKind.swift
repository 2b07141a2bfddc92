import Foundation

/// How a change between two waves' estimates a (earlier) and b (later) is stated, and its
/// linearisation from their linearised values z_a, z_b per PSU (the delta method; R
/// `svycontrast` on `svyby(…, covmat = TRUE)`; docs/estimation.md).
enum ChangeKind: String, Sendable, Equatable, CaseIterable {
    /// b − a (rate points for rates): z_b − z_a.
    case difference
    /// b/a − 1: z_b/a − b·z_a/a².
    case relative
    /// log(b/a), the growth rate of a mean: z_b/b − z_a/a.
    case log

    /// The change; nil where it is undefined (a relative change from 0, a log of a non-positive ratio).
    func value(_ a: Double, _ b: Double) -> Double? {
        switch self {
        case .difference: return b - a
        case .relative: return a != 0 ? b / a - 1 : nil
        case .log: return a > 0 && b > 0 ? Foundation.log(b / a) : nil
        }
    }

    /// The change's linearised value in one PSU from the two waves' (0 where a wave lacks the PSU).
    @inline(__always)
    func z(_ za: Double, _ zb: Double, _ a: Double, _ b: Double) -> Double {
        switch self {
        case .difference: zb - za
        case .relative: zb / a - b * za / (a * a)
        case .log: zb / b - za / a
        }
    }
}
