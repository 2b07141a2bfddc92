/// changes.csv: each wave's change from the previous wave, for every mean, rate, share, ratio
/// and total the reports estimate, in every domain and scope, as a difference and as a relative
/// change, each with its SE, interval and whether the interval leaves out 0.
///
/// The two waves are estimated as one (`Wave.paired`): a PSU observed in both (an enterprise
/// revisited) is one cluster, so the covariance of the two estimates enters the SE, as R's
/// `svyby(…, ~year, design, svymean, covmat = TRUE)` with `svycontrast` gives it; a design whose
/// PSUs never recur gives the independent-samples SE (docs/estimation.md).
enum ChangesReport {
    static let columns = [
        "year", "base_year", "scope", "by", "domain", "domain_en", "domain_zh", "indicator", "label_en", "label_zh",
        "change", "change_unit_en", "change_unit_zh", "n", "estimate", "se", "ci_low", "ci_high", "significant",
        "flag", "clause",
    ]

    /// A wave's requests with their clauses: what its reports asked of the planner.
    struct WaveRequests: Sendable {
        let wave: Wave
        let requests: [Request]
        let clauses: [String]
        /// The requests the wave's reports were estimated with, and their table: its quantiles' points.
        var estimated: [Request] = []
        var estimates = EstimateTable()
    }

    /// The published quantiles (those with an interval) of a wave's table, by domain and indicator, with their clauses.
    static func quantilePoints(_ wave: WaveRequests) -> [Domain: [String: (estimate: Estimate, clause: String)]] {
        var points: [Domain: [String: (estimate: Estimate, clause: String)]] = [:]
        let clauseOf = Dictionary(zip(wave.requests.map(\.indicator), wave.clauses)) { first, _ in first }
        for row in wave.estimates.rows {
            let request = wave.estimated[row.request]
            guard case .quantile(_, _, interval: true) = request.statistic else { continue }
            points[row.domain, default: [:]][request.indicator] = (row.estimate, clauseOf[request.indicator] ?? "")
        }
        return points
    }

    /// The change requests from `earlier`'s requests to `later`'s: every ratio and total both
    /// waves ask for under one indicator code (each wave's own measure: a low-pay line is the
    /// year's), as a difference and a relative change, over the domains the later one covers.
    static func requests(_ earlier: [Request], _ later: [Request]) -> [(request: Request, from: Int)] {
        var before: [String: Statistic] = [:]
        for request in earlier where before[request.indicator] == nil { before[request.indicator] = request.statistic }
        var changes: [(request: Request, from: Int)] = []
        for (index, request) in later.enumerated() {
            let pair: (RowMeasure, RowMeasure, Bool)
            switch (before[request.indicator], request.statistic) {
            case (.ratio(let a)?, .ratio(let b)): pair = (a, b, false)
            case (.total(let a)?, .total(let b)): pair = (a, b, true)
            default: continue
            }
            for kind in [ChangeKind.difference, .relative] {
                let statistic = Statistic.change(
                    pair.0.restricted(to: .flags(WorkerFlags.earlierWave)),
                    pair.1.restricted(to: .flags(WorkerFlags.laterWave)), kind, ofTotal: pair.2)
                changes.append(
                    (
                        Request(
                            indicator: request.indicator, statistic: statistic, scopes: request.scopes,
                            breakdowns: request.breakdowns), index
                    ))
            }
        }
        return changes
    }

