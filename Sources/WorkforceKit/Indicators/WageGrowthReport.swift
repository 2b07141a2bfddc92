import Foundation

/// Section 3 of docs/indicators.md — wage growth against the economy （二）"收入与经济增长、企业发展同步".
///
/// For each pair of consecutive waves y0 < y1 (k = y1 − y0 years apart, which
/// may be more than one), per domain:
/// - nominal growth of the mean and of the median, total (m1/m0 − 1) and
///   annualised ((m1/m0)^(1/k) − 1);
/// - real growth: the ratio deflated by the CPI compounded over y0+1 … y1
///   (cpi is previous year = 100), total and annualised;
/// - `log_mean_growth` = ln(m1/m0) with the SE of both waves linearised together
///   (z1/m1 − z0/m0 per PSU, a PSU observed in both waves one cluster:
///   `ChangesReport`, `ChangeKind.log`) and its interval; `significant` = 1 when the
///   interval excludes 0;
/// - against the economy (economy.csv): real GDP growth compounded over the
///   same years, total and annualised (scope all, by all only); the gap
///   real mean growth − real GDP growth in percentage points a year, with the
///   SE and interval of the wage growth (the GDP series taken as known:
///   `realGapToGDP`); the elasticity real wage growth / real GDP growth;
///   `in_step` (`StepVerdict`): 1 when that interval lies wholly at or above
///   −tolerance (0.5 pp a year by default), −1 when it lies wholly below, 0
///   (not established) otherwise;
/// - against enterprise development (enterprises.csv): nominal growth of value
///   added per employee (Σ w·value_added / Σ w·employees), annualised, and the
///   gap nominal mean wage growth − that, in pp a year.
enum WageGrowthReport {
    static let clause = "（二）"
    static let columns = ["year", "base_year"] + EstimateRow.columns.dropFirst()

    static func build(
        cells: DomainCells, medians: [YearDomainKey: Double], logMeanGrowth: [YearDomainKey: Estimate],
        estimators: [Int: DesignEstimator],
        economy: [Int: EconomyRecord], enterprises: [EnterpriseRecord], tolerance: Double, disclosure: DisclosurePolicy
    ) throws(DesignError) -> ReportTable {
        var table = ReportTable(name: "wage_vs_economy", columns: columns)
        let years = cells.years
        guard years.count >= 2 else { return table }
        let valueAdded = valueAddedPerEmployee(enterprises)
        for (y0, y1) in zip(years, years.dropFirst()) {
            // Both waves need a design (workers in each).
            guard estimators[y0] != nil, estimators[y1] != nil else { continue }
            let span = Double(y1 - y0)
            let deflator = compounded(y0, y1, economy) { $0.cpi.map { $0 / 100 } }
            let gdp = compounded(y0, y1, economy) { $0.gdpRealGrowth.map { 1 + $0 / 100 } }
            let vaGrowth = valueAdded[y0].flatMap { v0 in valueAdded[y1].map { annual($0 / v0, span) } }
            for scope in cells.scopes {
                for by in cells.breakdowns {
                    for value in 0..<by.cardinality {
                        let domain = Domain(scope: scope, by: by, value: value)
                        let before = cells[y0, domain].meanWage
                        let after = cells[y1, domain].meanWage
                        guard let m0 = before.value, let m1 = after.value, m0 > 0 else { continue }
                        let n = min(before.n, after.n)
                        var rows: [(String, Estimate)] = []
                        let ratio = m1 / m0
                        rows.append(("nominal_mean_growth", .point(n: n, ratio - 1)))
                        rows.append(("nominal_mean_growth_annual", .point(n: n, annual(ratio, span))))
                        if let q0 = medians[YearDomainKey(y0, domain)], let q1 = medians[YearDomainKey(y1, domain)],
                            q0 > 0
                        {
                            rows.append(("nominal_median_growth", .point(n: n, q1 / q0 - 1)))
                            rows.append(("nominal_median_growth_annual", .point(n: n, annual(q1 / q0, span))))
                            if let deflator {
                                rows.append(
                                    ("real_median_growth_annual", .point(n: n, annual(q1 / q0 / deflator, span))))
                            }
                        }
                        let logMeanGrowth = logMeanGrowth[YearDomainKey(y1, domain)] ?? .point(n: n, log(ratio))
                        rows.append(("log_mean_growth", logMeanGrowth))
                        if let lower = rows.last?.1.lower, let upper = rows.last?.1.upper {
                            rows.append(("significant", .point(n: n, lower > 0 || upper < 0 ? 1 : 0)))
                        }
                        if let deflator {
                            let real = annual(ratio / deflator, span)
                            rows.append(("real_mean_growth", .point(n: n, ratio / deflator - 1)))
                            rows.append(("real_mean_growth_annual", .point(n: n, real)))
                            if let gdp {
                                let gdpAnnual = annual(gdp, span)
                                if by == .all, scope == .all {
                                    rows.append(("real_gdp_growth", .point(n: n, gdp - 1)))
                                    rows.append(("real_gdp_growth_annual", .point(n: n, gdpAnnual)))
                                }
                                let gap = realGapToGDP(
                                    ratio: ratio, logGrowth: logMeanGrowth, deflator: deflator, span: span,
                                    gdpAnnual: gdpAnnual)
                                rows.append(("real_wage_gdp_gap_pp", gap))
                                rows.append(
                                    ("elasticity_to_gdp", .point(n: n, gdpAnnual != 0 ? real / gdpAnnual : nil)))
                                let verdict = StepVerdict.judge(
                                    lower: gap.lower, upper: gap.upper, tolerance: tolerance * 100)
                                rows.append(("in_step", .point(n: n, Double(verdict.rawValue))))
                            }
                        }
                        if let vaGrowth {
                            if by == .all, scope == .all {
                                rows.append(("va_per_employee_growth_annual", .point(n: n, vaGrowth)))
                            }
                            rows.append(
                                ("wage_minus_va_growth_pp", .point(n: n, (annual(ratio, span) - vaGrowth) * 100)))
                        }
                        for (indicator, estimate) in rows {
                            let row = EstimateRow.make(
                                year: y1, domain: domain, indicator: indicator, estimate: estimate, clause: clause,
                                disclosure: disclosure)
                            table.append([row[0], .integer(y0)] + row.dropFirst())
                        }
                    }
                }
            }
        }
        return table
    }

