#!/usr/bin/env python3
"""Population totals for the calibration bench: a population.csv a plan's [calibration] can rake
a generated survey to.

Reads workers_<year>.csv of a generated input folder and writes, for each year, the weighted
count of every code of district, industry and sex, each margin's counts tilted by a fixed
pattern (±6 % around the sample's, alternating by code order) and scaled back to the sample's
weighted total, so that the margins agree on the population and the raked weights differ from
the design weights (as a registry's counts do).

Run: python3 Benchmarks/calibration_population.py INPUT_FOLDER OUTPUT_CSV"""
import csv, sys
from collections import defaultdict
from pathlib import Path

folder, output = Path(sys.argv[1]), Path(sys.argv[2])
margins = ["district", "industry", "sex"]
counts = defaultdict(lambda: defaultdict(float))
for path in sorted(folder.glob("workers*.csv")):
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            year, weight = row["year"], float(row["weight"])
            for margin in margins:
                counts[(year, margin)][row[margin]] += weight
with open(output, "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["year", "margin", "code", "total"])
    for (year, margin), cells in sorted(counts.items()):
        codes = sorted(cells)
        tilted = {code: cells[code] * (1.06 if k % 2 == 0 else 0.94) for k, code in enumerate(codes)}
        scale = sum(cells.values()) / sum(tilted.values())
        for code in codes:
            writer.writerow([year, margin, code, f"{tilted[code] * scale:.6f}"])
