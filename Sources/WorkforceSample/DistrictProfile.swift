import Foundation
import WorkforceKit

extension SampleGenerator {
    /// One of Shanghai's 16 districts as the generator models it: its share of enterprises and local effects.
    struct DistrictProfile: Sendable {
        /// Broad location type; it tilts the industry mix (offices downtown, factories outside).
        enum Zone: Int, Sendable {
            case central = 0
            case pudong
            case suburban
            case island
        }

        /// Name exactly as the input contract lists it (UTF-8).
        let name: String
        /// Share of the enterprise population located here; unequal on purpose.
        let frameShare: Double
        let zone: Zone
        /// Log-wage shift: downtown head offices pay more than outer districts.
        let wagePremium: Double
        /// Median one-way commute in minutes.
        let commuteMedian: Double
        /// Log-odds shift for non-local hukou (outer industrial districts employ more migrants).
        let nonlocalShift: Double
    }

    /// The 16 districts in the official order of the input contract (the stratum order of every output).
    ///
    /// Shares are rough orders of magnitude of each district's employment, not published figures:
    /// Pudong is the largest, Chongming the smallest. Columns of `row`: name, share, zone,
    /// wage premium, median commute, non-local shift.
    static let districts: [DistrictProfile] = [
        row("黄浦", 0.040, .central, 0.10, 40, -0.35),
        row("徐汇", 0.050, .central, 0.08, 38, -0.30),
        row("长宁", 0.040, .central, 0.08, 38, -0.30),
        row("静安", 0.050, .central, 0.10, 38, -0.30),
        row("普陀", 0.040, .central, 0.02, 37, -0.15),
        row("虹口", 0.030, .central, 0.02, 37, -0.20),
        row("杨浦", 0.040, .central, 0.03, 38, -0.20),
        row("闵行", 0.100, .suburban, 0.00, 33, 0.25),
        row("宝山", 0.060, .suburban, -0.03, 33, 0.20),
        row("嘉定", 0.080, .suburban, -0.02, 30, 0.40),
        row("浦东新区", 0.240, .pudong, 0.06, 40, 0.10),
        row("金山", 0.030, .suburban, -0.08, 25, 0.30),
        row("松江", 0.080, .suburban, -0.04, 30, 0.45),
        row("青浦", 0.050, .suburban, -0.05, 30, 0.40),
        row("奉贤", 0.050, .suburban, -0.07, 28, 0.35),
        row("崇明", 0.020, .island, -0.15, 20, -0.40),
    ]

    /// Positional constructor so that the table above stays one readable line per district.
    private static func row(
        _ name: String, _ share: Double, _ zone: DistrictProfile.Zone, _ wage: Double, _ commute: Double,
        _ nonlocal: Double
    ) -> DistrictProfile {
        DistrictProfile(
            name: name, frameShare: share, zone: zone, wagePremium: wage, commuteMedian: commute,
            nonlocalShift: nonlocal)
    }

    /// District names as UTF-8 bytes, encoded once for the row writers.
    static let districtNameBytes: [[UInt8]] = districts.map { Array($0.name.utf8) }
}
