#!/usr/bin/env bash
# EU LOTL 248 and the 28 national lists cached with it (Sept 2019), fully checked: schema (own
# structural model and the official XSD), signatures, LOTL pointers, every content rule.
# Needs ../shared/vectors/trusted-lists (the real lists are not part of the project).
# Usage: Benchmarks/tl-snapshot.sh [RUNS]   (default 5; prints every run, then the median)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tl=${SHARED_VECTORS:-../shared/vectors}/trusted-lists
if [ ! -d "$tl/tl/snapshot-2019-09" ]; then
  echo "tl-snapshot: $tl/tl/snapshot-2019-09 is absent; skipped (it is in ../shared/vectors, not in the project)"
  exit 0
fi
swift build -c release --product trustaudit >/dev/null
lotl="$tl/tl/eu-lotl/eu-lotl-248.xml"
for jobs in 1 $(nproc); do
  python3 - "$runs" "$jobs" .build/release/trustaudit check --quiet --jobs "$jobs" --at 2019-10-01T00:00:00Z \
      --schemas "$tl/xsd" --lotl "$lotl" "$lotl" "$tl"/tl/snapshot-2019-09/*.xml <<'PY'
import resource, statistics, subprocess, sys, time
runs, jobs, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - start)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"LOTL 248 + 28 TLs (jobs={jobs}): " + " ".join(f"{t:.2f}" for t in times)
      + f" s; median {statistics.median(times):.2f} s; peak RSS {rss:.0f} MB")
PY
done
