#!/usr/bin/env python3
"""Same-work DuckDB peer: a subset of our reports, computed in DuckDB SQL exactly as we define them.

Usage: python same_work_duckdb.py INPUT_DIR OUT.csv
  INPUT_DIR holds workers_*.csv and enterprises.csv as `workforce generate`
  writes them; OUT.csv gets one row per (year, scope, by_var, domain, indicator)
  with n, estimate and se (se empty for quantiles). Prints the seconds taken.

What it computes, per wave, for every domain of our wages.csv, training.csv
and coverage.csv (scopes `all` and `industrial` = industries B C D E G I;
by-variables all, industry, district (the 16 names, anything else `other`),
employment_type, skill_level, education, sex, hukou, migrant, age_band,
industry_x_skill_level `C/3`, enterprise_size from enterprises.csv's
`employees` of (year, enterprise_id), `unknown` when absent):

- mean_wage and its linearised SE;
- p10, p25, p50, p75, p90: the "math" rule min{x : F(x) >= p} as our
  WeightedQuantile does it (last cumulative weight <= p*total, that value when
  cumw/total == p exactly, else the next value), point estimates only;
- low_pay_rate (wage < 2/3 of the wave's overall median, scope all, by all,
  the threshold taken as fixed) and its SE;
- share_trained, apprenticeship_share, new_certificate_share (training.csv),
  housing_fund_rate, social_insurance_rate, labor_contract_rate,
  union_membership_rate (among rows whose union_member is given)
  (coverage.csv), each with its SE.

SEs: Taylor linearisation, z = w (y - r x) / sum(w x) over the domain's rows,
summed per PSU = (stratum, psu); V = sum_h n_h/(n_h - 1) sum_i (z_hi - zbar_h)^2
over ALL PSUs of the wave (n_h counts the stratum's PSUs holding any worker of
the wave; PSUs without domain rows count with z = 0), in two passes (stratum
means, then squared deviations); a stratum with one PSU contributes z^2
(lonely PSU `adjust`). No fpc: the script stops if workers_*.csv has an
`fpc` column.

Quantiles sum the weights in integer cents (exact in any order, then divided
by 100 as a double, which is what our extended-precision running sums round
to), so the script stops if a weight is not a whole number of cents.

Left out (not computed here): the other wage indicators (p90_p10, p50_p10,
below_min_wage_share, kaitz_index, mean_to_city_average_wage, gender pay gaps,
the full-time indicators), the quantiles' Woodruff intervals and SEs, the
non-rate training and coverage indicators (mean training hours, subsidy per
trainee, mean commute minutes), the `_gap` rows, confidence intervals, design
effects, small-cell flags, and district aliases (`浦东`, English names):
a district outside the 16 exact names is `other` here."""
import sys, time

import duckdb

INDUSTRIAL = "('B', 'C', 'D', 'E', 'G', 'I')"
DISTRICTS = ["黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行",
             "宝山", "嘉定", "浦东新区", "金山", "松江", "青浦", "奉贤", "崇明"]
