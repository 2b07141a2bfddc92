#!/usr/bin/env bash
# Replays the hostile-use repros against the release binary and prints one line per item:
# what happened (exit status and the telling part of the output). Run from the repository
# root after `make`; items 5 and 16 need root (they switch to uid 65534 with setpriv).
#
# Usage: scripts/hostile-check.sh
set -uo pipefail
W=$PWD/.build/release/workforce
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
B=$T/base
mkdir -p "$B"
head -401 Inputs/workers_2021.csv > "$B/workers_2021.csv"
cp Inputs/{enterprises,economy,skill_demand,programs,targets}.csv "$B/"
fresh() { rm -rf "$T/$1"; cp -r "$B" "$T/$1"; echo "$T/$1"; }
say() { printf '%-4s %s\n' "$1" "$2"; }
err() { tr '\n' ' ' < "$T/err" | cut -c1-160; }

# 1. truncation while reading
"$W" generate --workers 300000 --years 2023 --seed 3 --out "$T/d1" 2>/dev/null
codes=""
for delay in 0.15 0.4 0.8; do
  "$W" generate --workers 300000 --years 2023 --seed 3 --out "$T/d1" --force 2>/dev/null
  "$W" run --inputs "$T/d1" --outputs "$T/d1o" --quiet 2>"$T/err" & pid=$!
  sleep $delay; truncate -s 1000000 "$T/d1/workers_2023.csv"; wait $pid; codes="$codes $?"
done
say 1 "exit statuses of runs truncated after 0.15, 0.4, 0.8 s:$codes; $(err)"

# 2, 3. absurd options
"$W" run --inputs "$B" --outputs "$T/o2" --confidence-level 0.9999999999999999 2>"$T/err"
say 2 "exit $?; $(err)"
"$W" run --inputs "$B" --outputs "$T/o3" --jobs 9223372036854775807 2>"$T/err"
say 3 "exit $?; $(err)"

# 4. FIFO among the inputs
I=$(fresh i4); mkfifo "$I/workers_fifo.csv"
timeout 30 "$W" run --inputs "$I" --outputs "$T/o4" --quiet 2>"$T/err"
say 4 "exit $?; $(err)"

# 5. unreadable table folder (as uid 65534)
I=$(fresh i5); mkdir "$I/workers"; mv "$I/workers_2021.csv" "$I/workers/part-0001.csv"; chmod 0 "$I/workers"
mkdir -p "$T/o5"; chmod 0777 "$T" "$T/o5"
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid 65534 --regid 65534 --clear-groups "$W" run --inputs "$I" --outputs "$T/o5" --quiet 2>"$T/err"
else
  "$W" run --inputs "$I" --outputs "$T/o5" --quiet 2>"$T/err"
fi
say 5 "exit $?; $(err)"; chmod 755 "$I/workers"

# 6. one invalid byte in a UTF-8 file; a GB18030 file whose only Chinese is 女
I=$(fresh i6)
python3 - "$I/workers_2021.csv" <<'PY'
import sys; p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = b.index(b'\n', 5000); b[i - 3] = 0xFF; open(p, 'wb').write(b)
PY
"$W" validate --inputs "$I" --outputs "$T/o6" --quiet 2>"$T/err"
say 6a "exit $?; $(grep -E 'workers_2021.csv,(encoding|rows_accepted|rows_quarantined|mapped_to_other)' "$T/o6/validation/data_quality.csv" | cut -d, -f3- | tr '\n' ' ' | cut -c1-300)"
I=$(fresh i6b)
python3 - "$B/workers_2021.csv" "$I/workers_2021.csv" <<'PY'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
h = rows[0]; d = h.index('district'); s = h.index('sex'); out = io.StringIO(); w = csv.writer(out, lineterminator='\n'); w.writerow(h)
for r in rows[1:]:
    r[d] = 'Pudong'; r[s] = '女' if r[s] == 'F' else 'M'
    w.writerow([x if x.isascii() or x == '女' else 'x' for x in r])
open(sys.argv[2], 'wb').write(out.getvalue().encode('gb18030'))
PY
"$W" validate --inputs "$I" --outputs "$T/o6b" --quiet 2>"$T/err"
say 6b "exit $?; $(grep -E 'workers_2021.csv,(encoding|rows_accepted|rows_quarantined)' "$T/o6b/validation/data_quality.csv" | cut -d, -f3- | tr '\n' ' ' | cut -c1-300)"

# 7. unknown districts counted and warned about
I=$(fresh i7); sed -i '2,60s/,黄浦,/,Atlantis,/; 2,60s/,浦东新区,/,Atlantis,/' "$I/workers_2021.csv"
"$W" validate --inputs "$I" --outputs "$T/o7" 2>"$T/err"
say 7 "exit $?; $(grep -o 'warning: .*' "$T/err" | cut -c1-140); $(grep 'mapped_to_other' "$T/o7/validation/data_quality.csv" | grep workers | cut -d, -f3,4)"

