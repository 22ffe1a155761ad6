#!/usr/bin/env bash
# Our one-core rate beside the peers on the same N generated certificates, in one run (issue
# #17): trustaudit's full ETSI profile check (`--jobs 1`, a whole process with its start-up,
# evidence written), our own parse + SHA-256 floor, pyca/cryptography's Rust parse with every
# extension and the key (the parse floor of the issue), and pkilint's ETSI linter warmed in one
# process on the first M of them. pyca and pkilint come from PyPI in the venv the differential
# script uses; without it (offline) their lines say "not measured". zlint does not install here:
# its rate is quoted from docs/PERFORMANCE.md as a reference line.
# The shared host's load moves single runs by ±30 % (other tenants), so each of the four is run
# ROUNDS times, interleaved, and its best round is reported: the ratios compare the rates each
# reaches when the machine lets it.
# Usage: [ROUNDS=3] Benchmarks/peers.sh [N] [M]   (defaults 20000 and 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
m=${2:-1000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
. Benchmarks/inputs.sh
certs=$(bulk_certificates "$n")
lines="$work/lines-$n.txt"
base64_lines "$certs" "$lines" "$n"
. Benchmarks/common.sh
venv=$(pkilint_venv)
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$1" "$2"; }
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ); N=$n certificates, every ETSI end-entity type in turn, one core each"
rounds=${ROUNDS:-3}
best() { sort -n | head -1; }  # the shortest of the rounds' seconds
s_all=() fs_all=() peer_all=""
peers_ok=true
for _ in $(seq "$rounds"); do
  read -r s _ < <(measure "$bin" check --quiet --jobs 1 --at 2026-06-01T00:00:00Z "$lines")
  s_all+=("$s")
  read -r fs _ < <(measure "$floor" --jobs 1 "$lines")
  fs_all+=("$fs")
  if [ -x "$venv/bin/python" ] && round=$("$venv/bin/python" Benchmarks/tools/peer_rates.py "$lines" "$n" "$m" 2>/dev/null); then
    peer_all+="$round"$'\n'
  else
    peers_ok=false
  fi
done
s=$(printf '%s\n' "${s_all[@]}" | best)
fs=$(printf '%s\n' "${fs_all[@]}" | best)
ours=$(rate "$n" "$s")
echo "best of $rounds rounds; trustaudit rounds: ${s_all[*]} s"
printf '%-52s %9s certificates/s\n' "trustaudit check, full profile, evidence (wall)" "$ours"
printf '%-52s %9s certificates/s\n' "trustaudit floor: parse + SHA-256 (wall)" "$(rate "$n" "$fs")"
if $peers_ok && [ -n "$peer_all" ]; then
  peers=$(for name in pyca pkilint; do
    printf '%s' "$peer_all" | awk -v name="$name" '$1 == name' | sort -k3,3n | head -1
  done)
  while read -r name count seconds; do
    [ -n "$name" ] || continue
    peer=$(rate "$count" "$seconds")
    label=$([ "$name" = pyca ] && echo "pyca/cryptography parse, extensions + key (CPU)" || echo "pkilint ETSI linter, warmed, $count certs (CPU)")
    printf '%-52s %9s certificates/s   trustaudit = %s x\n' "$label" "$peer" \
      "$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$ours" "$peer")"
  done <<< "$peers"
else
  echo "pyca/cryptography, pkilint: not measured (PyPI unreachable?)"
fi
printf '%-52s %9s certificates/s   (docs/PERFORMANCE.md, earlier machine of this class)\n' "zlint, ETSI lints only (reference, not run)" "5000-6600"
