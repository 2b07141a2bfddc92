#!/usr/bin/env python3
"""Write the corpus of broken input files under Tests/WorkforceKitTests/Fixtures/broken/.

Each case is a folder holding one input file (and sometimes a second table);
BrokenInputTests.swift asserts the outcome of each: exit status or error,
rows read / quarantined and the quarantine reasons. Cases too big to commit
(a 2 MB field, 10,000 columns, a 20 MB line without a newline) are built by
the test itself. Run: python3 scripts/make_broken_corpus.py"""
from pathlib import Path
import shutil

root = Path(__file__).resolve().parent.parent / "Tests/WorkforceKitTests/Fixtures/broken"
H = "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,skill_level,monthly_wage,trained,housing_fund,social_insurance,labor_contract,weight"
def row(i, **kw):
    base = dict(year="2021", worker_id=f"W{i}", enterprise_id=f"E{i % 3}", district="黄浦", industry="C",
                employment_type="regular", sex="M", age="30", education="3", hukou="local", skill_level="2",
                monthly_wage="8000", trained="1", housing_fund="1", social_insurance="1", labor_contract="1", weight="10")
    base.update(kw)
    return ",".join(base[c] for c in H.split(","))
good = [row(i) for i in range(1, 4)]
cases = {}
def text(name, lines, end="\n", file="workers.csv", extra=None):
    cases[name] = {file: (end.join(lines) + end).encode("utf-8")}
    if extra: cases[name].update(extra)
def raw(name, data, file="workers.csv"):
    cases[name] = {file: data}

raw("truncated_mid_quote", "\n".join([H] + good + ['2021,W9,"E9']).encode())  # upload cut inside a quoted field
text("unterminated_quote_mid_file", [H, good[0], '2021,W8,"E1,黄浦,C,regular,M,30,3,local,2,8000,1,1,1,1,10', good[1], good[2]])
raw("nul_bytes_in_row", ("\n".join([H, good[0], row(7, worker_id="W\x007")]) + "\n").encode())
raw("nul_bytes_in_header", b"year\x00,worker_id\n2021,W1\n")
text("header_only", [H])
raw("empty_file", b"")
text("duplicate_headers", [H + ",weight", good[0] + ",10"])
text("missing_required_column", [H.replace(",monthly_wage", ""), "2021,W1,E1,黄浦,C,regular,M,30,3,local,2,1,1,1,1,10"])
text("wrong_delimiter_semicolon", [H.replace(",", ";"), good[0].replace(",", ";")])
raw("mixed_line_ends", (H + "\n" + good[0] + "\r\n" + good[1] + "\r" + good[2] + "\n").encode())
text("thousands_separator", [H, good[0], row(5, monthly_wage='"8,000"')])
text("fullwidth_digits", [H, good[0], row(5, monthly_wage="８０００")])
text("date_in_year_column", [H, good[0], row(5, year="2021-06-30")])
text("negative_wage", [H, good[0], row(5, monthly_wage="-8000")])
text("absurd_wage", [H, good[0], row(5, monthly_wage="1e12")])
text("absurd_age", [H, good[0], row(5, age="230")])
text("duplicate_keys", [H] + good + [row(2)])
text("row_longer_than_header", [H, good[0], good[1] + ",extra"])
text("row_shorter_than_header", [H, good[0], ",".join(good[1].split(",")[:10])])
text("blank_lines_only", [H, "", "", ""])
raw("utf8_bom", ("\ufeff" + "\n".join([H] + good) + "\n").encode())
raw("gbk_with_chinese_headers", ("\r\n".join([H.replace("year", "年份").replace("sex", "性别")] + [g.replace(",M,", ",男,") for g in good]) + "\r\n").encode("gbk"))
raw("gbk_invalid_bytes", ("\n".join([H] + good) + "\n").encode("gbk") + b"2021,W9,E1,\x81\x30,C,regular,M,30,3,local,2,8000,1,1,1,1,10\n")
raw("utf16le_tab_separated", ("\ufeff" + "\r\n".join([H] + good).replace(",", "\t") + "\r\n").encode("utf-16-le"), file="workers.tsv")
raw("utf16le_truncated", ("\ufeff" + "\r\n".join([H] + good).replace(",", "\t")).encode("utf-16-le")[:-1], file="workers.tsv")
text("stray_quote_in_field", [H, good[0], row(5, worker_id='W"5')])
text("text_after_closing_quote", [H, good[0], row(5, worker_id='"W5"x')])
text("quoted_newlines_valid", [H, row(5, worker_id='"W\n5"'), good[1]])
text("nan_and_inf", [H, good[0], row(5, monthly_wage="nan"), row(6, weight="inf")])
text("zero_weight", [H, good[0], row(5, weight="0")])
text("unknown_industry", [H, good[0], row(5, industry="Z")])
text("unknown_chinese_code", [H, good[0], row(5, sex="未知")])
text("spaces_and_nbsp_trimmed", [H, row(5, district=" 黄浦\u00a0", sex=" M ", monthly_wage=" 8000 ")])
text("whitespace_only_row", [H, good[0], "   "])
raw("binary_garbage", bytes((i * 37 + 11) % 256 for i in range(4096)))
raw("no_trailing_newline", "\n".join([H] + good).encode())
text("year_out_of_range", [H, good[0], row(5, year="1800")])
text("formula_in_bad_row", [H, good[0], "=1+1," + ",".join(row(5).split(",")[1:])])
text("district_outside_shanghai", [H, row(5, district="北京")])
text("worker_without_enterprise", [H] + good, extra={"enterprises.csv": b"year,enterprise_id,employees\n2021,E1,100\n"})
text("economy_duplicate_year", [H] + good, extra={"economy.csv": "year,gdp,cpi\n2021,100,101\n2021,101,102\n".encode()})
text("targets_bad_comparator", [H] + good, extra={"targets.csv": "indicator,target,comparator,due_year\nbases,100,>,2020\n".encode()})
text("control_characters_in_text", [H, row(5, worker_id="W\x015")])
text("only_header_and_quotes", [H, '""'])
text("skill_demand_bad_level", [H] + good, extra={"skill_demand.csv": b"year,industry,skill_level,demand\n2021,C,9,10\n2021,C,1,5\n"})

if root.exists():
    shutil.rmtree(root)
for name, files in cases.items():
    for file, data in files.items():
        path = root / name / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
print(f"{len(cases)} cases written to {root}")