# 8. stray quote and multi-line records at chunk cuts
"$W" generate --workers 300000 --years 2023 --seed 3 --out "$T/d8" 2>/dev/null
python3 - "$T/d8/workers_2023.csv" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); lines = b.split(b'\n')
lines[10] = lines[10].replace(b',', b',"', 1)  # a stray quote at the start of line 11's second field
text = b'\n'.join(lines); out = bytearray(); cut = 8 << 20; pos = 0
while True:
    nxt = text.find(b'\n', cut) if cut < len(text) else -1
    if nxt < 0: break
    out += text[pos:nxt + 1]; end = text.find(b'\n', nxt + 1)
    fields = text[nxt + 1:end].split(b',', 2); fields[1] = b'"' + fields[1][:4] + b'\n' + fields[1][4:] + b'"'
    out += b','.join(fields); pos = end; cut += 8 << 20
out += text[pos:]; open(p, 'wb').write(out)
PY
for jobs in 1 2; do
  "$W" validate --inputs "$T/d8" --outputs "$T/o8" --jobs $jobs --quiet 2>"$T/err"
  say 8 "jobs $jobs: $(grep -E 'workers_2023.csv,(rows_read|rows_quarantined)' "$T/o8/validation/data_quality.csv" | cut -d, -f3,4 | tr '\n' ' ')"
done

# 9. header-only delivery after a good run
I=$(fresh i9); "$W" run --inputs "$I" --outputs "$T/o9" --quiet; before=$(readlink "$T/o9/latest")
head -1 "$B/workers_2021.csv" > "$I/workers_2021.csv"
"$W" run --inputs "$I" --outputs "$T/o9" --quiet 2>"$T/err"; code=$?
say 9 "exit $code; latest unchanged: $([ "$(readlink "$T/o9/latest")" = "$before" ] && echo yes || echo NO); $(err)"

# 10. validate into the published folder
I=$(fresh i10); "$W" run --inputs "$I" --outputs "$T/o10" --quiet; before=$(readlink "$T/o10/latest")
"$W" validate --inputs "$I" --outputs "$T/o10" --quiet; code=$?
say 10 "exit $code; latest unchanged: $([ "$(readlink "$T/o10/latest")" = "$before" ] && echo yes || echo NO); wages.csv readable: $([ -r "$T/o10/wages.csv" ] && echo yes || echo NO)"

# 11. a real folder at latest and at quarantine
for name in latest quarantine; do
  rm -rf "$T/o11"; mkdir -p "$T/o11/$name"; echo mine > "$T/o11/$name/notes.txt"
  "$W" run --inputs "$B" --outputs "$T/o11" --quiet 2>"$T/err"; code=$?
  say 11 "$name: exit $code; kept: $(cat "$T/o11/$name/notes.txt"); $(err)"
done

# 12. generate over a real survey file
mkdir -p "$T/g12"; echo "real survey" > "$T/g12/workers_2021.csv"
(cd "$T/g12" && "$W" generate --workers 100 --years 2021 --out . 2>"$T/err"); code=$?
say 12 "exit $code; kept: $(cat "$T/g12/workers_2021.csv"); $(err)"

# 13. input folder given as a symlink
ln -s "$B" "$T/link13"
"$W" run --inputs "$T/link13" --outputs "$T/o13" --quiet 2>"$T/err"
say 13 "exit $?; $(err)"

# 14. folder fsync failing with EIO (LD_PRELOAD shim)
cat > "$T/eio.c" <<'C'
#include <errno.h>
#include <sys/stat.h>
int fsync(int fd) { struct stat s; if (fstat(fd, &s) == 0 && S_ISDIR(s.st_mode)) { errno = EIO; return -1; } return 0; }
C
cc -shared -fPIC -o "$T/eio.so" "$T/eio.c"
LD_PRELOAD="$T/eio.so" "$W" run --inputs "$B" --outputs "$T/o14" --quiet 2>"$T/err"
say 14 "exit $?; $(err)"

