#!/usr/bin/env python3
"""Benchmark: the pipeline against the libcsv parsing ceiling and peers, in one run.

For each size (default 1,000,000 and 10,000,000 workers), generates the inputs
once (cached under Benchmarks/data/), then times, alternating, the median of
ROUNDS runs each: `workforce run` at --jobs 1 and --jobs = all cores; the libcsv
ceiling (Benchmarks/libcsv_ceiling.c, no-op callbacks) on 1 thread and on all
cores; DuckDB and polars (and pandas at 1M) doing the core work of peers.py;
"DuckDB same work" (same_work_duckdb.py: a subset of our wages, training and
coverage numbers with their SEs, computed as we define them); and R's survey
package (svyby with SEs) at 100,000 rows where R is installed.
Before timing at each size, check_same_work.py runs ours and the same-work
peer on that size's input and stops the bench if any of their numbers differ.
With BENCH_ADDED_BREAKDOWNS set, at the 1M size it also measures what added
plan breakdowns cost ours and the same-work peer (below).
Prints a table and writes Benchmarks/results.md.

Run: make bench
Environment:
  BENCH_SIZES   comma-separated worker counts (default 1000000,10000000);
                e.g. BENCH_SIZES=1000000 for the small size only,
                BENCH_SIZES=1000000,5000000 for the 5M input as well
  BENCH_ROUNDS  runs per contender (default 3)
  BENCH_SAME_WORK_MAX  largest size at which the same-work peer is checked and timed
                (default 1000000: not yet checked at 10M; the peer needs ~0.85 GiB at
                1M rows, ~3.6 GiB at 5M)
  BENCH_ADDED_BREAKDOWNS  comma-separated breakdowns to add, as a plan's
                [breakdowns] add names them, crosses of the same-work peer's
                by-variables, e.g. "sex x age_band,district x sex,industry x sex,education x sex"
                (default unset: not measured). At 1,000,000 rows only (and only when
                the same-work peer runs there): writes Benchmarks/data/added-breakdowns.toml
                with them, runs check_same_work.py --plan on it (ours with the plan
                against the peer with --breakdowns, the added domains included) and
                stops if it fails, then times, alternating with the rest, `workforce
                --jobs <cores> --plan` and `same_work_duckdb.py --breakdowns` beside the
                runs without; adds rows "workforce --jobs N + k breakdowns" and "DuckDB
                same work + k breakdowns" and a line with each one's added seconds per
                breakdown (difference of medians over k) and ours/peer's
  BENCH_CALIBRATION  set to 1 to measure what calibration costs at 1,000,000 rows: a folder
                beside the input with its files linked and a population.csv
                (calibration_population.py: the sample's weighted counts of district, industry
                and sex, tilted ±6 %), and a plan raking to those three margins; times
                `workforce --jobs <cores> --plan` on it, alternating with the rest, and adds a
                row "workforce --jobs N + calibration" and a line with its added share"""
import json, os, platform, statistics, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
bench = root / "Benchmarks"
data = bench / "data"
binary = root / ".build/release/workforce"
ceiling = root / ".build/libcsv_ceiling"
python = sys.executable
rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000000,10000000").split(",")]
same_work_max = int(os.environ.get("BENCH_SAME_WORK_MAX", "1000000"))
cores = os.cpu_count() or 1
added_breakdowns = [b.strip() for b in os.environ.get("BENCH_ADDED_BREAKDOWNS", "").split(",") if b.strip()]
added_size = 1_000_000
added_ours = f"workforce --jobs {cores} + {len(added_breakdowns)} breakdowns"
added_peer = f"DuckDB same work + {len(added_breakdowns)} breakdowns"
added_measured = False
calibration = os.environ.get("BENCH_CALIBRATION", "") == "1"
calibrated_ours = f"workforce --jobs {cores} + calibration"
calibration_measured = False
if added_breakdowns and (added_size not in sizes or same_work_max < added_size):
    print(f"BENCH_ADDED_BREAKDOWNS ignored: it is measured at {added_size:,} rows only, with the same-work peer "
          f"(BENCH_SIZES={','.join(map(str, sizes))}, BENCH_SAME_WORK_MAX={same_work_max})", file=sys.stderr)

