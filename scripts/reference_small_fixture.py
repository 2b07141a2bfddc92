#!/usr/bin/env python3
"""Reference values for Tests/WorkforceKitTests/Fixtures/small, computed independently
of the Swift code with the standard library only (weighted means, shares, and
weighted quantiles by the definition min{x : F(x) >= p}).

Run: python3 scripts/reference_small_fixture.py
The printed numbers are the ones asserted in EndToEndTests.swift."""
import csv
from fractions import Fraction
from pathlib import Path

rows = list(csv.DictReader(open(Path(__file__).parent.parent / "Tests/WorkforceKitTests/Fixtures/small/workers.csv", encoding="utf-8")))
w = lambda r: Fraction(r["weight"])
y = lambda r: Fraction(r["monthly_wage"])

def mean(rs): return sum(w(r) * y(r) for r in rs) / sum(w(r) for r in rs)
def quantile(rs, p):
    rs = sorted(rs, key=y); total = sum(w(r) for r in rs); cum = 0
    values = sorted(set(y(r) for r in rs))
    for v in values:
        cum += sum(w(r) for r in rs if y(r) == v)
        if cum / total >= p: return v

industrial = [r for r in rows if r["industry"] in "BCDEGI"]
print("total weight", float(sum(w(r) for r in rows)))
print("mean all", float(mean(rows)))
print("mean industrial", float(mean(industrial)))
for ind in "CGIK":
    print("share industry", ind, float(sum(w(r) for r in rows if r["industry"] == ind) / sum(w(r) for r in rows)))
print("share sex M", float(sum(w(r) for r in rows if r["sex"] == "M") / sum(w(r) for r in rows)))
for p in (0.1, 0.25, 0.5, 0.75, 0.9):
    print("quantile", p, float(quantile(rows, p)))
med = quantile(rows, Fraction(1, 2))
print("low pay rate", float(sum(w(r) for r in rows if y(r) < med * 2 / 3) / sum(w(r) for r in rows)))
men = [r for r in rows if r["sex"] == "M"]; women = [r for r in rows if r["sex"] == "F"]
print("gender gap mean", float((mean(men) - mean(women)) / mean(men)))
print("mean industry G", float(mean([r for r in rows if r["industry"] == "G"])))
