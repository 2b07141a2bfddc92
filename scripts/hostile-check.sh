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
