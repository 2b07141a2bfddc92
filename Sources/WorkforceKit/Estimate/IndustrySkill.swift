/// The value code of an industry × skill-level domain, and back: industry · 6 + level.
///
/// Skill levels run 0–5 (none, then the five national vocational levels), so six codes per
/// industry; every place that builds or splits such a code goes through here.
public enum IndustrySkill {
    /// Skill levels per industry.
    public static let levels = 6

    /// The domain value of `industry` at skill `level`.
    @inline(__always)
    public static func code(industry: Int, level: Int) -> Int { industry * levels + level }

    /// The industry of a domain value.
    @inline(__always)
    public static func industry(of code: Int) -> Int { code / levels }

    /// The skill level of a domain value.
    @inline(__always)
    public static func level(of code: Int) -> Int { code % levels }
}
