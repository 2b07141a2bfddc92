#!/usr/bin/env python3
"""Summarise how the pipeline's estimates compare with R's survey package.

For each dataset under Tests/WorkforceKitTests/Fixtures/r-reference, runs
`workforce run` on it, joins our composition.csv and wages.csv with R's
expected.csv on (scope, by, domain, indicator), and prints per dataset and
statistic: rows compared and the largest relative difference of estimate,
SE and interval ends. Standard library only.

Run: python3 scripts/compare_r_reference.py [path/to/workforce]
"""
import csv, subprocess, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / ".build/release/workforce")
designs = {
    "apistrat": "strata stype, PSU = school, fpc",
    "apiclus1": "one-stage cluster (district), fpc",
    "apiclus2": "clusters (district), with replacement",
    "apiclus1_by_county": "strata county, PSU district, lonely PSUs (adjust)",
    "nhanes": "15 strata, 31 PSUs, NHANES 2009-10",
}

def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))

def rel(a, b):
    if a in ("", None) and b in ("", None):
        return 0.0
    if a in ("", None) or b in ("", None):
        return float("nan")
    a, b = float(a), float(b)
    return abs(a - b) / max(abs(b), 1e-300) if b != 0 else abs(a)

print("| dataset | design | statistic | rows | max rel. diff (estimate, se, ci_low, ci_high) | example: ours / R |")
print("|---|---|---|---|---|---|")
for dataset, design in designs.items():
    folder = root / "Tests/WorkforceKitTests/Fixtures/r-reference" / dataset
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([binary, "run", "--inputs", str(folder), "--outputs", out, "--jobs", "2",
                        "--suppress-below", "0", "--low-n-below", "0"], check=True, capture_output=True)
        ours = {(r["scope"], r["by"], r["domain"], r["indicator"]): r
                for name in ("composition.csv", "wages.csv") for r in read(Path(out) / name)}
    expected = read(folder / "expected.csv")
    groups = {}
    for r in expected:
        stat = "quantiles" if r["indicator"].startswith("p") else r["indicator"]
        groups.setdefault(stat, []).append(r)
    for stat, rows in groups.items():
        worst = [0.0] * 4
        for r in rows:
            o = ours[(r["scope"], r["by"], r["domain"], r["indicator"])]
            for i, col in enumerate(("estimate", "se", "ci_low", "ci_high")):
                d = rel(o[col], r[col])
                worst[i] = max(worst[i], d) if d == d else float("nan")
        first = next((r for r in rows if r["by"] == "all"), rows[0])
        o = ours[(first["scope"], first["by"], first["domain"], first["indicator"])]
        example = f'{first["indicator"]} ({first["scope"]}): {float(o["estimate"]):.6g} ± {float(o["se"] or "nan"):.6g} / {float(first["estimate"]):.6g} ± {float(first["se"] or "nan"):.6g}'
        print(f"| {dataset} | {design} | {stat} | {len(rows)} | " + ", ".join(f"{w:.1e}" for w in worst) + f" | {example} |")
