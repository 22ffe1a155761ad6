#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of every entry point; see
# Sources/trustaudit-fuzz/FuzzHarness.swift for the targets and docs/ROBUSTNESS.md for results.
# Usage: scripts/fuzz.sh [SECONDS per target] [TARGET...]   (default 60, every target)
# Corpora grow in .cache/fuzz/<target> (kept between runs); crashes land in
# .cache/fuzz/crashes/<target>/ and make the script exit 1, with the reproducer command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(certificate timestamp trustedlist revocation container shard manifest profile)
swift build -c release --product trustaudit-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
fuzzer=.build-fuzz/release/trustaudit-fuzz
cache=.cache/fuzz
seeds_of() {
  case "$1" in
    certificate) echo TestVectors/certificates TestVectors/certificates/etsi ;;
    timestamp) echo TestVectors/timestamps ;;
    trustedlist) echo TestVectors/trusted-lists ;;
    revocation) echo TestVectors/revocation ;;
    container) python3 scripts/fuzz-seeds.py "$cache/seeds/container" && echo "$cache/seeds/container" TestVectors/certificates ;;
    shard) echo Fuzz/seeds/shard ;;
    manifest) echo Fuzz/seeds/manifest ;;
    profile) echo Profiles Profiles/catalogue ;;
  esac
}
status=0
for target in "${targets[@]}"; do
  corpus="$cache/$target"
  crashes="$cache/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  log="$cache/$target.log"
  # Leak reports are off: the Swift runtime keeps metadata caches for the process's life.
  set +e
  TRUSTAUDIT_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=3072 -malloc_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" $(seeds_of "$target") >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  features=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-12s %6ss  %10s executions  cov %6s  ft %6s  corpus %6s  crash files %s\n' \
    "$target" "$seconds" "${runs:-?}" "${cov:-?}" "${features:-?}" "$(find "$corpus" -type f | wc -l)" "$found"
  if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
    status=1
    echo "fuzz: $target found a crash (exit $rc); reproduce with:" >&2
    for file in "$crashes"/*; do
      [ -e "$file" ] && echo "  swift build --product trustaudit-fuzz && TRUSTAUDIT_FUZZ_TARGET=$target .build/debug/trustaudit-fuzz $file" >&2
    done
    tail -30 "$log" >&2
  fi
done
exit $status
