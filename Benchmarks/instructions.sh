#!/usr/bin/env bash
# Instructions per certificate (issue #8): the full check and the floor counted by valgrind's
# callgrind, which counts instructions rather than seconds, so the ratio does not move with the
# machine's load (wall times on the shared 2-core machine vary by ±20 %). Each binary runs on 300
# and on 1 100 of the generated certificates; the difference divided by 800 is the cost of one
# certificate without start-up (the embedded profile catalogue). One job, so one thread counts.
# Usage: Benchmarks/instructions.sh   (skipped when valgrind is absent)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instructions: valgrind not installed, skipped"; exit 0; }
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
. Benchmarks/inputs.sh
certs=$(bulk_certificates 20000)
# The first 300 and 1 100 (every type in turn, so both hold the same mix).
base64_lines "$certs" "$work/lines-300.txt" 300
base64_lines "$certs" "$work/lines-1100.txt" 1100
. Benchmarks/common.sh
# valgrind cannot read the Swift debug information: count a copy without it.
strip -g -o "$work/trustaudit.nodebug" "$bin"
strip -g -o "$work/trustaudit-floor.nodebug" "$floor"
count() {  # binary args... -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
per_item() {  # label binary args-before-input...
  local label=$1; shift
  local small large
  small=$(count "$@" "$work/lines-300.txt")
  large=$(count "$@" "$work/lines-1100.txt")
  echo $(( (large - small) / 800 ))
}
# --no-supervise: the supervisor re-executes /proc/self/exe, which valgrind refuses, so a
# supervised run under callgrind checks nothing and counts only start-up.
check=$(per_item check "$work/trustaudit.nodebug" check --quiet --no-supervise --jobs 1 --at 2026-06-01T00:00:00Z)
records=$("$work/trustaudit.nodebug" check --quiet --no-supervise --jobs 1 --at 2026-06-01T00:00:00Z "$work/lines-300.txt" | wc -l)
[ "$records" = 300 ] || { echo "instructions: the counted run wrote $records records, not 300" >&2; exit 1; }
floorcount=$(per_item floor "$work/trustaudit-floor.nodebug" --jobs 1)
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-32s %14s\n' run instructions/item
printf '%-32s %14d\n' "floor (parse + SHA-256)" "$floorcount"
printf '%-32s %14d\n' "trustaudit check (full profile)" "$check"
python3 -c "print('check / floor: %.2fx' % ($check / $floorcount))"