    /// The report (when `publish`): for each wave after the first, its changes from the wave
    /// before — or, with `base`, from that wave for every wave after it; and for every domain
    /// the log growth of its mean wage from the wave before, ln(m1/m0), with the SE of the
    /// same joint linearisation, which the wage-growth report publishes (`log_mean_growth`).
    static func build(
        _ waves: [WaveRequests], base: Int?, table: PSUTable, scopes: [Scope], breakdowns: [ByVariable], publish: Bool,
        units: (String) -> IndicatorLabel?, fractions: (String) -> Bool, disclosure: DisclosurePolicy, jobs: Int
    ) throws(DesignError) -> (table: ReportTable, logMeanGrowth: [YearDomainKey: Estimate]) {
        var report = ReportTable(name: "changes", columns: columns)
        var logMeanGrowth: [YearDomainKey: Estimate] = [:]
        let wage = RowMeasure("mean_wage", .column(.wage))
        let growth = Request(
            indicator: "log_mean_growth",
            statistic: .change(
                wage.restricted(to: .flags(WorkerFlags.earlierWave)), wage.restricted(to: .flags(WorkerFlags.laterWave)),
                .log, ofTotal: false))
        // Pairs of waves: each with the one before (the log growth always), or with the base.
        var pairs = zip(waves, waves.dropFirst()).map { (earlier: $0, later: $1, changes: base == nil, growth: true) }
        if let base, let from = waves.first(where: { $0.wave.year == base }) {
            for later in waves where later.wave.year > base {
                if let k = pairs.firstIndex(where: { $0.earlier.wave.year == base && $0.later.wave.year == later.wave.year }) {
                    pairs[k].changes = true
                } else {
                    pairs.append((from, later, true, false))
                }
            }
        }
        pairs.sort { ($0.later.wave.year, $0.earlier.wave.year) < ($1.later.wave.year, $1.earlier.wave.year) }
        for (earlier, later, changesToo, growthToo) in pairs {
            let changes =
                (publish && changesToo ? requests(earlier.requests, later.requests) : [])
                + (growthToo ? [(growth, -1)] : [])
            guard !changes.isEmpty else { continue }
            let paired = Wave.paired(earlier.wave, later.wave, table: table)
            let estimates = try EstimationPlanner.estimate(
                changes.map(\.request), waves: [paired], scopes: scopes, breakdowns: breakdowns, jobs: jobs)
            var rows: [(domain: Domain, cells: [ReportCell])] = []
            for row in estimates.rows {
                let (request, from) = changes[row.request]
                guard from >= 0 else {
                    logMeanGrowth[YearDomainKey(later.wave.year, row.domain)] = row.estimate
                    continue
                }
                guard case .change(_, _, let kind, _) = request.statistic else { continue }
                rows.append(
                    (row.domain, cells(
                        row, base: earlier.wave.year, indicator: request.indicator, kind: kind,
                        unit: fractions(request.indicator)
                            ? IndicatorLabel(
                                english: IndicatorUnit.fractionDifference.english,
                                chinese: IndicatorUnit.fractionDifference.chinese) : units(request.indicator),
                        clause: later.clauses[from], disclosure: disclosure)))
            }
            // Quantiles: the change of the points, without an SE (docs/estimation.md).
            if publish && changesToo {
                let before = quantilePoints(earlier)
                for (domain, found) in quantilePoints(later) {
                    for (indicator, after) in found.sorted(by: { $0.key < $1.key }) {
                        guard let a = before[domain]?[indicator]?.estimate, let b = after.estimate.value,
                            let value = a.value
                        else { continue }
                        for kind in [ChangeKind.difference, .relative] {
                            let row = EstimateTable.Row(
                                year: later.wave.year, domain: domain, request: 0,
                                estimate: .point(n: min(a.n, after.estimate.n), kind.value(value, b)))
                            rows.append(
                                (
                                    domain,
                                    cells(
                                        row, base: earlier.wave.year, indicator: indicator, kind: kind,
                                        unit: units(indicator), clause: after.clause, disclosure: disclosure)
                                ))
                        }
                    }
                }
            }
            // Domain by domain in the reports' order (scope, breakdown, value), each domain's rows as made.
            let ordered = rows.enumerated().sorted { x, y in
                let (a, b) = (x.element.domain, y.element.domain)
                return (a.scope.index, a.by.index, a.value, x.offset) < (b.scope.index, b.by.index, b.value, y.offset)
            }
            for (_, row) in ordered { report.append(row.cells) }
        }
        return (report, logMeanGrowth)
    }

    /// One row: a change's estimate with its interval, blanked and flagged `suppressed` under
    /// the disclosure threshold (n: the fewer rows of the two waves); `unit`: the difference's.
    private static func cells(
        _ row: EstimateTable.Row, base: Int, indicator: String, kind: ChangeKind, unit: IndicatorLabel?, clause: String,
        disclosure: DisclosurePolicy
    ) -> [ReportCell] {
        let estimate = row.estimate
        let flag = disclosure.flag(n: estimate.n)
        let hide = flag == "suppressed"
        func shown(_ value: Double?) -> ReportCell { hide ? .empty : .optional(value) }
        // A difference is in the indicator's unit (of fractions: 0.01 = 1 percentage point).
        let changeUnit =
            kind == .difference
            ? (unit?.english ?? "", unit?.chinese ?? "") : ("relative change (0.05 = +5 %)", "相对变化（0.05 = +5%）")
        var significant = ""
        if !hide, let lower = estimate.lower, let upper = estimate.upper {
            significant = lower > 0 || upper < 0 ? "yes" : "no"
        }
        let domain = row.domain
        let labels = EstimateRow.labelCells(indicator)
        return [
            .integer(row.year), .integer(base), .text(domain.scope.name), .text(domain.by.name),
            .text(domain.by.label(domain.value)), .text(domain.by.englishName(domain.value)),
            .text(domain.by.chineseName(domain.value)), .text(indicator), labels[0], labels[1], .text(kind.rawValue),
            .text(changeUnit.0), .text(changeUnit.1), .integer(estimate.n), shown(estimate.value),
            shown(estimate.standardError), shown(estimate.lower), shown(estimate.upper), .text(significant),
            .text(flag), .text(clause),
        ]
    }
}

/// The plan's `[changes] base` names a year with no wave among the inputs.
public struct ChangesBaseError: WorkforceError, Equatable {
    public let base: Int
    public let years: [Int]

    public var exitStatus: ExitStatus { .dataError }
    public var description: String {
        "the plan's changes.base = \(base) is not a wave of the inputs (their waves: "
            + "\(years.map(String.init).joined(separator: ", "))); nothing was published. "
            + "Name one of those years, or remove [changes] base to compare each wave with the one before"
    }
}
