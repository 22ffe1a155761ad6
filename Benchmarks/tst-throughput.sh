#!/usr/bin/env bash
# Time-stamp responses per second: trustaudit check (full EN 319 422 profile with --data and
# --ca) beside libcrypto's own parse + TS_RESP_verify_response on the same response, in one run.
# Usage: Benchmarks/tst-throughput.sh [N]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
response=TestVectors/timestamps/response-ok.tsr
data=TestVectors/timestamps/data.txt
ca=TestVectors/certificates/issuing-ca.pem
python3 -c "import base64,sys; line=base64.b64encode(open(sys.argv[1],'rb').read()).decode(); open(sys.argv[2],'w').write((line+'\n')*int(sys.argv[3]))" \
  "$response" "$work/responses-$n.txt" "$n"
cc -O2 -o "$work/tst-verify-libcrypto" Benchmarks/c/tst-verify-libcrypto.c $(pkg-config --cflags --libs libcrypto)
swift build -c release --product trustaudit >/dev/null
"$work/tst-verify-libcrypto" "$response" "$data" "$ca" "$n"
for jobs in 1 $(nproc); do
  python3 - "$n" "$jobs" .build/release/trustaudit check --quiet --jobs "$jobs" --at 2026-06-01T12:00:00Z \
      --data "$data" --ca "$ca" "$work/responses-$n.txt" <<'PY'
import subprocess, sys, time
n, jobs, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
start = time.perf_counter()
subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
s = time.perf_counter() - start
print(f"{'trustaudit check (jobs=' + jobs + ')':<34} {n:>8} items {s:>7.2f} s {n/s:>10,.0f} items/s")
PY
done
