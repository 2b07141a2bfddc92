#!/usr/bin/env python3
"""Same-work DuckDB peer: a subset of our reports, computed in DuckDB SQL exactly as we define them.

Usage: python same_work_duckdb.py INPUT_DIR OUT.csv [--breakdowns "sex x age_band,district x sex,..."]
  INPUT_DIR holds workers_*.csv and enterprises.csv as `workforce generate`
  writes them; OUT.csv gets one row per (year, scope, by_var, domain, indicator)
  with n, estimate and se (se empty for quantiles). Prints the seconds taken.
  --breakdowns: comma-separated crosses of two or three of the base
  by-variables below (industry, district, employment_type, skill_level,
  education, sex, hukou, migrant, age_band, enterprise_size), as a plan's
  `[breakdowns] add` names them; each is one more grouping set in every step,
  spelled as our reports spell an added breakdown: by `sex_x_age_band`, domain
  the codes joined with `/` (`F/16-24`). Without it the output is today's.

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

How it is done (every domain of a step in one GROUP BY GROUPING SETS over the
workers, no per-domain copy of the rows):
- per (domain, PSU) sums (Σw, Σw·y, ... and row counts) are grouped by the
  industrial flag and added up into the two scopes (a PSU whose rows all have
  one flag needs no adding); a PSU's z is (Σw·y - r Σw·x) / Σw·x_domain;
- pass one sums the cells per (domain, stratum), giving the domain's r and
  totals and each stratum's sum of z (z is linear in the sums); pass two goes
  over the cells again for the squared deviations from the stratum mean;
- quantiles, in two steps: wages go into buckets by
  floor(500 * sqrt(wage / the median wage)), a non-decreasing function of the
  wage, so ties share a bucket and bucket order is wage order. Step 1 sums the
  weights per (domain, bucket), running sums in bucket order, and for each p
  finds the first bucket whose end meets the rule (no earlier row can meet it,
  and the bucket's last row does). Step 2 takes only the rows of those buckets
  and applies the rule to the running sums (ties summed) from the sum before
  the bucket. The answers do not depend on the bucket function, only the work.

Quantiles sum the weights in integer cents (exact in any order, then divided
by 100 as a double, which is what our extended-precision running sums round
to), so the script stops if a weight is not a whole number of cents, or if the
total weight reaches 10^13 (step 1 needs p * total to within a cent).

Left out (not computed here): the other wage indicators (p90_p10, p50_p10,
below_min_wage_share, kaitz_index, mean_to_city_average_wage, gender pay gaps,
the full-time indicators), the quantiles' Woodruff intervals and SEs, the
non-rate training and coverage indicators (mean training hours, subsidy per
trainee, mean commute minutes), the `_gap` rows, confidence intervals, design
effects, small-cell flags, and district aliases (`浦东`, English names):
a district outside the 16 exact names is `other` here."""
import argparse, csv, glob, re, sys, time

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
FLAGS = ["trained", "apprentice", "new_certificate", "housing_fund", "social_insurance", "labor_contract"]
# per-(domain, PSU) sums in `cells`
SUMS = ["sw", "swy", "sw_low"] + [f"sw_{f}" for f in FLAGS] + ["sw_union_known", "sw_union"]
COUNTS = ["n", "n_union_known"]
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

# Base by-variables a cross (--breakdowns) may join: the plan's worker columns this peer knows.
CROSSABLE = [b for b in BY if b != "industry_x_skill_level"]


def with_breakdowns(spec):
    """BY plus one entry per cross in spec ("sex x age_band,district x sex"): `sex_x_age_band` ->
    the parts' labels joined with '/', the parts in the order given."""
    by = dict(BY)
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        columns = re.split(r"\s+x\s+", item.strip())
        if not 2 <= len(columns) <= 3:
            raise SystemExit(f"same_work_duckdb: breakdown {item.strip()!r} is not two or three columns joined by ' x '")
        unknown = [c for c in columns if c not in CROSSABLE]
        if unknown or len(set(columns)) != len(columns):
            raise SystemExit(f"same_work_duckdb: breakdown {item.strip()!r}: each column once, from {', '.join(CROSSABLE)}")
        name = "_x_".join(columns)
        if name in by:
            raise SystemExit(f"same_work_duckdb: breakdown {name} given twice")
        by[name] = " || '/' || ".join(f"({BY[c]})" for c in columns)
    return by


