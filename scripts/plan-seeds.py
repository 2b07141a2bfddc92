#!/usr/bin/env python3
"""Seed corpus of the plan fuzzer (make fuzz): every plan the project writes down.

Writes into OUTDIR the built-in plan (Sources/WorkforceKit/Plan/DefaultPlan.swift), the TOML
examples of docs/plan.md, the plan files of the test fixtures and the plan texts of the plan
test suites (Swift string literals holding a [section] or a key), one file each.
"""
import pathlib
import re
import sys
import textwrap

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
seeds = []

default = (root / "Sources/WorkforceKit/Plan/DefaultPlan.swift").read_text()
seeds.append(("default", textwrap.dedent(default.split('"""\n', 1)[1].rsplit('\n        """', 1)[0])))

doc = (root / "docs/plan.md").read_text()
for index, block in enumerate(re.findall(r"```toml\n(.*?)```", doc, re.S)):
    seeds.append((f"doc-{index}", block))

for path in sorted((root / "Tests/WorkforceKitTests/Fixtures").rglob("*.toml")):
    seeds.append((f"fixture-{path.parent.name}", path.read_text()))

escapes = {"n": "\n", '"': '"', "\\": "\\", "t": "\t", "0": "\0", "r": "\r"}
for name in ["SurveyPlanTests", "PlanColumnsTests", "PlanReportsTests", "HostileUseTests"]:
    path = root / f"Tests/WorkforceKitTests/{name}.swift"
    if not path.exists():
        continue
    source = path.read_text()
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)
    literals += re.findall(r'"""\n(.*?)\n\s*"""', source, re.S)
    for index, literal in enumerate(literals):
        text = re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), literal)
        if "\\(" in literal or not re.search(r"^\s*(\[|[a-z_]+\s*=)", text, re.M):
            continue
        seeds.append((f"{name}-{index}", text))

for name, text in seeds:
    (out / f"{name}.toml").write_bytes(text.encode())
print(f"{len(seeds)} plans in {out}")
