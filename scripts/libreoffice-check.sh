#!/usr/bin/env bash
# Render a small run's workbook and one CSV report to PDF with LibreOffice (headless)
# and the first pages to PNG, to look at what a spreadsheet user sees.
# Needs Debian's libreoffice-calc-nogui, poppler-utils and fonts-noto-cjk (tooling only).
# Usage: scripts/libreoffice-check.sh [OUT_DIR]   (default /tmp/workforce-lo)
set -euo pipefail
out=${1:-/tmp/workforce-lo}
bin=.build/release/workforce
rm -rf "$out" && mkdir -p "$out"
"$bin" generate --workers 200 --years 2021 --out "$out/in" 2>/dev/null
"$bin" run --inputs "$out/in" --outputs "$out/run" --quiet --lang zh
cp "$out/run/latest/workforce.xlsx" "$out/workforce.xlsx"
cp "$out/run/latest/targets.csv" "$out/targets.csv"
(cd "$out" && soffice --headless --convert-to pdf workforce.xlsx >/dev/null 2>&1 \
  && soffice --headless --infilter="CSV:44,34,76,1" --convert-to pdf targets.csv >/dev/null 2>&1)
pdftoppm -png -r 60 -f 1 -l 2 "$out/workforce.pdf" "$out/workbook"
pdftoppm -png -r 70 -f 1 -l 1 "$out/targets.pdf" "$out/csv"
echo "pages: $(pdfinfo "$out/workforce.pdf" | awk '/Pages/ {print $2}'); PNGs in $out"
