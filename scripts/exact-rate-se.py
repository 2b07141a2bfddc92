#!/usr/bin/env python3
"""Exactly rounded reference for two rates and their SEs (scope all, by all), to judge last-digit
differences between engine versions: every sum with math.fsum (correctly rounded), the linearised
variance as docs/estimation.md gives it (two passes, lonely PSU: z squared).

Usage: scripts/exact-rate-se.py workers_YYYY.csv   (one wave; no fpc)
"""
import collections, csv, math, sys
rows = collections.defaultdict(lambda: [[], [], []])
strata_psus = collections.defaultdict(set)
with open(sys.argv[1], newline="") as f:
    r = csv.DictReader(f)
    for row in r:
        key = (row["stratum"] or row["district"], row["psu"] or row["enterprise_id"])
        w = float(row["weight"] or 1)
        e = rows[key]
        e[0].append(w); e[1].append(w * float(row["social_insurance"])); e[2].append(w * float(row["labor_contract"]))
        strata_psus[key[0]].add(key[1])
W = math.fsum(x for e in rows.values() for x in e[0])
for col, name in [(1, "social_insurance_rate"), (2, "labor_contract_rate")]:
    Y = math.fsum(x for e in rows.values() for x in e[col])
    p = Y / W
    z = {k: (math.fsum(e[col]) - p * math.fsum(e[0])) / W for k, e in rows.items()}
    var = []
    for h, psus in strata_psus.items():
        zs = [z[(h, q)] for q in psus]
        n = len(zs)
        if n < 2:
            var.append(zs[0] ** 2); continue
        m = math.fsum(zs) / n
        var.append(n / (n - 1) * math.fsum((v - m) ** 2 for v in zs))
    print(name, p, repr(math.sqrt(math.fsum(var))))
