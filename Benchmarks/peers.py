"""Peer implementations of the benchmark's core work, run in a child process each.

Usage: python peers.py duckdb|polars|pandas WORKERS_CSV
Work: weighted counts, means and sums of the monthly wage by year x industry x
skill_level and by year x district, and weighted medians of the wage by year x
industry, read from the CSV the way users of each tool would."""
import sys, time

tool, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if tool == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute(f"CREATE TABLE w AS SELECT * FROM read_csv('{path}', header = true)")
    for by in ("year, industry, skill_level", "year, district"):
        con.execute(f"SELECT {by}, SUM(weight) AS n_w, SUM(weight * monthly_wage) / SUM(weight) AS mean_w, "
                    f"SUM(weight * monthly_wage) AS total FROM w GROUP BY {by}").fetchall()
    con.execute("""
        WITH s AS (SELECT year, industry, monthly_wage, weight,
                          SUM(weight) OVER (PARTITION BY year, industry ORDER BY monthly_wage
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cw,
                          SUM(weight) OVER (PARTITION BY year, industry) AS tw FROM w)
        SELECT year, industry, MIN(monthly_wage) FROM s WHERE cw >= 0.5 * tw GROUP BY year, industry""").fetchall()
elif tool == "polars":
    import polars as pl
    df = pl.read_csv(path)
    for by in (["year", "industry", "skill_level"], ["year", "district"]):
        df.group_by(by).agg([pl.col("weight").sum().alias("n_w"),
                             ((pl.col("weight") * pl.col("monthly_wage")).sum() / pl.col("weight").sum()).alias("mean_w"),
                             (pl.col("weight") * pl.col("monthly_wage")).sum().alias("total")])
    (df.sort("monthly_wage").with_columns([
        pl.col("weight").cum_sum().over(["year", "industry"]).alias("cw"),
        pl.col("weight").sum().over(["year", "industry"]).alias("tw")])
       .filter(pl.col("cw") >= 0.5 * pl.col("tw")).group_by(["year", "industry"]).agg(pl.col("monthly_wage").min()))
elif tool == "pandas":
    import pandas as pd
    df = pd.read_csv(path)
    df["wy"] = df["weight"] * df["monthly_wage"]
    for by in (["year", "industry", "skill_level"], ["year", "district"]):
        g = df.groupby(by)[["weight", "wy"]].sum()
        g["mean_w"] = g["wy"] / g["weight"]
    s = df.sort_values("monthly_wage")
    s["cw"] = s.groupby(["year", "industry"])["weight"].cumsum()
    s["tw"] = s.groupby(["year", "industry"])["weight"].transform("sum")
    s[s["cw"] >= 0.5 * s["tw"]].groupby(["year", "industry"])["monthly_wage"].min()
else:
    sys.exit(f"unknown tool {tool}")
print(f"{time.perf_counter() - start:.3f}")