def use(by):
    """Sets the SQL pieces for the by-variables `by` (name -> expression): GROUP BY GROUPING SETS over
    the by-columns d; by_label and domain, the label and value of the set a row comes from; row_domain,
    a candidate's domain label on a worker's row (the same as `domain` in the set of k.by_var)."""
    global d, by_label, domain, row_domain
    d = [f"d_{b}" for b in by]
    by_label = "CASE " + " ".join(f"WHEN GROUPING({c}) = 0 THEN '{b}'" for b, c in zip(by, d)) + " ELSE 'all' END"
    domain = "COALESCE(" + ", ".join(d) + ", 'all')"
    row_domain = "CASE k.by_var WHEN 'all' THEN 'all' " + " ".join(
        f"WHEN '{b}' THEN coalesce(r.d_{b}, 'all')" for b in by) + " END"


use(BY)


def grouping_sets(*keys):
    ks = ", ".join(keys)
    return "GROUPING SETS ((" + ks + "), " + ", ".join(f"({ks}, {c})" for c in d) + ")"


def meets(p, cw, tw):
    """The quantile rule at cumulative weight cw of total tw (column names): cw > p*tw, or cw/tw == p exactly."""
    return f"({cw} > {p}::DOUBLE * {tw} OR {cw} / {tw} = {p}::DOUBLE)"