def run(argv):
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(map(str, argv))}\n{child.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024

def inputs(rows):
    folder = data / f"{rows}"
    if not (folder / "workers_2021.csv").exists():
        subprocess.run([binary, "generate", "--workers", str(rows), "--years", "2021", "--seed", "1", "--out", folder], check=True)
    return folder

results = []
for rows in sizes:
    folder = inputs(rows)
    workers = folder / "workers_2021.csv"
    size = workers.stat().st_size
    out = data / f"out-{rows}"
    contenders = {
        f"workforce --jobs 1": [binary, "run", "--inputs", folder, "--outputs", out, "--jobs", "1", "--quiet"],
        f"workforce --jobs {cores}": [binary, "run", "--inputs", folder, "--outputs", out, "--jobs", str(cores), "--quiet"],
        "libcsv ceiling, 1 thread": [ceiling, workers, "1"],
        f"libcsv ceiling, {cores} threads": [ceiling, workers, str(cores)],
        "DuckDB (load + queries)": [python, bench / "peers.py", "duckdb", workers],
        "polars": [python, bench / "peers.py", "polars", workers],
    }
    if rows <= same_work_max:
        contenders["DuckDB same work"] = [python, bench / "same_work_duckdb.py", folder, data / f"same-work-{rows}.csv"]
    if rows <= 1_000_000:
        contenders["pandas"] = [python, bench / "peers.py", "pandas", workers]
    # The same-work peer is timed only once its numbers are shown to equal ours on this input.
    if "DuckDB same work" in contenders:
        subprocess.run([python, bench / "check_same_work.py", folder, "--binary", binary, "--jobs", str(cores)], check=True)
    # Added plan breakdowns: ours with a plan adding them, the peer with the same crosses, checked
    # equal first, each timed beside its run without them (the plan lives outside the input folder,
    # so the runs without --plan do not pick it up).
    if added_breakdowns and rows == added_size and "DuckDB same work" in contenders:
        plan = data / "added-breakdowns.toml"
        plan.write_text("[breakdowns]\nadd = [" + ", ".join(json.dumps(b, ensure_ascii=False) for b in added_breakdowns) + "]\n",
                        encoding="utf-8")
        subprocess.run([python, bench / "check_same_work.py", folder, "--binary", binary, "--jobs", str(cores),
                        "--plan", plan], check=True)
        extra = {
            added_ours: [binary, "run", "--inputs", folder, "--outputs", data / f"out-{rows}-breakdowns",
                         "--jobs", str(cores), "--quiet", "--plan", plan],
            added_peer: [python, bench / "same_work_duckdb.py", folder, data / f"same-work-{rows}-breakdowns.csv",
                         "--breakdowns", ",".join(added_breakdowns)],
        }
        after = {f"workforce --jobs {cores}": added_ours, "DuckDB same work": added_peer}
        ordered = {}
        for name, argv in contenders.items():
            ordered[name] = argv
            if name in after:
                ordered[after[name]] = extra[after[name]]
        contenders = ordered
        added_measured = True
    # Calibration: the same workers raked to population totals of district, industry and sex.
    if calibration and rows == added_size:
        calibrated = data / f"{rows}-calibrated"
        calibrated.mkdir(exist_ok=True)
        for path in folder.glob("*.csv"):
            link = calibrated / path.name
            if not link.exists():
                link.symlink_to(path.resolve())
        if not (calibrated / "population.csv").exists():
            subprocess.run([python, bench / "calibration_population.py", folder, calibrated / "population.csv"], check=True)
        plan = data / "calibration.toml"
        plan.write_text('[calibration]\nmethod = "rake"\nmargins = ["district", "industry", "sex"]\n', encoding="utf-8")
        ordered = {}
        for name, argv in contenders.items():
            ordered[name] = argv
            if name == f"workforce --jobs {cores}":
                ordered[calibrated_ours] = [binary, "run", "--inputs", calibrated, "--outputs", data / f"out-{rows}-calibrated",
                                            "--jobs", str(cores), "--quiet", "--plan", plan]
        contenders = ordered
        calibration_measured = True
    times = {name: [] for name in contenders}
    peaks = {name: 0.0 for name in contenders}
    for round_number in range(rounds):
        for name, argv in contenders.items():
            seconds, peak = run(argv)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
            print(f"{rows:>10} {name:<28} round {round_number + 1}: {seconds:7.2f} s  {peak:7.0f} MiB", flush=True)
    for name in contenders:
        median = statistics.median(times[name])
        results.append((rows, size, name, median, peaks[name]))

# R's survey package at 100k rows, where R is installed.
r_line = None
if subprocess.run(["sh", "-c", "command -v Rscript"], capture_output=True).returncode == 0:
    folder = inputs(100_000)
    script = bench / "r_svyby.R"
    seconds = statistics.median([run(["Rscript", script, folder / "workers_2021.csv"])[0] for _ in range(rounds)])
    ours = statistics.median([run([binary, "run", "--inputs", folder, "--outputs", data / "out-100000", "--quiet"])[0] for _ in range(rounds)])
    r_line = (seconds, ours)

def row_of(rows, name):
    return next(r for r in results if r[0] == rows and r[2] == name)

lines = [f"# Benchmark results", "",
         f"Machine: {platform.machine()}, {cores} cores, {platform.system()} {platform.release()}; "
         f"median of {rounds} runs each, alternating, in one session (`make bench`).", "",
         "| rows | bytes | contender | seconds | rows/s | MB/s | peak RSS MiB |", "|---|---|---|---|---|---|---|"]
for rows, size, name, median, peak in results:
    lines.append(f"| {rows:,} | {size:,} | {name} | {median:.2f} | {rows / median:,.0f} | {size / median / 1e6:.1f} | {peak:,.0f} |")
lines += ["", "Ratios (time over time; below 1 means we are faster):", ""]
for rows in sizes:
    ours = row_of(rows, f"workforce --jobs {cores}")[3]
    single = row_of(rows, "workforce --jobs 1")[3]
    same_work = (f"ours/DuckDB same work {ours / row_of(rows, 'DuckDB same work')[3]:.2f}, "
                 if rows <= same_work_max else "")
    lines.append(f"- {rows:,} rows: ours/DuckDB {ours / row_of(rows, 'DuckDB (load + queries)')[3]:.2f}, "
                 f"ours/polars {ours / row_of(rows, 'polars')[3]:.2f}, {same_work}"
                 f"ours/libcsv ceiling ({cores} threads) {ours / row_of(rows, f'libcsv ceiling, {cores} threads')[3]:.2f}, "
                 f"speedup jobs 1 → {cores}: {single / ours:.2f}×")
if added_measured:
    k = len(added_breakdowns)
    ours_added = (row_of(added_size, added_ours)[3] - row_of(added_size, f"workforce --jobs {cores}")[3]) / k
    peer_added = (row_of(added_size, added_peer)[3] - row_of(added_size, "DuckDB same work")[3]) / k
    ratio = f"{ours_added / peer_added:.2f}" if peer_added > 0 else "n/a (the peer's added time is not positive)"
    lines.append(f"- {added_size:,} rows, {k} added breakdowns ({', '.join(added_breakdowns)}): "
                 f"added seconds per breakdown: ours {ours_added:.3f}, DuckDB same work {peer_added:.3f}; "
                 f"ours/DuckDB same work {ratio}")
if calibration_measured:
    base = row_of(added_size, f"workforce --jobs {cores}")[3]
    with_calibration = row_of(added_size, calibrated_ours)[3]
    lines.append(f"- {added_size:,} rows raked to district, industry and sex: {with_calibration:.2f} s against "
                 f"{base:.2f} s without calibration (+{100 * (with_calibration / base - 1):.0f} %)")
if len(sizes) > 1:
    per_row = [row_of(r, f"workforce --jobs {cores}")[3] / r for r in sizes]
    lines.append(f"- time per row at {sizes[-1]:,} / at {sizes[0]:,}: {per_row[-1] / per_row[0]:.2f}")
if r_line:
    lines.append(f"- 100,000 rows: R survey svyby with SEs {r_line[0]:.2f} s; workforce (all indicators, SEs) {r_line[1]:.2f} s")
lines += ["", "Ours computes every report with design-based SEs, quantiles and intervals over ~180 domains;",
          "DuckDB and polars (and pandas) compute only the core aggregates of Benchmarks/peers.py;",
          "\"DuckDB same work\" computes a subset of our numbers as we define them (Benchmarks/same_work_duckdb.py:",
          "mean wage, P10-P90, low-pay rate and seven yes/no rates with their SEs, every domain), checked equal",
          "to ours before it is timed (Benchmarks/check_same_work.py)."]
if added_measured:
    lines += ["\"+ k breakdowns\": the same runs with a plan adding those breakdowns (ours: --plan, every report;",
              "the peer: --breakdowns, its subset in the added domains too), checked equal first",
              "(check_same_work.py --plan); added seconds per breakdown = (median with - median without) / k."]
text = "\n".join(lines) + "\n"
(bench / "results.md").write_text(text)
print(text)
