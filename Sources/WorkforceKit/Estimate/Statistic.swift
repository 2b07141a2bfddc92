/// What a request estimates in each domain: a closed set, each naming the linear terms it needs
/// and finishing one way — linearised values, the one variance function, a normal interval.
///
/// docs/estimation.md gives each formula and the R function it matches.
enum Statistic: Sendable, Equatable {
    /// Σ w·y over the domain's rows that give y, the measure's numerator (R `svytotal`).
    case total(RowMeasure)
    /// Σ w·y / Σ w·x over the domain's rows that give y (R `svymean`, `svyratio`): a mean, a rate,
    /// a ratio of two columns' totals; a mean or a rate carries its design effect.
    case ratio(RowMeasure)
    /// The ratio minus the same ratio in the breakdown's reference group (`ByVariable.referenceValue`),
    /// in the ratio's units (rate points for rates), linearised together.
    case gapToReference(RowMeasure)

    /// The measure whose terms the statistic sums.
    var measure: RowMeasure {
        switch self {
        case .total(let measure), .ratio(let measure), .gapToReference(let measure): measure
        }
    }

    /// Where the statistic's sums sit among a pass's terms.
    struct Terms: Sendable {
        /// Σ w·y, Σ w·x, rows that give y, and those of them with x = 1.
        let y: Int, x: Int, n: Int, xRows: Int
    }

    /// The statistic's terms, added to `list` (terms already listed are shared).
    func terms(in list: inout TermList) -> Terms {
        let measure = measure
        return Terms(
            y: list(measure.numerator), x: list(measure.denominator), n: list(measure.rows),
            xRows: list(measure.rowsCountingInX))
    }
}
