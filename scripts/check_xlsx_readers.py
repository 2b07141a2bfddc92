#!/usr/bin/env python3
"""Open a workforce.xlsx with two independent readers (openpyxl, python-calamine) and
check it against the CSV reports beside it: same sheets, same headers, same values.

Run: python3 scripts/check_xlsx_readers.py OUTPUTS_FOLDER
Needs: pip install openpyxl python-calamine (tooling only; the product does not use Python)."""
import csv, math, sys
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

folder = Path(sys.argv[1])
book = folder / "workforce.xlsx"
wb = openpyxl.load_workbook(book, read_only=True)
cal = CalamineWorkbook.from_path(str(book))
assert wb.sheetnames == cal.sheet_names, (wb.sheetnames, cal.sheet_names)
assert wb.sheetnames[0] == "README"
for name in wb.sheetnames[1:]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig") as f:
        expected = list(csv.reader(f))
    a = [list(r) for r in wb[name].iter_rows(values_only=True)]
    b = cal.get_sheet_by_name(name).to_python()
    assert len(a) == len(expected) == len(b), (name, len(a), len(expected), len(b))
    for row_a, row_b, row_e in zip(a, b, expected):
        for x, y, e in zip(row_a, row_b, row_e):
            e = e[1:] if e.startswith("'") else e  # the CSV apostrophe guard; the workbook uses quotePrefix
            if e == "":
                assert x in (None, "") and y in (None, ""), (name, x, y)
                continue
            try:
                v = float(e)
                assert math.isclose(float(x), v, rel_tol=1e-15) and math.isclose(float(y), v, rel_tol=1e-15), (name, x, y, e)
            except ValueError:
                assert str(x) == e and str(y) == e, (name, x, y, e)
print(f"ok: {len(wb.sheetnames)} sheets read alike by openpyxl and python-calamine, equal to the CSV reports")
