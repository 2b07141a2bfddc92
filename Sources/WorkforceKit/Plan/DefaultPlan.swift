extension SurveyPlan {
    /// The built-in plan as a commented file: what `workforce plan init` writes. Read back, it
    /// gives the built-in plan (and the same reports as no plan at all).
    public static let defaultText = """
        # Survey plan of workforce: what `workforce run` estimates, and with which thresholds.
        #
        # `workforce run` and `workforce validate` read Inputs/plan.toml (or the file given with --plan FILE).
        # Write a key only to change it: what the plan leaves out keeps the value shown
        # here, and options given on the command line override the plan.
        # Check a plan with `workforce plan check`; every key is described in docs/plan.md.

        [scope]
        # Industries of the "industrial" scope, by GB/T 4754-2017 section letter (A–T).
        # Every breakdown is estimated for all workers and again for this scope.
        # Default: mining, manufacturing, utilities, construction, transport, information.
        industrial = ["B", "C", "D", "E", "G", "I"]

        [thresholds]
        # Estimates on fewer sampled workers than this are left blank and flagged "suppressed".
        suppress_below = 10
        # Estimates on fewer sampled workers than this are flagged "low_n" (at least suppress_below).
        low_n_below = 30
        # Level of the confidence intervals, between 0.01 and 0.999999.
        confidence_level = 0.95
        # Strata with a single PSU: "adjust" (as R's survey), "remove", "certainty", "average" or "fail".
        lonely_psu = "adjust"
        # Real wage growth may fall this far below real GDP growth and still be "in step"
        # with the economy (a fraction: 0.005 = half a percentage point a year; 0 to 0.5).
        in_step_tolerance = 0.005
        # Wages below this share of the year's median are low pay: a fraction in quotes
        # ("2/3") or a number above 0 and at most 1 (0.6).
        low_pay_fraction = "2/3"
        # Enterprises whose dispatched workers are more than this share of their workforce
        # are over the dispatch cap (0.1 = 10 %).
        dispatch_cap = 0.1

        # Scopes of your own, estimated beside all workers and the industrial scope for every
        # breakdown (at most 4): industries, a condition as a rate's `when`, or both, e.g.
        # [scopes.older_manufacturing]
        # industries = ["C"]
        # when = "age >= 45"

        # Columns of workers.csv beyond the contract (docs/plan.md): a section per column, its
        # type "category" (with its codes), "flag" (0/1) or "number" (with min and max), e.g.
        # [columns.street]
        # type = "category"
        # en = "Street"
        # zh = "街道"
        # codes = ["XJH", "TLQ"]
        #
        # [columns.street.labels]
        # XJH = { en = "Xujiahui", zh = "徐家汇街道" }

        # Bands of a numeric column, which a breakdown may name; each band holds its lower edge, e.g.
        # [bands.wage_band]
        # column = "monthly_wage"
        # edges = [3000, 5000, 8000]

        [breakdowns]
        # Breakdowns estimated after the built-in ones, in every scope: one to three columns
        # joined by " x ", from industry, district, employment_type, skill_level, education, sex,
        # hukou, migrant, age_band, title, enterprise_size, your category columns and bands; e.g.
        # add = ["title", "title x sex", "street", "wage_band"]
        add = []

        # Rates of your own, published in rates.csv for every domain with their SEs: a section
        # per rate, named by its code; `when` is a yes/no column or a comparison, e.g.
        # [rates.long_commute_share]
        # en = "Share commuting more than an hour"
        # zh = "单程通勤超过一小时的职工比例"
        # when = "commute_minutes > 60"
        # clause = "（二十四）"
        # or a condition in words: codes, and, or, not, parentheses (docs/plan.md, "Conditions"), e.g.
        # when = 'district = "徐汇" and not union_member'

        # Means of your own, published in means.csv for every domain with their SEs, e.g.
        # [means.mean_weekly_hours]
        # column = "weekly_hours"
        # en = "Mean weekly hours"
        # zh = "平均周工时"

        \(PlanStatisticKind.all.map(\.example).joined(separator: "\n\n"))

        [reports]
        # The indicator reports published (data_quality.csv, summary.html and the workbook always are):
        # publish = ["composition", "wages", "training", "coverage", "equal_pay", "wage_vs_economy",
        #            "skill_fit", "enterprises", "targets"]

        [wages]
        # The wage quantiles published for every domain, each with its interval: fractions in
        # whole percents, ascending; 0.1, 0.5 and 0.9 are required (P90/P10, P50/P10, medians).
        quantiles = [0.1, 0.25, 0.5, 0.75, 0.9]

        [changes]
        # changes.csv compares each wave with the one before; a base year compares every later
        # wave with that one instead (a year of the inputs' waves), e.g.
        # base = 2019

        [calibration]
        # Weights calibrated to the population's totals in population.csv (year, margin, code, total;
        # docs/inputs.md) before every estimate: "poststratify" (one margin, a cross if need be),
        # "rake" or "linear" (GREG, which can also meet numeric totals), e.g.
        # method = "rake"
        # margins = ["district", "industry", "sex"]
        # totals = ["age"]          # linear only: the population total of a numeric column
        # tolerance = 1e-7          # every total met to this share of (1 + total)
        # max_iterations = 50
        # bounds = [0.3, 3.0]       # optional: limits on calibrated weight / design weight

        [indicator_labels]
        # Names of indicators in place of the built-in ones, by indicator code; both languages, e.g.
        # mean_wage = { en = "Average monthly wage", zh = "月平均工资" }

        # Header names a bureau's files use for the contract's columns, besides the English and
        # Chinese names docs/inputs.md lists: a section per table, then column = [names], e.g.
        # [column_aliases.workers]
        # monthly_wage = ["工资总额"]

        # Names of domains in place of the built-in ones: a section per breakdown, then one
        # line per code as the `domain` column shows it, both languages, e.g.
        # [domain_labels.district]
        # "浦东新区" = { en = "Pudong", zh = "浦东" }

        """
}