# by-variable -> SQL expression of a worker's domain label (as our reports spell it)
BY = {
    "industry": "industry",
    "district": "CASE WHEN district IN ({}) THEN district ELSE 'other' END".format(
        ", ".join(f"'{d}'" for d in DISTRICTS)),
    "employment_type": "employment_type",
    "skill_level": "CAST(skill_level AS VARCHAR)",
    "education": "CAST(education AS VARCHAR)",
    "sex": "sex",
    "hukou": "hukou",
    "migrant": "CAST(migrant AS VARCHAR)",
    "age_band": "CASE WHEN age < 25 THEN '16-24' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' "
                "WHEN age < 55 THEN '45-54' ELSE '55+' END",
    "industry_x_skill_level": "industry || '/' || CAST(skill_level AS VARCHAR)",
    "enterprise_size": "CASE WHEN employees IS NULL THEN 'unknown' WHEN employees < 50 THEN '<50' "
                       "WHEN employees < 100 THEN '50-99' WHEN employees < 300 THEN '100-299' "
                       "WHEN employees < 1000 THEN '300-999' ELSE '>=1000' END",
}
QUANTILES = {"p10": 0.1, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p90": 0.9}
# indicator -> (per-PSU numerator, denominator, row count) column names in `cells`
RATIOS = {
    "mean_wage": ("swy", "sw", "n"),
    "low_pay_rate": ("sw_low", "sw", "n"),
    "share_trained": ("sw_trained", "sw", "n"),
    "apprenticeship_share": ("sw_apprentice", "sw", "n"),
    "new_certificate_share": ("sw_new_certificate", "sw", "n"),
    "housing_fund_rate": ("sw_housing_fund", "sw", "n"),
    "social_insurance_rate": ("sw_social_insurance", "sw", "n"),
    "labor_contract_rate": ("sw_labor_contract", "sw", "n"),
    "union_membership_rate": ("sw_union", "sw_union_known", "n_union_known"),
}

# GROUP BY GROUPING SETS over the by-columns: the label and value of the set a row comes from
d = [f"d_{b}" for b in BY]
by_label = "CASE " + " ".join(f"WHEN GROUPING({c}) = 0 THEN '{b}'" for b, c in zip(BY, d)) + " ELSE 'all' END"
domain = "COALESCE(" + ", ".join(d) + ", 'all')"


def grouping_sets(*keys):
    ks = ", ".join(keys)
    return "GROUPING SETS ((" + ks + "), " + ", ".join(f"({ks}, {c})" for c in d) + ")"


def compute(con, folder):
    header = con.execute(f"SELECT * FROM read_csv('{folder}/workers_*.csv', header = true) LIMIT 0").description
    if "fpc" in [c[0] for c in header]:
        raise SystemExit("same_work_duckdb: workers have an fpc column; this peer does not apply it")
    con.execute(f"""
        CREATE TABLE base AS
        SELECT w.year, w.stratum, w.psu, w.weight, w.monthly_wage AS wage,
               CAST(round(w.weight * 100) AS BIGINT) AS cents,
               w.trained, w.apprentice, w.new_certificate, w.housing_fund, w.social_insurance,
               w.labor_contract, w.union_member, w.industry IN {INDUSTRIAL} AS industrial,
               {", ".join(f"{expr} AS d_{b}" for b, expr in BY.items())}
        FROM read_csv('{folder}/workers_*.csv', header = true) w
        LEFT JOIN (SELECT year, enterprise_id, employees FROM read_csv('{folder}/enterprises.csv', header = true)) e
          USING (year, enterprise_id)""")
    off = con.execute("SELECT max(abs(weight * 100 - cents)) FROM base").fetchone()[0]
    if off is None or off > 1e-6:
        raise SystemExit(f"same_work_duckdb: weights are not whole cents (off by {off}); quantile sums need them")
    con.execute("""
        CREATE VIEW scoped AS
        SELECT 'all' AS scope, * FROM base UNION ALL SELECT 'industrial' AS scope, * FROM base WHERE industrial""")
    # Quantiles: weight per (domain, wage) with ties summed, running sums in wage order.
    con.execute(f"""
        CREATE TABLE ties AS
        SELECT year, scope, {by_label} AS by_var, {domain} AS domain, wage, sum(cents) AS c
        FROM scoped WHERE weight > 0 GROUP BY {grouping_sets("year", "scope", "wage")}""")
    picks = ", ".join(
        f"min(wage) FILTER (WHERE cw > {p}::DOUBLE * tw OR cw / tw = {p}::DOUBLE) AS {name}"
        for name, p in QUANTILES.items())
    con.execute(f"""
        CREATE TABLE quantiles AS
        WITH running AS (
          SELECT year, scope, by_var, domain, wage,
                 CAST(sum(c) OVER (PARTITION BY year, scope, by_var, domain ORDER BY wage) AS DOUBLE) / 100 AS cw,
                 CAST(sum(c) OVER (PARTITION BY year, scope, by_var, domain) AS DOUBLE) / 100 AS tw
          FROM ties)
        SELECT year, scope, by_var, domain, {picks} FROM running GROUP BY ALL""")
    # Per-(domain, PSU) sums; the low-pay line is 2/3 of the wave's overall median.
    flags = ["trained", "apprentice", "new_certificate", "housing_fund", "social_insurance", "labor_contract"]
    con.execute(f"""
        CREATE TABLE cells AS
        WITH line AS (SELECT year, p50 * 2 / 3 AS t FROM quantiles WHERE scope = 'all' AND by_var = 'all')
        SELECT year, scope, {by_label} AS by_var, {domain} AS domain, stratum, psu,
               count(*) AS n, sum(weight) AS sw, sum(weight * wage) AS swy,
               coalesce(sum(weight) FILTER (WHERE wage < t), 0) AS sw_low,
               {", ".join(f"sum(weight * {f}) AS sw_{f}" for f in flags)},
               count(union_member) AS n_union_known,
               coalesce(sum(weight) FILTER (WHERE union_member IS NOT NULL), 0) AS sw_union_known,
               coalesce(sum(weight * union_member), 0) AS sw_union
        FROM scoped JOIN line USING (year)
        GROUP BY {grouping_sets("year", "scope", "stratum", "psu")}""")
    con.execute("CREATE TABLE design AS SELECT year, stratum, count(DISTINCT psu) AS nh FROM base GROUP BY ALL")
    # Wide: per (domain, PSU) the linearised total z of every indicator; then per stratum the
    # mean over its n_h PSUs and the squared deviations (absent PSUs: z = 0), in two passes.
    names = list(RATIOS)
    dkeys = "year, scope, by_var, domain"
    con.execute(f"""
        CREATE TABLE totals AS
        SELECT {dkeys}, {", ".join(f"sum({cnt}) AS n_{k}, sum({num}) / sum({den}) AS r_{k}, sum({den}) AS t_{k}"
                                   for k, (num, den, cnt) in RATIOS.items())}
        FROM cells GROUP BY ALL""")
    con.execute(f"""
        CREATE TABLE z AS
        SELECT {dkeys}, stratum, {", ".join(f"({num} - r_{k} * {den}) / t_{k} AS z_{k}"
                                            for k, (num, den, cnt) in RATIOS.items())}
        FROM cells JOIN totals USING ({dkeys})""")
    con.execute(f"""
        CREATE TABLE strata AS
        SELECT {dkeys}, stratum, any_value(nh) AS nh, count(*) AS present,
               {", ".join(f"sum(z_{k}) / any_value(nh) AS m_{k}" for k in names)}
        FROM z JOIN design USING (year, stratum) GROUP BY ALL""")
    con.execute(f"""
        CREATE TABLE variances AS
        WITH squares AS (
          SELECT {dkeys}, stratum, any_value(nh) AS nh, any_value(present) AS present,
                 {", ".join(f"sum((z_{k} - m_{k}) * (z_{k} - m_{k})) AS s_{k}, sum(z_{k} * z_{k}) AS q_{k}, "
                            f"any_value(m_{k}) AS m_{k}" for k in names)}
          FROM z JOIN strata USING ({dkeys}, stratum) GROUP BY ALL)
        SELECT {dkeys}, {", ".join(
            f"sum(CASE WHEN nh > 1 THEN CAST(nh AS DOUBLE) / (nh - 1) * (s_{k} + (nh - present) * m_{k} * m_{k}) "
            f"ELSE q_{k} END) AS v_{k}" for k in names)}
        FROM squares GROUP BY ALL""")
    con.execute("CREATE TABLE ratios AS " + " UNION ALL ".join(
        f"SELECT {dkeys}, '{k}' AS indicator, n_{k} AS n, r_{k} AS estimate, sqrt(v_{k}) AS se "
        f"FROM totals JOIN variances USING ({dkeys}) WHERE n_{k} > 0 AND t_{k} > 0" for k in names))
    keys = "year, scope, by_var, domain, indicator"
    unpivot = " UNION ALL ".join(
        f"SELECT q.year, q.scope, q.by_var, q.domain, '{name}' AS indicator, r.n, q.{name} AS estimate, NULL::DOUBLE AS se "
        f"FROM quantiles q JOIN ratios r USING (year, scope, by_var, domain) WHERE r.indicator = 'mean_wage'"
        for name in QUANTILES)
    con.execute(f"""
        CREATE TABLE results AS
        SELECT {keys}, n, estimate, se FROM ratios
        UNION ALL {unpivot}""")


if __name__ == "__main__":
    folder, out = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    con = duckdb.connect()
    compute(con, folder)
    con.execute(f"""COPY (SELECT year, scope, by_var AS "by", domain, indicator, n, estimate, se FROM results
                     ORDER BY ALL) TO '{out}' (HEADER, DELIMITER ',')""")
    print(f"{time.perf_counter() - start:.3f}")
