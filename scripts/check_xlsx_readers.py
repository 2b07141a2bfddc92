#!/usr/bin/env python3
"""Open a workforce.xlsx with two independent readers (openpyxl, python-calamine) and
check it against the CSV reports beside it: same sheets, same headers, same values;
then read its formatting back with openpyxl: number formats by column and unit,
autofilter, header row repeated on printed pages, A4 landscape fitted to the width,
bold header, and no empty-string cells where a value is missing.

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

# Formatting, read back (docs/reports.md, "The workbook").
styled = openpyxl.load_workbook(book)
formats_seen = 0
for name in styled.sheetnames:
    ws = styled[name]
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", (name, ws.auto_filter.ref)
    assert ws.print_title_rows in ("1:1", "$1:$1"), (name, ws.print_title_rows)
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9", name
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
    assert ws.sheet_properties.pageSetUpPr.fitToPage, name
    assert ws.freeze_panes == "A2", (name, ws.freeze_panes)
    assert all(c.font.b for c in ws[1]), f"{name}: header not bold"
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for c in row:
            assert c.value != "", f"{name}!{c.coordinate}: empty string instead of a blank cell"
    if "indicator" not in header:
        continue
    col = {h: i for i, h in enumerate(header)}
    # indicator -> expected number format of (estimate, se); year and n everywhere
    expected = {
        "mean_wage": ("#,##0", "#,##0.0"), "p50": ("#,##0", "#,##0.0"), "low_pay_rate": ("0.0%", "0.00%"),
        "housing_fund_rate": ("0.0%", "0.00%"), "housing_fund_rate_gap": ("+0.0%;-0.0%;0.0%", "0.00%"),
        "p90_p10": ("0.000", "0.0000"), "mean_training_hours": ("0.0", "0.00"), "headcount": ("#,##0", "#,##0"),
        "value_added_per_employee": ("#,##0.00", "#,##0.000"), "real_wage_gdp_gap_pp": ("+0.00;-0.00;0.00", "0.000"),
        "in_step": ("0", "0"),
    }
    for row in ws.iter_rows(min_row=2):
        indicator = row[col["indicator"]].value
        if "year" in col:
            assert row[col["year"]].number_format == "0", (name, row[col["year"]].number_format)
        if "n" in col and row[col["n"]].value is not None:
            assert row[col["n"]].number_format == "#,##0", (name, row[col["n"]].number_format)
        if indicator in expected:
            for column, fmt in zip(("estimate", "se"), expected[indicator]):
                if column in col and row[col[column]].value is not None:
                    assert row[col[column]].number_format == fmt, (name, indicator, column, row[col[column]].number_format, fmt)
                    formats_seen += 1
            for column in ("ci_low", "ci_high"):
                if column in col and row[col[column]].value is not None:
                    assert row[col[column]].number_format == expected[indicator][0], (name, indicator, column)
assert formats_seen > 100, f"only {formats_seen} formatted estimates checked"
print(f"ok: formatting read back ({formats_seen} estimates and SEs in their unit's format)")
print(f"ok: {len(wb.sheetnames)} sheets read alike by openpyxl and python-calamine, equal to the CSV reports")
