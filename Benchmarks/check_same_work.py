#!/usr/bin/env python3
"""Checks that the same-work DuckDB peer (same_work_duckdb.py) gives our numbers.

Usage: python check_same_work.py INPUT_DIR [--binary PATH] [--jobs N] [--keep DIR] [--plan FILE]

Runs `workforce run` on INPUT_DIR with --suppress-below 0 --low-n-below 0
(nothing blanked) and the peer on the same folder, then compares, for every
(year, scope, by, domain, indicator) of the peer's subset found in our
wages.csv, training.csv and coverage.csv:
- the set of keys: a key in one and not the other is a failure;
- n: equal;
- estimate: equal for quantiles (p10 ... p90), else relative difference <= 1e-9;
- se: relative difference <= 1e-9 (quantiles: not compared, the peer has none).
Relative difference = |a - b| / max(|a|, |b|), 0 when both are 0.
With --plan FILE, `workforce run` gets `--plan FILE` and the peer gets the
plan's `[breakdowns] add` as --breakdowns (crosses of the peer's by-variables,
such as "sex x age_band"), so the comparison covers the added domains too. Only
that key is passed on: a plan that changes anything else the subset depends on
(low_pay_fraction, wage quantiles, scopes, district labels) is not supported.
Prints how many numbers were compared and the largest relative difference;
exits 1 on any failure (listing the first ones), 0 otherwise."""
import argparse, csv, math, os, re, subprocess, sys, tempfile, tomllib
from pathlib import Path

bench = Path(__file__).resolve().parent
TOLERANCE = 1e-9
QUANTILES = {"p10", "p25", "p50", "p75", "p90"}
SUBSET = {
    "wages.csv": {"mean_wage", "low_pay_rate"} | QUANTILES,
    "training.csv": {"share_trained", "apprenticeship_share", "new_certificate_share"},
    "coverage.csv": {"housing_fund_rate", "social_insurance_rate", "labor_contract_rate", "union_membership_rate"},
}


def read(path, indicators=None):
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if indicators is not None and r["indicator"] not in indicators:
                continue
            key = (r["year"], r["scope"], r["by"], r["domain"], r["indicator"])
            if key in rows:
                raise SystemExit(f"duplicate key {key} in {path}")
            rows[key] = r
    return rows


def plan_breakdowns(path):
    """The plan's `[breakdowns] add` list (empty when the plan has none)."""
    with open(path, "rb") as f:
        plan = tomllib.load(f)
    added = plan.get("breakdowns", {}).get("add", [])
    if not isinstance(added, list) or not all(isinstance(b, str) for b in added):
        raise SystemExit(f"{path}: [breakdowns] add is not a list of strings")
    for b in added:
        if "," in b:
            raise SystemExit(f"{path}: breakdown {b!r} holds a comma")
    return added


def relative(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def compare(ours, peer):
    """(numbers compared, largest relative difference, failures)."""
    failures = []
    for key in sorted(ours.keys() - peer.keys()):
        failures.append(f"only in ours: {key}")
    for key in sorted(peer.keys() - ours.keys()):
        failures.append(f"only in the peer: {key}")
    compared, largest, worst = 0, 0.0, None
    for key in sorted(ours.keys() & peer.keys()):
        o, p = ours[key], peer[key]
        compared += 1
        if int(o["n"]) != int(p["n"]):
            failures.append(f"{key}: n {o['n']} (ours) != {p['n']} (peer)")
        fields = ["estimate"] if key[4] in QUANTILES else ["estimate", "se"]
        for field in fields:
            if o[field] == "" or p[field] == "":
                failures.append(f"{key}: {field} blank (ours {o[field]!r}, peer {p[field]!r})")
                continue
            a, b = float(o[field]), float(p[field])
            compared += 1
            if not (math.isfinite(a) and math.isfinite(b)):
                failures.append(f"{key}: {field} not finite (ours {a}, peer {b})")
                continue
            d = relative(a, b)
            if d > largest:
                largest, worst = d, (key, field, a, b)
            limit = 0.0 if key[4] in QUANTILES else TOLERANCE
            if d > limit:
                failures.append(f"{key}: {field} ours {a!r} peer {b!r} (relative {d:.3g})")
    return compared, largest, worst, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs")
    parser.add_argument("--binary", default=str(bench.parent / ".build/release/workforce"))
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1))
    parser.add_argument("--keep", help="folder for both outputs (default: a temporary one, removed)")
    parser.add_argument("--plan", help="survey plan for `workforce run`; its [breakdowns] add go to the peer too")
    args = parser.parse_args()
    plan_args, peer_args, added = [], [], []
    if args.plan:
        added = plan_breakdowns(args.plan)
        plan_args = ["--plan", args.plan]
        if added:
            peer_args = ["--breakdowns", ",".join(added)]
    with tempfile.TemporaryDirectory(prefix="same-work-") as scratch:
        work = Path(args.keep or scratch)
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([args.binary, "run", "--inputs", args.inputs, "--outputs", work / "ours",
                        "--suppress-below", "0", "--low-n-below", "0", "--jobs", args.jobs, "--quiet"] + plan_args,
                       check=True)
        subprocess.run([sys.executable, bench / "same_work_duckdb.py", args.inputs, work / "peer.csv"] + peer_args,
                       check=True, stdout=subprocess.DEVNULL)
        ours = {}
        for name, indicators in SUBSET.items():
            ours.update(read(work / "ours" / "latest" / name, indicators))
        peer = read(work / "peer.csv")
        compared, largest, worst, failures = compare(ours, peer)
        added_by = {"_x_".join(re.split(r"\s+x\s+", b.strip())) for b in added}
        added_compared = compare({k: v for k, v in ours.items() if k[2] in added_by},
                                 {k: v for k, v in peer.items() if k[2] in added_by})[0]
    print(f"same-work check on {args.inputs}: {len(ours)} of our cells, {len(peer)} of the peer's, "
          f"{compared} numbers compared (n, estimates, SEs); largest relative difference {largest:.3g}"
          + (f" ({worst[0]} {worst[1]}: ours {worst[2]!r}, peer {worst[3]!r})" if worst else ""))
    if args.plan:
        print(f"plan {args.plan}: {len(added)} added breakdowns ({', '.join(added) or 'none'}), "
              f"{added_compared} of the numbers compared in their domains")
    if failures:
        print(f"FAILED: {len(failures)} mismatches", file=sys.stderr)
        for line in failures[:25]:
            print("  " + line, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
