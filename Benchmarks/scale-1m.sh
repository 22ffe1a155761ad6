#!/usr/bin/env bash
# Scale benchmark (issue #8): certificates per second and peak RSS for 100 000 and N (default
# 1 000 000) certificates as base64 lines, on 1 and all cores, beside the floor (parse +
# SHA-256, same reader and executor) and pkilint's in-process rate on the ETSI test certificates,
# in one run. The 1 M lines repeat the 20 000 generated certificates of cli-throughput.sh (the
# check does not cache per certificate, so repetition does not flatter it).
# Usage: Benchmarks/scale-1m.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
. Benchmarks/inputs.sh
certs=$(bulk_certificates 20000)
for size in 100000 "$n"; do base64_lines "$certs" "$work/lines-rep-$size.txt" "$size"; done
. Benchmarks/common.sh
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-30s %9s %6s %9s %12s %9s\n' run items jobs seconds items/s "RSS MB"
for size in 100000 "$n"; do
  for jobs in 1 $(nproc); do
    read -r s r < <(measure "$floor" --jobs "$jobs" "$work/lines-rep-$size.txt")
    printf '%-30s %9d %6d %9.2f %12.0f %9.0f\n' "floor (parse + SHA-256)" "$size" "$jobs" "$s" "$(python3 -c "print($size/$s)")" "$((r / 1024))"
    read -r s r < <(measure "$bin" check --quiet --jobs "$jobs" --at 2026-06-01T00:00:00Z "$work/lines-rep-$size.txt")
    printf '%-30s %9d %6d %9.2f %12.0f %9.0f\n' "trustaudit check" "$size" "$jobs" "$s" "$(python3 -c "print($size/$s)")" "$((r / 1024))"
  done
done
if command -v python3 >/dev/null && [ "${SKIP_PKILINT:-0}" != 1 ]; then
  scripts/differential-pkilint.sh --bench-only --trustaudit "$bin" TestVectors/certificates/etsi/*.pem || echo "pkilint: not measured (install failed or offline)"
fi
