/// Upper bounds for numeric columns whose contract sets none: a value above them is a keying
/// or export error (`1e308`, a wage typed into an hours column), quarantined as `out of range`.
///
/// Each bound is far above any real value, so it rejects only what cannot be true, and it
/// keeps sums of these columns finite and exact (docs/inputs.md lists them).
public enum PlausibleMaximum {
    /// Training hours in the survey year: the hours of a leap year.
    public static let trainingHours = 8_784.0
    /// Training subsidy received in the year, CNY.
    public static let trainingSubsidy = 1_000_000.0
    /// One-way commute, minutes: a whole day.
    public static let commuteMinutes = 1_440.0
    /// Finite population correction: a population size (or a sampling fraction ≤ 1).
    public static let fpc = 1e9
    /// Enterprise amounts in CNY (value added, |profit|, training spend): 10 trillion.
    public static let enterpriseAmount = 1e13
    /// Weight of an enterprise: as for workers.
    public static let enterpriseWeight = 1e9
    /// Economy amounts (GDP, average, minimum wage), in the table's unit: 10^15.
    public static let economyAmount = 1e15
    /// A consumer price index (previous year = 100).
    public static let priceIndex = 1_000.0
    /// A growth rate or wage guideline, in percent (either sign).
    public static let percent = 100.0
    /// A program's reported value (places, trainees, CNY).
    public static let programValue = 1e12
    /// Skill demand (posts) in one industry and level.
    public static let skillDemand = 1e9
    /// A policy target's value.
    public static let targetValue = 1e12
}
