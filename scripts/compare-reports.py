#!/usr/bin/env python3
"""Compare the CSV reports of two output folders cell by cell.

Usage: scripts/compare-reports.py OLD NEW [--rel 1e-12]

Text cells must be equal; numeric cells equal within the relative tolerance
(|a - b| <= rel * max(|a|, |b|), or both tiny). Prints, per report, how many
cells are byte-identical, how many differ within the tolerance (with the
largest relative difference and where), and every cell beyond it. Exit 1 when
any cell is beyond the tolerance or a report's shape differs.
"""
import csv, math, os, sys

def cells(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rel = 1e-12
    if "--rel" in sys.argv:
        rel = float(sys.argv[sys.argv.index("--rel") + 1])
        args = [a for a in args if a != sys.argv[sys.argv.index("--rel") + 1]]
    old, new = args
    old = os.path.join(old, "latest") if os.path.isdir(os.path.join(old, "latest")) else old
    new = os.path.join(new, "latest") if os.path.isdir(os.path.join(new, "latest")) else new
    bad = 0
    for name in sorted(f for f in os.listdir(old) if f.endswith(".csv")):
        a, b = cells(os.path.join(old, name)), cells(os.path.join(new, name))
        if len(a) != len(b):
            print(f"{name}: {len(a)} rows vs {len(b)}"); bad += 1; continue
        same = near = 0; worst = (0.0, None)
        for r, (ra, rb) in enumerate(zip(a, b)):
            if len(ra) != len(rb):
                print(f"{name}:{r + 1}: {len(ra)} cells vs {len(rb)}"); bad += 1; continue
            for c, (x, y) in enumerate(zip(ra, rb)):
                if x == y: same += 1; continue
                try:
                    fx, fy = float(x), float(y)
                except ValueError:
                    print(f"{name}:{r + 1}:{a[0][c]}: {x!r} vs {y!r}"); bad += 1; continue
                scale = max(abs(fx), abs(fy))
                d = abs(fx - fy) / scale if scale > 0 else 0.0
                if d <= rel or (not math.isfinite(d)):
                    near += 1
                    if d > worst[0]: worst = (d, f"row {r + 1} {a[0][c]} ({ra[:6]})")
                else:
                    print(f"{name}:{r + 1}:{a[0][c]}: {x} vs {y} (relative {d:.3g}) {ra[:8]}"); bad += 1
        line = f"{name}: {same} cells identical, {near} within {rel:g}"
        if near: line += f" (largest {worst[0]:.3g} at {worst[1]})"
        print(line)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
