#!/usr/bin/env bash
# Kill `workforce run` at random moments and check that the published reports
# are always one complete run: every file listed in latest/manifest.json exists
# with its recorded SHA-256 (a complete earlier or later run, never a mix).
#
# Usage: scripts/kill-test.sh [ROUNDS] [WORKERS]   (defaults 20 rounds, 300000 workers per wave)
# Run by `make kill-test`; needs the release build and python3 (standard library only).
set -euo pipefail
rounds=${1:-20}
workers=${2:-300000}
bin=.build/release/workforce
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" generate --workers "$workers" --years 2020,2021 --seed 7 --out "$work/in" 2>/dev/null
"$bin" run --inputs "$work/in" --outputs "$work/out" --quiet
start=$(date +%s.%N); "$bin" run --inputs "$work/in" --outputs "$work/out" --quiet; end=$(date +%s.%N)
full=$(python3 -c "print($end - $start)")
echo "a full run takes ${full}s; killing $rounds runs at random moments"

verify() {
  python3 - "$1" <<'PY'
import hashlib, json, sys
from pathlib import Path
out = Path(sys.argv[1])
latest = out / "latest"
manifest = json.loads((latest / "manifest.json").read_text())
for o in manifest["outputs"]:
    data = (latest / o["path"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == o["sha256"], o["path"]
    assert (out / o["path"].split("/")[0]).exists(), o["path"]
print(manifest["run"])
PY
}

declare -A seen
for round in $(seq 1 "$rounds"); do
  delay=$(python3 -c "import random; print(round(random.uniform(0.05, $full * 1.1), 3))")
  "$bin" run --inputs "$work/in" --outputs "$work/out" --quiet & pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  run=$(verify "$work/out")
  seen[$run]=1
  echo "round $round: killed after ${delay}s; published run $run is complete"
done
echo "ok: $rounds kills, published folder always complete (${#seen[@]} distinct runs seen)"