def compute(con, folder, breakdowns=None):
    by = with_breakdowns(breakdowns)
    use(by)
    for path in glob.glob(f"{folder}/workers_*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            if "fpc" in next(csv.reader(f), []):
                raise SystemExit("same_work_duckdb: workers have an fpc column; this peer does not apply it")
    con.execute(f"""
        CREATE TABLE base AS
        SELECT w.year, w.stratum, w.psu, w.weight, w.monthly_wage AS wage,
               CAST(round(w.weight * 100) AS BIGINT) AS cents,
               w.weight * w.monthly_wage AS wy,
               {", ".join(f"w.weight * w.{f} AS w_{f}" for f in FLAGS)},
               w.union_member, CASE WHEN w.union_member IS NOT NULL THEN w.weight END AS w_union_known,
               w.weight * w.union_member AS w_union, w.industry IN {INDUSTRIAL} AS industrial,
               {", ".join(f"{expr} AS d_{b}" for b, expr in by.items())}
        FROM read_csv('{folder}/workers_*.csv', header = true) w
        LEFT JOIN (SELECT year, enterprise_id, employees FROM read_csv('{folder}/enterprises.csv', header = true)) e
          USING (year, enterprise_id)""")
    off, total = con.execute("SELECT max(abs(weight * 100 - cents)), sum(cents) FILTER (WHERE weight > 0) FROM base").fetchone()
    if off is None or off > 1e-6:
        raise SystemExit(f"same_work_duckdb: weights are not whole cents (off by {off}); quantile sums need them")
    if total is not None and total >= 10**15:
        # Finding the quantile's bucket from the bucket ends needs p*total exact to within a cent.
        raise SystemExit(f"same_work_duckdb: total weight {total / 100} too large for the quantile step")
    # PSUs of each wave, numbered (integer grouping keys), and n_h per (year, stratum).
    con.execute("""
        CREATE TABLE psus AS
        SELECT year, stratum, psu, CAST(dense_rank() OVER (ORDER BY stratum) AS INTEGER) AS sid,
               CAST(row_number() OVER () AS INTEGER) AS pid
        FROM (SELECT DISTINCT year, stratum, psu FROM base)""")
    con.execute("CREATE TABLE design AS SELECT year, sid, count(*) AS nh FROM psus GROUP BY ALL")

    # Quantiles, step 1: weight in cents per (domain, bucket), by the industrial flag, then per scope.
    # Any non-decreasing function of the wage gives the same answers; this one keeps buckets small
    # (at the 1M-worker bench input: 1,583 buckets, the largest of about 3,000 rows).
    median = con.execute("SELECT median(wage) FILTER (WHERE wage > 0) FROM base").fetchone()[0] or 1.0
    def bucket(wage):
        return f"CAST(floor(sqrt(greatest({wage}, 0) / {float(median)!r}::DOUBLE) * 500) AS BIGINT)"
    con.execute(f"""
        CREATE TABLE hist_by_flag AS
        SELECT year, industrial, {by_label} AS by_var, {domain} AS domain, bucket, sum(cents) AS c
        FROM (SELECT *, {bucket("wage")} AS bucket FROM base WHERE weight > 0)
        GROUP BY {grouping_sets("year", "industrial", "bucket")}""")
    con.execute("""
        CREATE TABLE hist AS
        SELECT year, 'all' AS scope, by_var, domain, bucket, sum(c) AS c FROM hist_by_flag GROUP BY ALL
        UNION ALL SELECT year, 'industrial' AS scope, by_var, domain, bucket, c FROM hist_by_flag WHERE industrial""")
    # For each p, the first bucket whose running sum at its end meets the rule, and the sum before it.
    con.execute(f"""
        CREATE TABLE crossings AS
        WITH sums AS (
          SELECT year, scope, by_var, domain, bucket, c,
                 sum(c) OVER (PARTITION BY year, scope, by_var, domain ORDER BY bucket) AS cb,
                 sum(c) OVER (PARTITION BY year, scope, by_var, domain) AS tc
          FROM hist),
        running AS (SELECT *, CAST(cb AS DOUBLE) / 100 AS cw, CAST(tc AS DOUBLE) / 100 AS tw FROM sums)
        SELECT year, scope, by_var, domain, any_value(tc) AS tc, {", ".join(
            f"min(bucket) FILTER (WHERE {meets(p, 'cw', 'tw')}) AS b_{name}, "
            f"arg_min(cb - c, bucket) FILTER (WHERE {meets(p, 'cw', 'tw')}) AS before_{name}"
            for name, p in QUANTILES.items())}
        FROM running GROUP BY ALL""")
    con.execute("CREATE TABLE candidates AS " + " UNION ALL ".join(
        f"SELECT year, scope, by_var, domain, '{name}' AS indicator, {p}::DOUBLE AS p, tc, "
        f"b_{name} AS bucket, before_{name} AS before FROM crossings" for name, p in QUANTILES.items()))
    # Step 2: the rows of each candidate bucket, running sums in wage order (ties summed) from the
    # sum before the bucket; the quantile is the least wage there that meets the rule.
    con.execute(f"""
        CREATE TABLE quantiles AS
        WITH hits AS (
          SELECT k.year, k.scope, k.by_var, k.domain, k.indicator, k.p, CAST(k.tc AS DOUBLE) / 100 AS tw, r.wage,
                 CAST(k.before + sum(r.cents) OVER (PARTITION BY k.year, k.scope, k.by_var, k.domain, k.indicator
                                                    ORDER BY r.wage) AS DOUBLE) / 100 AS cw
          FROM candidates k JOIN base r
            ON r.year = k.year AND {bucket("r.wage")} = k.bucket
               AND (k.scope = 'all' OR r.industrial) AND k.domain = {row_domain}
          WHERE r.weight > 0),
        picks AS (
          SELECT year, scope, by_var, domain, indicator, min(wage) FILTER (WHERE {meets("p", "cw", "tw")}) AS estimate
          FROM hits GROUP BY ALL)
        SELECT year, scope, by_var, domain, indicator, estimate FROM candidates LEFT JOIN picks
          USING (year, scope, by_var, domain, indicator)""")

    # Per-(domain, PSU) sums by the industrial flag; the low-pay line is 2/3 of the wave's overall median.
    con.execute(f"""
        CREATE TABLE cells_by_flag AS
        WITH line AS (SELECT year, estimate * 2 / 3 AS t FROM quantiles
                      WHERE scope = 'all' AND by_var = 'all' AND indicator = 'p50')
        SELECT year, industrial, {by_label} AS by_var, {domain} AS domain, sid, pid,
               count(*) AS n, sum(weight) AS sw, sum(wy) AS swy,
               coalesce(sum(weight) FILTER (WHERE wage < t), 0) AS sw_low,
               {", ".join(f"sum(w_{f}) AS sw_{f}" for f in FLAGS)},
               count(union_member) AS n_union_known,
               coalesce(sum(w_union_known), 0) AS sw_union_known,
               coalesce(sum(w_union), 0) AS sw_union
        FROM (SELECT b.*, p.sid, p.pid, l.t FROM base b
              JOIN psus p ON b.year = p.year AND b.stratum IS NOT DISTINCT FROM p.stratum AND b.psu IS NOT DISTINCT FROM p.psu
              JOIN line l ON b.year = l.year)
        GROUP BY {grouping_sets("year", "industrial", "sid", "pid")}""")
    # Scope `industrial`: the flag's cells. Scope `all`: a PSU with rows of both flags (or a null
    # industry) has its cells added up; any other cell is already the PSU's.
    con.execute("""
        CREATE TABLE mixed AS SELECT year, pid FROM cells_by_flag WHERE by_var = 'all' GROUP BY ALL HAVING count(*) > 1""")
    values = ", ".join(COUNTS + SUMS)
    added = ", ".join(f"sum({v}) AS {v}" for v in COUNTS + SUMS)
    con.execute(f"""
        CREATE VIEW cells AS
        SELECT year, 'industrial' AS scope, by_var, domain, sid, pid, {values} FROM cells_by_flag WHERE industrial
        UNION ALL SELECT year, 'all' AS scope, by_var, domain, sid, pid, {values}
          FROM cells_by_flag ANTI JOIN mixed USING (year, pid)
        UNION ALL SELECT year, 'all' AS scope, by_var, domain, sid, pid, {added}
          FROM cells_by_flag SEMI JOIN mixed USING (year, pid) GROUP BY ALL""")

    # Per (domain, PSU) the linearised total z of every indicator, z = (num - r den) / t with r and t
    # the domain's ratio and denominator; per stratum the mean of z over its n_h PSUs (absent PSUs:
    # z = 0; the sum of z is taken from the stratum's sums, z being linear in them), then the squared
    # deviations: two passes over the cells.
    names = list(RATIOS)
    dkeys = "year, scope, by_var, domain"
    con.execute(f"""
        CREATE TABLE stratum_sums AS
        SELECT {dkeys}, sid, count(*) AS present, {", ".join(f"sum({v}) AS {v}" for v in COUNTS + SUMS)}
        FROM cells GROUP BY ALL""")
    con.execute(f"""
        CREATE TABLE totals AS
        SELECT CAST(row_number() OVER () AS INTEGER) AS dom, *
        FROM (SELECT {dkeys}, {", ".join(f"sum({cnt}) AS n_{k}, sum({num}) / sum({den}) AS r_{k}, sum({den}) AS t_{k}"
                                         for k, (num, den, cnt) in RATIOS.items())}
              FROM stratum_sums GROUP BY ALL)""")
    con.execute(f"""
        CREATE TABLE strata AS
        SELECT {dkeys}, sid, dom, nh, present, {", ".join(f"r_{k}, t_{k}" for k in names)},
               {", ".join(f"({num} - r_{k} * {den}) / t_{k} / nh AS m_{k}" for k, (num, den, cnt) in RATIOS.items())}
        FROM stratum_sums JOIN totals USING ({dkeys}) JOIN design USING (year, sid)""")
    z = {k: f"({num} - r_{k} * {den}) / t_{k}" for k, (num, den, cnt) in RATIOS.items()}
    # Per (domain, stratum): sum (z - zbar)^2 over the PSUs present, or for a lonely PSU z^2.
    con.execute(f"""
        CREATE TABLE squares AS
        SELECT dom, sid, {", ".join(f"sum(CASE WHEN nh > 1 THEN ({z[k]} - m_{k}) * ({z[k]} - m_{k}) "
                                    f"ELSE {z[k]} * {z[k]} END) AS s_{k}" for k in names)}
        FROM cells JOIN strata USING ({dkeys}, sid) GROUP BY dom, sid""")
    con.execute(f"""
        CREATE TABLE variances AS
        SELECT dom, {", ".join(
            f"sum(CASE WHEN nh > 1 THEN CAST(nh AS DOUBLE) / (nh - 1) * (s_{k} + (nh - present) * m_{k} * m_{k}) "
            f"ELSE s_{k} END) AS v_{k}" for k in names)}
        FROM squares JOIN strata USING (dom, sid) GROUP BY dom""")
    con.execute("CREATE TABLE ratios AS " + " UNION ALL ".join(
        f"SELECT {dkeys}, '{k}' AS indicator, n_{k} AS n, r_{k} AS estimate, sqrt(v_{k}) AS se "
        f"FROM totals JOIN variances USING (dom) WHERE n_{k} > 0 AND t_{k} > 0" for k in names))
    keys = "year, scope, by_var, domain, indicator"
    con.execute(f"""
        CREATE TABLE results AS
        SELECT {keys}, n, estimate, se FROM ratios
        UNION ALL SELECT q.year, q.scope, q.by_var, q.domain, q.indicator, r.n, q.estimate, NULL::DOUBLE AS se
        FROM quantiles q JOIN ratios r USING (year, scope, by_var, domain) WHERE r.indicator = 'mean_wage'""")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("out")
    parser.add_argument("--breakdowns", help='crosses to add, e.g. "sex x age_band,district x sex"')
    args = parser.parse_args()
    folder, out = args.folder, args.out
    start = time.perf_counter()
    con = duckdb.connect()
    compute(con, folder, args.breakdowns)
    con.execute(f"""COPY (SELECT year, scope, by_var AS "by", domain, indicator, n, estimate, se FROM results
                     ORDER BY ALL) TO '{out}' (HEADER, DELIMITER ',')""")
    print(f"{time.perf_counter() - start:.3f}")
