#!/usr/bin/env bash
# Render summary.html in headless Chromium to PNG and PDF, to look at what a reader sees.
# Needs Debian's chromium and fonts-noto-cjk; skips with a message when Chromium is missing.
# Usage: scripts/report-check.sh [OUT_DIR]   (default /tmp/workforce-report)
set -euo pipefail
out=${1:-/tmp/workforce-report}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "report-check skipped: no chromium (sudo apt-get install -y chromium fonts-noto-cjk)"
  exit 0
fi
bin=.build/release/workforce
rm -rf "$out" && mkdir -p "$out"
"$bin" run --inputs Inputs --outputs "$out/run" --quiet
page="file://$(cd "$out/run/latest" && pwd)/summary.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run)
"$browser" "${flags[@]}" --window-size=1100,3800 --screenshot="$out/summary.png" "$page" >/dev/null 2>&1
"$browser" "${flags[@]}" --print-to-pdf="$out/summary.pdf" --no-pdf-header-footer "$page" >/dev/null 2>&1
echo "wrote $out/summary.png and $out/summary.pdf ($(pdfinfo "$out/summary.pdf" 2>/dev/null | awk '/Pages/ {print $2}') pages)"
