#!/usr/bin/env bash
# Certificates per second and peak RSS of the release binary on N generated certificates,
# with 1 and with all cores. Usage: Benchmarks/cli-throughput.sh [N]   (default 20000)
# The parse-only + SHA-256 floor and the pkilint comparison come with the scale issue.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
if [ ! -f "$work/certs-$n/.complete" ]; then
  rm -rf "$work/certs-$n"
  python3 TestVectors/generator/generate.py --bulk "$n" "$work/certs-$n" >/dev/null
  touch "$work/certs-$n/.complete"
fi
swift build -c release --product trustaudit >/dev/null
bin=.build/release/trustaudit
measure() {  # jobs -> "seconds peak_rss_kb"
  python3 - "$bin" "$1" "$work/certs-$n" <<'PY'
import resource, subprocess, sys, time
binary, jobs, folder = sys.argv[1:]
start = time.perf_counter()
subprocess.run([binary, "check", "--quiet", "--jobs", jobs, "--at", "2026-06-01T00:00:00Z", folder],
               stdout=subprocess.DEVNULL, check=False)
print(f"{time.perf_counter() - start:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
for jobs in 1 $(nproc); do
  read -r seconds rss < <(measure "$jobs")
  python3 -c "import sys; n,s,r,j=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),sys.argv[4]; print(f'jobs={j}: {n} certificates in {s:.2f} s = {n/s:,.0f} certificates/s, peak RSS {r/1024:.0f} MB')" "$n" "$seconds" "$rss" "$jobs"
done
