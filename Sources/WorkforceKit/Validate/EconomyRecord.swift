/// One accepted row of economy.csv: the city's series for one year.
public struct EconomyRecord: Sendable, Equatable {
    public var year: Int
    /// Nominal GDP, 100M CNY.
    public var gdp: Double?
    /// Real GDP growth, %.
    public var gdpRealGrowth: Double?
    /// Consumer prices, previous year = 100.
    public var cpi: Double?
    /// Average monthly wage of all urban employees, CNY.
    public var averageWage: Double?
    /// Monthly minimum wage in force, CNY.
    public var minimumWage: Double?
    /// Enterprise wage guideline baseline, %.
    public var wageGuideline: Double?
}

/// Turns a raw economy record into an `EconomyRecord`.
struct EconomyRowValidator: RecordValidator {
    static let table = TableKind.economy

    func validate(_ fields: FieldReader) throws(RowIssue) -> EconomyRecord {
        let amount: (Double) -> Bool = { $0 > 0 && $0 <= PlausibleMaximum.economyAmount }
        let amountRule = "greater than 0 and at most 10^15"
        return EconomyRecord(
            year: try fields.integer(0, 1900...2100, required: true) ?? 0,
            gdp: try fields.decimal(1, required: false, rule: amountRule, amount),
            gdpRealGrowth: try fields.decimal(2, required: false, rule: "between -100 and 100") { abs($0) < 100 },
            cpi: try fields.decimal(3, required: false, rule: "greater than 0 and at most 1000 (previous year = 100)") {
                $0 > 0 && $0 <= PlausibleMaximum.priceIndex
            },
            averageWage: try fields.decimal(4, required: false, rule: amountRule, amount),
            minimumWage: try fields.decimal(5, required: false, rule: amountRule, amount),
            wageGuideline: try fields.decimal(6, required: false, rule: "between -100 and 100 (%)") {
                abs($0) <= PlausibleMaximum.percent
            })
    }

    func duplicateKey(_ row: EconomyRecord) -> DuplicateKey? {
        DuplicateKey(year: row.year, id: "")
    }
}
