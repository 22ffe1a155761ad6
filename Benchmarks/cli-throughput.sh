#!/usr/bin/env bash
# Certificates per second and peak RSS of the release binary on N generated certificates (one
# DER file each and, separately, one base64-lines file), with 1 and all cores, beside the floor
# (parse + SHA-256 only, same reader and executor).
# Usage: Benchmarks/cli-throughput.sh [N]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
. Benchmarks/inputs.sh
certs=$(bulk_certificates "$n")
base64_lines "$certs" "$work/lines-$n.txt" "$n"
. Benchmarks/common.sh
report() {  # label count seconds rss
  python3 -c "import sys; l,n,s,r=sys.argv[1],int(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); print(f'{l:<34} {n:>8} items {s:>7.2f} s {n/s:>10,.0f} items/s  peak RSS {r/1024:>5.0f} MB')" "$@"
}
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ); N=$n RSA-2048 certificates, every ETSI end-entity type in turn"
for input in "$work/certs-$n" "$work/lines-$n.txt"; do
  kind=$([ -d "$input" ] && echo "files" || echo "base64 lines")
  for jobs in 1 $(nproc); do
    read -r s r < <(measure "$floor" --jobs "$jobs" "$input"); report "floor ($kind, jobs=$jobs)" "$n" "$s" "$r"
    read -r s r < <(measure "$bin" check --quiet --jobs "$jobs" --at 2026-06-01T00:00:00Z "$input"); report "trustaudit check ($kind, jobs=$jobs)" "$n" "$s" "$r"
  done
done
echo "pkilint on the same kind of certificates: see docs/DIFFERENTIAL.md (in-process rate)"