# 15. 1e308 in unbounded columns
I=$(fresh i15)
python3 - "$I/workers_2021.csv" <<'PY'
import csv, sys
p = sys.argv[1]; rows = list(csv.reader(open(p, encoding='utf-8'))); h = rows[0]
for r, c in zip(rows[1:4], ['training_subsidy', 'training_hours', 'commute_minutes']): r[h.index(c)] = '1e308'
csv.writer(open(p, 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
PY
"$W" validate --inputs "$I" --outputs "$T/o15" --quiet 2>"$T/err"
say 15 "exit $?; $(cut -d, -f3,4,5 "$T/o15/validation/quarantine/workers.csv" | tail -n +2 | tr '\n' ' ' | cut -c1-250)"

# 16. quarantine modes under umask 0, and another user reading them
(umask 0; "$W" run --inputs "$B" --outputs "$T/o16" --quiet)
q="$T/o16/latest/quarantine"; chmod 0777 "$T/o16"
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid 65534 --regid 65534 --clear-groups cat "$q/workers.csv" >/dev/null 2>&1 && other="READ" || other="denied"
else other="(not root: not tried)"; fi
say 16 "folder $(stat -c %a "$q"), files $(stat -c %a "$q"/*.csv | sort -u | tr '\n' ' '); uid 65534 reading: $other"

# 17. a workers file without a header row
I=$(fresh i17); tail -n +2 "$B/workers_2021.csv" > "$I/workers_2021.csv"
"$W" run --inputs "$I" --outputs "$T/o17" --quiet 2>"$T/err"; code=$?
first_id=$(sed -n 1p "$I/workers_2021.csv" | cut -d, -f2)
say 17 "exit $code; first worker id on stderr: $(grep -q "$first_id" "$T/err" && echo YES || echo no); $(err)"

# 18. GB18030 detail and a broken GB18030 record
I=$(fresh i18)
python3 - "$B/workers_2021.csv" "$I/workers_2021.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
h = lines[0].split(','); r = lines[1].split(','); r[h.index('monthly_wage')] = '8千'; lines[1] = ','.join(r)
lines[2] = lines[2].replace(',', ',ab"c', 1)
open(sys.argv[2], 'wb').write('\n'.join(lines).encode('gb18030'))
PY
"$W" validate --inputs "$I" --outputs "$T/o18" --quiet 2>"$T/err"
say 18 "exit $?; $(tail -n +2 "$T/o18/validation/quarantine/workers.csv" | cut -c1-120 | tr '\n' ' ')"

# 19. DEL and C1 controls
I=$(fresh i19); sed -i '2s/,W2021-/,W\x7f2021-/; 3s/,W2021-/,W\xc2\x852021-/' "$I/workers_2021.csv"
"$W" validate --inputs "$I" --outputs "$T/o19" --quiet 2>"$T/err"
say 19 "exit $?; $(cut -d, -f2,3,4 "$T/o19/validation/quarantine/workers.csv" | tail -n +2 | tr '\n' ' ')"

# 20. a duplicate across two workers files, other tables present
I=$(fresh i20); head -3 "$B/workers_2021.csv" > "$I/workers_b.csv"
"$W" validate --inputs "$I" --outputs "$T/o20" --quiet 2>"$T/err"
say 20 "exit $?; $(grep 'duplicate key' "$T/o20/validation/quarantine/workers.csv" | cut -d, -f1-5 | head -1)"

# 21. --if-changed with the privacy flag added
I=$(fresh i21); "$W" run --inputs "$I" --outputs "$T/o21" --if-changed --quiet; before=$(readlink "$T/o21/latest")
"$W" run --inputs "$I" --outputs "$T/o21" --if-changed 2>"$T/err"; skipped=$(grep -c 'nothing to do' "$T/err")
"$W" run --inputs "$I" --outputs "$T/o21" --if-changed --no-raw-quarantine 2>"$T/err"; code=$?
say 21 "same flags again: $skipped 'nothing to do'; with --no-raw-quarantine: exit $code, $(grep -c 'nothing to do' "$T/err") 'nothing to do', republished: $([ "$(readlink "$T/o21/latest")" != "$before" ] && echo yes || echo NO)"

# ---- Second round: publication, the command line (R<n>: item n of the second round) ----

# R3. the manifest hashes the version read: targets.csv swapped between two same-size versions
# (by rename, as an upload would) while ten runs go on
I=$(fresh r3); cp "$I/targets.csv" "$T/r3a"; sed '2s/[0-9]/9/' "$T/r3a" > "$T/r3b"
( while :; do cp "$T/r3a" "$I/.t"; mv "$I/.t" "$I/targets.csv"; cp "$T/r3b" "$I/.t"; mv "$I/.t" "$I/targets.csv"; done ) & swapper=$!
codes=""; for n in 1 2 3 4 5 6 7 8 9 10; do "$W" run --inputs "$I" --outputs "$T/r3o" --quiet 2>>"$T/err"; codes="$codes $?"; done
kill $swapper; wait $swapper 2>/dev/null
say R3 "exit statuses:$codes; $(grep -c 'changed while it was being read' "$T/err") said the file changed while it was being read"

# R6. header-only targets.csv and enterprises.csv
for table in targets enterprises; do
  I=$(fresh r6$table); head -1 "$B/$table.csv" > "$I/$table.csv"
  "$W" run --inputs "$I" --outputs "$T/r6o$table" 2>"$T/err"; code=$?
  warning=$(grep -o 'warning: .*' "$T/err" | cut -c1-120)
  "$W" run --inputs "$I" --outputs "$T/r6p$table" --quiet --max-reject-rate 0.05 2>"$T/err"; strict=$?
  say R6 "$table header only: exit $code, $warning; with --max-reject-rate: exit $strict, $(err)"
done

# R12. the lock file's mode, and the nightly unit's time bound
"$W" run --inputs "$B" --outputs "$T/r12" --quiet
say R12 "lock mode $(stat -c %a "$T/r12/.lock"); unit: $(grep -h '^TimeoutStartSec' contrib/workforce-nightly.service)"

# R13. absurd chunk size, zero jobs
"$W" run --inputs "$B" --outputs "$T/r13" --chunk-bytes 9223372036854775807 2>"$T/err"
say R13 "--chunk-bytes 2^63-1: exit $?; $(err)"
"$W" run --inputs "$B" --outputs "$T/r13" --jobs 0 2>"$T/err"
say R13 "--jobs 0: exit $?; $(err)"

# R17. a file name with a newline and a screen clear; usage errors in JSON mode; --lonely-psu fail
I=$(fresh r17); : > "$I/workers_x
workforce: forged line$(printf '\033')[2J.csv"
"$W" run --inputs "$I" --outputs "$T/r17" 2>"$T/err"
say R17 "exit $?; $(wc -l < "$T/err") line(s), escape bytes: $(grep -c $'\033' "$T/err"); $(err)"
"$W" run --log-format json --jobs many 2>"$T/err"
say R17 "json usage error: exit $?; $(err)"
I=$(fresh r17b)
python3 - "$I/workers_2021.csv" <<'PY'
import csv, sys
p = sys.argv[1]; rows = list(csv.reader(open(p, encoding='utf-8'))); h = rows[0]; s = h.index('stratum'); u = h.index('psu')
rows[1][s] = 'SECRET-STRATUM'; rows[1][u] = 'lonely'
csv.writer(open(p, 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
PY
"$W" run --inputs "$I" --outputs "$T/r17c" --lonely-psu fail 2>"$T/err"
say R17 "lonely PSU: exit $?; value quoted: $(grep -c SECRET "$T/err"); $(err)"

# R18. /proc/self/maps unreadable (and /proc/self/cmdline too)
if command -v strace >/dev/null; then
  mkdir -p "$T/r18in"
  (cd "$T" && strace -f -o /dev/null -P /proc/self/maps -e inject=openat:error=EACCES "$W" validate --inputs "$T/r18in" --outputs "$T/r18o" 2>"$T/err")
  say R18 "maps unreadable: exit $?; $(err)"
  (cd "$T" && strace -f -o /dev/null -P /proc/self/maps -P /proc/self/cmdline -e inject=openat:error=EACCES "$W" validate --inputs "$T/r18in" --outputs "$T/r18o" 2>"$T/err")
  say R18 "maps and cmdline unreadable: exit $?; $(err)"
else say R18 "(strace not installed: not tried)"; fi

# R19. no inode left for the second new link (tmpfs; root only): measured first on another tmpfs
if [ "$(id -u)" = 0 ] && mkdir -p "$T/r19" "$T/r19m" && mount -t tmpfs -o size=64m,nr_inodes=4096 tmpfs "$T/r19" 2>/dev/null \
   && mount -t tmpfs -o size=64m,nr_inodes=4096 tmpfs "$T/r19m"; then
  printf '[reports]\npublish = ["composition"]\n' > "$T/r19plan.toml"
  links() { ls -l "$1" | grep -c -- '->'; }; iused() { df --output=iused "$1" | tail -1; }
  "$W" run --inputs "$B" --outputs "$T/r19m/o" --plan "$T/r19plan.toml" --quiet
  u1=$(iused "$T/r19m"); l1=$(links "$T/r19m/o")
  "$W" run --inputs "$B" --outputs "$T/r19m/o" --quiet; added=$(( $(iused "$T/r19m") - u1 )); new=$(( $(links "$T/r19m/o") - l1 ))
  "$W" run --inputs "$B" --outputs "$T/r19/o" --plan "$T/r19plan.toml" --quiet
  before=$(readlink "$T/r19/o/latest"); l0=$(links "$T/r19/o")
  mount -o remount,nr_inodes=$(( $(iused "$T/r19") + added - new + 2 )) "$T/r19"
  "$W" run --inputs "$B" --outputs "$T/r19/o" --quiet 2>"$T/err"; code=$?
  say R19 "exit $code; links $l0 before, $(links "$T/r19/o") after; latest unchanged: $([ "$(readlink "$T/r19/o/latest")" = "$before" ] && echo yes || echo NO); $(err)"
  umount "$T/r19" "$T/r19m"
else say R19 "(needs root and a tmpfs mount: not tried)"; fi

# R24e. a file where the validation folder goes
mkdir -p "$T/r24e"; echo mine > "$T/r24e/validation"
"$W" validate --inputs "$B" --outputs "$T/r24e" 2>"$T/err"
say R24e "exit $?; $(err)"

# R24f. umask 000: modes of what is published
(umask 000; "$W" run --inputs "$B" --outputs "$T/r24f" --quiet)
say R24f "Outputs $(stat -c %a "$T/r24f"), runs $(stat -c %a "$T/r24f/runs"), run $(stat -c %a "$T/r24f/latest/"), wages.csv $(stat -c %a "$T/r24f/latest/wages.csv")"

# R24g. generate beside a user's own .workforce-generated
mkdir -p "$T/r24g"; echo "my notes" > "$T/r24g/.workforce-generated"
"$W" generate --workers 100 --years 2021 --out "$T/r24g" 2>"$T/err"
say R24g "exit $?; kept: $(cat "$T/r24g/.workforce-generated"); $(err)"

# Issue 23, items 22–23: estimation.
# 22. exact ties in quantiles: equal weights (37.3) in every domain, then all weights × 1e-6, 1e-9, 1e-12
equal_weights() {  # file factor: every weight set to 37.3 × factor
  python3 - "$1" "$2" <<'PY'
import csv, sys
path, factor = sys.argv[1], float(sys.argv[2])
rows = list(csv.reader(open(path, encoding='utf-8', newline='')))
k = rows[0].index('weight')
for r in rows[1:]: r[k] = repr(37.3 * factor)
csv.writer(open(path, 'w', encoding='utf-8', newline=''), lineterminator='\n').writerows(rows)
PY
}
I=$(fresh i22); equal_weights "$I/workers_2021.csv" 1
"$W" run --inputs "$I" --outputs "$T/o22" --quiet 2>"$T/err"
moved=""
for f in 1e-6 1e-9 1e-12; do
  J=$(fresh "i22$f"); equal_weights "$J/workers_2021.csv" "$f"
  "$W" run --inputs "$J" --outputs "$T/o22$f" --quiet 2>>"$T/err"
  moved="$moved $(python3 - "$T/o22/latest/wages.csv" "$T/o22$f/latest/wages.csv" <<'PY'
import csv, sys
def q(p):
    return {(r['scope'], r['by'], r['domain'], r['indicator']): r['estimate'] for r in csv.DictReader(open(p, encoding='utf-8-sig'))
            if r['indicator'] in ('p10', 'p25', 'p50', 'p75', 'p90')}
a, b = q(sys.argv[1]), q(sys.argv[2])
print(f"{sum(a[k] != b.get(k) for k in a)}/{len(a)}")
PY
)"
done
say 22 "quantiles moved by weights × 1e-6, 1e-9, 1e-12 (equal weights):$moved"

# 23. --lonely-psu average against R's svyby (apiclus2 by county: 17 single-PSU strata of 26)
R23=Tests/WorkforceKitTests/Fixtures/r-lonely/apiclus2_by_county
"$W" run --inputs "$R23" --outputs "$T/o23" --lonely-psu average --quiet 2>"$T/err"; code=$?
say 23 "exit $code; $(python3 - "$R23/expected.csv" "$T/o23/latest" <<'PY'
import csv, sys
ref = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
ours = {}
for report in ('composition.csv', 'wages.csv'):
    for r in csv.DictReader(open(f"{sys.argv[2]}/{report}", encoding='utf-8-sig')):
        ours[(r['scope'], r['by'], r['domain'], r['indicator'])] = r
worst, compared = 0.0, 0
for r in ref:
    o = ours.get((r['scope'], r['by'], r['domain'], r['indicator']))
    if o is None or not r['se'] or not o['se'] or float(r['se']) == 0: continue
    worst = max(worst, abs(float(o['se']) - float(r['se'])) / float(r['se'])); compared += 1
print(f"{compared} SEs compared with R's svyby, largest relative difference {worst:.2e}")
PY
)"

# Issue 23, items 20 and 21: the verdicts the whole sample (Inputs/) now gets
"$W" run --inputs Inputs --outputs "$T/o23v" --quiet 2>"$T/err"; code=$?
verdicts() {
  python3 - "$T/o23v/latest" "$1" <<'PY'
import csv, re, sys
d, item = sys.argv[1], sys.argv[2]
html = open(f"{d}/summary.html", encoding="utf-8").read()
if item == "20":
    out = []
    for r in csv.DictReader(open(f"{d}/wage_vs_economy.csv", encoding="utf-8-sig")):
        if r["scope"] == r["by"] == "all" and r["indicator"] == "real_wage_gdp_gap_pp":
            out.append(f'{r["base_year"]}→{r["year"]}: gap {float(r["estimate"]):+.2f} pp, SE {float(r["se"]):.2f}, '
                       f'interval {float(r["ci_low"]):+.2f} to {float(r["ci_high"]):+.2f}')
        if r["scope"] == r["by"] == "all" and r["indicator"] == "in_step":
            out[-1] += f', in_step {r["estimate"]};'
    card = re.search(r'data-value="[^"]*">([^<]*)</div><div class="l">是否与经济同步增长', html)
    print(" ".join(out), "headline:", card.group(1) if card else "NONE")
else:
    rows = csv.DictReader(open(f"{d}/targets.csv", encoding="utf-8-sig"))
    out = [f'{r["indicator"]} {r["status"]}{" " + r["met_year"] if r["status"] == "met late" else ""} '
           f'({r["progress_due"]} at {r["due_year"]})' for r in rows]
    card = re.search(r'data-value="[^"]*">([^<]*)</div><div class="l">政策目标按期完成', html)
    print("; ".join(out), "| headline:", card.group(1) if card else "NONE")
PY
}
say 23.20 "exit $code; $(verdicts 20)"
say 23.21 "$(verdicts 21)"

# Issue 23, Excel inputs: items 1, 2, 7, 8, 9, 11, 14, 16, 24a and 24d (workbooks written by xl.py)
cat > "$T/xl.py" <<'PY'
import csv, zipfile
from xml.sax.saxutils import escape
M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
def letters(c):
    s = ''
    c += 1
    while c: c, r = divmod(c - 1, 26); s = chr(65 + r) + s
    return s
def sheet(rows, first=1, shared=None):
    """rows of fields as inline strings (numbers as numbers); shared: {column: row number -> shared string index}"""
    out = [f'<?xml version="1.0"?><worksheet xmlns="{M}"><sheetData>']
    for n, row in enumerate(rows, first):
        out.append(f'<row r="{n}">')
        for c, v in enumerate(row):
            ref = f'{letters(c)}{n}'
            if shared and n > first and c in shared: out.append(f'<c r="{ref}" t="s"><v>{shared[c](n)}</v></c>')
            elif v == '': continue
            elif v.replace('.', '', 1).isdigit(): out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else: out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        out.append('</row>')
    return ''.join(out) + '</sheetData></worksheet>'
def book(path, sheets, strings=None, cut=None, norel=()):
    """sheets: [(name, xml)]; cut: (part, bytes kept, or the text it is cut after); norel: sheets left out of the relationships"""
    parts = {'xl/workbook.xml': f'<?xml version="1.0"?><workbook xmlns="{M}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             + ''.join(f'<sheet name="{escape(n)}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets)) + '</sheets></workbook>',
             'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             + ''.join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>'
                       for i in range(len(sheets)) if sheets[i][0] not in norel) + '</Relationships>'}
    for i, (_, xml) in enumerate(sheets): parts[f'xl/worksheets/sheet{i+1}.xml'] = xml
    if strings is not None:
        parts['xl/sharedStrings.xml'] = f'<?xml version="1.0"?><sst xmlns="{M}">' + ''.join(f'<si><t>{escape(t)}</t></si>' for t in strings) + '</sst>'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            data = text.encode()
            if cut and cut[0] == name:
                data = data[:cut[1] if isinstance(cut[1], int) else data.index(cut[1].encode()) + len(cut[1])]
            z.writestr(name, data)
def workers(path, count=None):
    rows = list(csv.reader(open(path, encoding='utf-8')))
    return rows[:1 + count] if count else rows
def renumbered(rows, prefix):
    return [[f'{prefix}{i}' if j == 1 else c for j, c in enumerate(r)] for i, r in enumerate(rows)]
PY
X() { python3 -c "import os, sys; sys.path.insert(0, '$T'); from xl import *
$1"; }
xi() { rm -rf "$T/$1"; mkdir -p "$T/$1"; echo "$T/$1"; }
W21="$B/workers_2021.csv"

# x1. a sheet cut after <row r="151">; workbook.xml cut after its first sheet; a sheet without a relationship; cut shared strings
I=$(xi x1a); X "x = sheet(workers('$W21')); book('$I/workers.xlsx', [('S', x)], cut=('xl/worksheets/sheet1.xml', x.index('<row r=\"151\">') + 13))"
"$W" validate --inputs "$I" --outputs "$T/ox1" --quiet 2>"$T/err"; say x1a "exit $?; $(err)"
I=$(xi x1b); X "w = workers('$W21'); book('$I/workers.xlsx', [('A', sheet(w[:100])), ('B', sheet([w[0]] + w[100:]))], cut=('xl/workbook.xml', 'r:id=\"rId1\"/>'))"
"$W" validate --inputs "$I" --outputs "$T/ox1" --quiet 2>"$T/err"; say x1b "exit $?; $(err)"
I=$(xi x1c); X "w = workers('$W21'); book('$I/workers.xlsx', [('A', sheet(w[:100])), ('B', sheet([w[0]] + w[100:]))], norel=('B',))"
"$W" validate --inputs "$I" --outputs "$T/ox1" --quiet 2>"$T/err"; say x1c "exit $?; $(err)"
I=$(xi x1d); X "w = workers('$W21'); book('$I/workers.xlsx', [('S', sheet(w, shared={1: lambda n: n - 2}))], strings=[r[1] for r in w[1:]])
z = zipfile.ZipFile('$I/workers.xlsx'); parts = {n: z.read(n) for n in z.namelist()}; z.close()
parts['xl/sharedStrings.xml'] = parts['xl/sharedStrings.xml'][:len(parts['xl/sharedStrings.xml']) // 2]
with zipfile.ZipFile('$I/workers.xlsx', 'w', zipfile.ZIP_DEFLATED) as z: [z.writestr(n, d) for n, d in parts.items()]"
"$W" validate --inputs "$I" --outputs "$T/ox1" --quiet 2>"$T/err"; say x1d "exit $?; $(err)"

# x2. two sheets, 黄浦 (good) and 徐汇 (header "monthly wage (CNY)"); a header on row 23
I=$(xi x2a); X "w = workers('$W21'); h = ['monthly wage (CNY)' if c == 'monthly_wage' else c for c in w[0]]
book('$I/workers.xlsx', [('黄浦', sheet(w[:200])), ('徐汇', sheet([h] + w[200:]))])"
"$W" validate --inputs "$I" --outputs "$T/ox2" --quiet 2>"$T/err"; say x2a "exit $?; $(err)"
I=$(xi x2b); X "book('$I/workers.xlsx', [('S', sheet([['title']] * 22 + workers('$W21')))])"
"$W" validate --inputs "$I" --outputs "$T/ox2" --quiet 2>"$T/err"; say x2b "exit $?; $(err)"

# x7. crafted cell references, each at the end of row 3
codes=""
for cell in '<c r="B3" t="s"><v>-1</v></c>' '<c r="H3" s="-1"><v>30</v></c>' '<c r="AAAAAAAAAAAAAAAA3"><v>1</v></c>' \
  '<c r="ZZZZZZZ3"><v>1</v></c>' '</row><row r="9223372036854775807"><c r="A4"><v>1</v></c>' '</row><row r="10000000000"><c r="A4"><v>1</v></c>'; do
  I=$(xi x7); export CELL="$cell"
  X "x = sheet(workers('$W21', count=5)); i = x.index('</row>', x.index('<row r=\"3\">')); book('$I/workers.xlsx', [('S', x[:i] + os.environ['CELL'] + x[i:])], strings=['x'])"
  timeout 60 "$W" validate --inputs "$I" --outputs "$T/ox7" --quiet 2>"$T/err"; codes="$codes $?"
done
say x7 "exit statuses (string -1, style -1, AAAAAAAAAAAAAAAA3, ZZZZZZZ3, r=2^63-1, r=10^10):$codes; last: $(err)"

# x8. a workbook saved over with fewer sheets during a run (40,000 rows a sheet)
I=$(xi x8); X "w = workers('$W21'); r = w[1:] * 100
book('$I/workers.xlsx', [('A', sheet([w[0]] + renumbered(r, 'X'))), ('B', sheet([w[0]] + renumbered(r, 'Y')))])
book('$T/one.xlsx', [('A', sheet([w[0]] + renumbered(r, 'X')))])"
cp "$I/workers.xlsx" "$T/two.xlsx"; codes=""
for delay in 1 2 4; do
  "$W" validate --inputs "$I" --outputs "$T/ox8" --quiet 2>"$T/err" & pid=$!
  sleep $delay; cp "$T/one.xlsx" "$I/workers.xlsx"; wait $pid; codes="$codes $?"; cp "$T/two.xlsx" "$I/workers.xlsx"
done
say x8 "exit statuses of runs saved over after 1, 2, 4 s:$codes; $(err)"

# x9. two sheets of one name
I=$(xi x9); X "w = workers('$W21'); book('$I/workers.xlsx', [('A', sheet(w[:100])), ('A', sheet([w[0]] + w[100:]))])"
"$W" validate --inputs "$I" --outputs "$T/ox9" --quiet 2>"$T/err"; say x9 "exit $?; $(err)"

# x11. a FIFO swapped in for the workbook after the listing (2 s into the run)
I=$(xi x11); cp "$T/two.xlsx" "$I/workers.xlsx"; mkfifo "$T/fifo11"
timeout 60 "$W" validate --inputs "$I" --outputs "$T/ox11" --quiet 2>"$T/err" & pid=$!
sleep 2; mv "$T/fifo11" "$I/workers.xlsx"; wait $pid; say x11 "exit $? (124: hung until the timeout); $(err)"

# x14. one 1,000,000-character shared string in 30,000 cells; a note in XFD1; a full TMPDIR (root: a 2 MB tmpfs)
I=$(xi x14a); X "w = workers('$W21'); r = renumbered((w[1:] * 75)[:30000], 'X')
book('$I/workers.xlsx', [('S', sheet([w[0]] + r, shared={3: lambda n: 0}))], strings=['x' * 1000000])"
"$W" validate --inputs "$I" --outputs "$T/ox14" --quiet 2>"$T/err" & pid=$!; wait $pid; code=$?
left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name "workforce-*-$pid-*" | wc -l)
say x14a "exit $code; workbook $(stat -c %s "$I/workers.xlsx") bytes; temporary folders left in TMPDIR: $left; $(err)"
I=$(xi x14b); X "x = sheet(workers('$W21')); i = x.index('</row>'); book('$I/workers.xlsx', [('S', x[:i] + '<c r=\"XFD1\" t=\"inlineStr\"><is><t>note</t></is></c>' + x[i:])])"
"$W" validate --inputs "$I" --outputs "$T/ox14b" --quiet 2>"$T/err"; code=$?
say x14b "exit $code; $(grep -E 'workers.xlsx!S,(rows_read|rows_accepted|ignored_columns)' "$T/ox14b/validation/data_quality.csv" | cut -d, -f3- | tr '\n' ' ')"
if [ "$(id -u)" = 0 ] && mkdir -p "$T/tmpfs" && mount -t tmpfs -o size=2m tmpfs "$T/tmpfs" 2>/dev/null; then
  I=$(xi x14c); X "w = workers('$W21'); book('$I/workers.xlsx', [('S', sheet([w[0]] + renumbered(w[1:] * 10, 'Z')))])"
  TMPDIR="$T/tmpfs" "$W" validate --inputs "$I" --outputs "$T/ox14c" --quiet 2>"$T/err"; say x14c "exit $?; $(err)"
  umount "$T/tmpfs"
else say x14c "(not root or no tmpfs: a full TMPDIR not tried)"; fi

# x16. a 300,000-row return with 34-character ids as shared strings (sharedStrings.xml about 14 MB)
I=$(xi x16); X "w = workers('$W21'); r = (w[1:] * 750)[:300000]
ids = ['SH-' + '0' * 25 + f'{i:06d}' for i in range(300000)]
book('$I/workers.xlsx', [('S', sheet([w[0]] + r, shared={1: lambda n: n - 2}))], strings=ids)"
"$W" validate --inputs "$I" --outputs "$T/ox16" --quiet 2>"$T/err"; code=$?
say x16 "exit $code; sharedStrings.xml $(unzip -l "$I/workers.xlsx" xl/sharedStrings.xml | awk 'NR==4{print $1}') bytes; $(grep -E 'workers.xlsx!S,(rows_read|rows_accepted)' "$T/ox16/validation/data_quality.csv" | cut -d, -f3- | tr '\n' ' ')$(err)"

# x24a. a workbook encrypted with a password (a compound file with an EncryptionInfo stream)
I=$(xi x24a); X "open('$I/workers.xlsx', 'wb').write(bytes.fromhex('D0CF11E0A1B11AE1') + bytes(1016) + 'EncryptionInfo'.encode('utf-16-le') + bytes(512))"
"$W" validate --inputs "$I" --outputs "$T/ox24" --quiet 2>"$T/err"; say x24a "exit $?; $(err)"

# x24d. a duplicate key across two sheets (sheet B row 2 repeats sheet A row 6)
I=$(xi x24d); X "w = workers('$W21'); book('$I/workers_2022.xlsx', [('A', sheet(w[:6])), ('B', sheet([w[0], w[5]]))])"
"$W" validate --inputs "$I" --outputs "$T/ox24d" --quiet 2>"$T/err"
say x24d "exit $?; $(grep 'duplicate key' "$T/ox24d/validation/quarantine/workers.csv" | cut -d, -f1-6 | head -1)"

# Issue 23: the survey plan.
# 23.4 a dangling Inputs/plan.toml link
I=$(fresh p4); ln -s "$I/gone.toml" "$I/plan.toml"
"$W" run --inputs "$I" --outputs "$T/p4o" --quiet 2>"$T/err"
say 23.4 "exit $?; $(err)"
# 23.5 a NUL in the plan
printf '[thresholds]\nconfidence_level = 0.9\n\0\n[scope]\nindustrial = ["C"]\n' > "$T/p5.toml"
"$W" plan check "$T/p5.toml" >/dev/null 2>"$T/err"
say 23.5 "exit $?; $(err)"
# 23.10a three characters toml++ asserts on, through plan check and run
I=$(fresh p10a); printf '[[[ not a plan' > "$I/plan.toml"
"$W" plan check "$I/plan.toml" >/dev/null 2>"$T/err"; code=$?
"$W" run --inputs "$I" --outputs "$T/p10ao" --quiet 2>/dev/null
say 23.10a "plan check exit $code, run exit $?; $(err)"
# 23.10 a 150,000-part dotted table header (300 KB)
python3 -c "print('[' + '.'.join(['a'] * 150000) + ']')" > "$T/p10.toml"
"$W" plan check "$T/p10.toml" >/dev/null 2>"$T/err"
say 23.10 "exit $?; $(err)"
# 23.15 a plan within the per-section caps whose product is not: 999 codes broken down, five lists of 99 quantiles
python3 - "$T/p15.toml" <<'PY'
import sys
p = [round(i / 100, 2) for i in range(1, 100)]
text = '[columns.c0]\ntype = "category"\nen = "C"\nzh = "C"\ncodes = [%s]\n[breakdowns]\nadd = ["c0"]\n' % ', '.join('"k%d"' % i for i in range(999))
for q in range(5):
    text += '[quantiles.q%d]\ncolumn = "monthly_wage"\nprobabilities = %s\nen = "Q"\nzh = "Q"\n' % (q, p)
open(sys.argv[1], 'w').write(text)
PY
"$W" plan check "$T/p15.toml" >/dev/null 2>"$T/err"
say 23.15 "exit $?; $(err)"
# 23.24b codes that differ only by a blank
printf '[columns.c]\ntype = "category"\nen = "C"\nzh = "C"\ncodes = ["A", " A"]\n' > "$T/p24b.toml"
"$W" plan check "$T/p24b.toml" >/dev/null 2>"$T/err"
say 23.24b "exit $?; $(err)"
# 23.24c a hexadecimal threshold
printf '[rates.r]\nen = "R"\nzh = "R"\nwhen = "monthly_wage > 0x10"\n' > "$T/p24c.toml"
"$W" plan check "$T/p24c.toml" >/dev/null 2>"$T/err"
say 23.24c "exit $?; $(err)"
# 23.24h a 1 MB key: time and length of the message
python3 -c "print('[thresholds]\n' + 'k' * 1048000 + ' = 1')" > "$T/p24h.toml"
start=$(date +%s.%N); "$W" plan check "$T/p24h.toml" >/dev/null 2>"$T/err"; code=$?; end=$(date +%s.%N)
say 23.24h "exit $code in $(echo "$end - $start" | bc) s, message of $(wc -c < "$T/err") bytes; $(err)"