    /// (ratio)^(1/years) − 1.
    static func annual(_ ratio: Double, _ years: Double) -> Double {
        pow(ratio, 1 / years) - 1
    }

    /// Π factor(year) over y0+1 … y1, or nil when a year is missing.
    static func compounded(_ y0: Int, _ y1: Int, _ economy: [Int: EconomyRecord], _ factor: (EconomyRecord) -> Double?)
        -> Double?
    {
        var product = 1.0
        for year in (y0 + 1)...y1 {
            guard let record = economy[year], let value = factor(record) else { return nil }
            product *= value
        }
        return product
    }

    /// Real wage growth − real GDP growth, both annualised, in percentage points, with the wage growth's
    /// uncertainty; the GDP growth is an official series, taken as known.
    ///
    /// With L = ln(m1/m0) and its normal interval [L_lo, L_hi] (`logGrowth`), the real annual growth is
    /// r(L) = (e^L / D)^(1/k) − 1 for the deflator D over k years; r is increasing in L, so the interval
    /// of the gap is [r(L_lo) − g, r(L_hi) − g] × 100 — the interval the summary's chart draws around
    /// the wage growth — and its SE, by the delta method, (1 + r) / k · SE(L) × 100. Without an SE of L
    /// the gap is a point estimate.
    static func realGapToGDP(ratio: Double, logGrowth: Estimate, deflator: Double, span: Double, gdpAnnual: Double)
        -> Estimate
    {
        let real = annual(ratio / deflator, span)
        let value = (real - gdpAnnual) * 100
        guard let se = logGrowth.standardError, let low = logGrowth.lower, let high = logGrowth.upper else {
            return .point(n: logGrowth.n, value)
        }
        func realGrowth(_ log: Double) -> Double { pow(exp(log) / deflator, 1 / span) - 1 }
        return Estimate(
            n: logGrowth.n, value: value, standardError: (1 + real) / span * se * 100,
            lower: (realGrowth(low) - gdpAnnual) * 100, upper: (realGrowth(high) - gdpAnnual) * 100)
    }

    /// Σ w·value_added / Σ w·employees per year (enterprises with both given and employees > 0).
    static func valueAddedPerEmployee(_ enterprises: [EnterpriseRecord]) -> [Int: Double] {
        var sums: [Int: (va: Double, employees: Double)] = [:]
        for enterprise in enterprises {
            guard let va = enterprise.valueAdded, enterprise.employees > 0 else { continue }
            sums[enterprise.year, default: (0, 0)].va += enterprise.weight * va
            sums[enterprise.year, default: (0, 0)].employees += enterprise.weight * Double(enterprise.employees)
        }
        return sums.compactMapValues { $0.employees > 0 ? $0.va / $0.employees : nil }
    }
}

/// (year, domain) as a dictionary key.
struct YearDomainKey: Hashable {
    let year: Int
    let domain: Domain
    init(_ year: Int, _ domain: Domain) {
        self.year = year
        self.domain = domain
    }
}
