#!/usr/bin/env python3
"""The worked example of the three-valued in_step verdict (docs/indicators.md §3), computed
from the formulas alone, for the test inStepIsJudgedOnTheIntervalOfTheGap (PolicyIndicatorTests).

Two waves, four workers each, every worker in a PSU of its own in one stratum, equal weights:
the SE of a weighted mean is then s/√n (with-replacement design, R survey's default).
"""
from math import exp, log, sqrt
from statistics import NormalDist


def mean_and_se(wages):
    n = len(wages)
    mean = sum(wages) / n
    variance = sum((y - mean) ** 2 for y in wages) / (n - 1)
    return mean, sqrt(variance / n)


m0, se0 = mean_and_se([1090, 1090, 1110, 1110])  # 2020
m1, se1 = mean_and_se([1190, 1190, 1210, 1210])  # 2021
log_growth = log(m1 / m0)
se_log = sqrt((se1 / m1) ** 2 + (se0 / m0) ** 2)
z = NormalDist().inv_cdf(0.975)
deflator = 1.0  # cpi 100
tolerance_pp = 0.5
print(f"means {m0} (SE {se0:.6f}), {m1} (SE {se1:.6f}); ln growth {log_growth:.7f}, SE {se_log:.7f}")
for gdp in (5, 9, 12):
    g = gdp / 100
    real = m1 / m0 / deflator - 1
    gap = (real - g) * 100
    se_gap = (1 + real) * se_log * 100
    low = (exp(log_growth - z * se_log) / deflator - 1 - g) * 100
    high = (exp(log_growth + z * se_log) / deflator - 1 - g) * 100
    verdict = 1 if low >= -tolerance_pp else -1 if high < -tolerance_pp else 0
    print(f"GDP +{gdp} %: gap {gap!r} pp, SE {se_gap!r}, interval {low!r} to {high!r}: in_step {verdict}")
