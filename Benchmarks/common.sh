# Shared by the benchmark scripts: the release binaries and a measurement helper.
swift build -c release --product trustaudit >/dev/null
(cd Benchmarks && swift build -c release --product trustaudit-floor >/dev/null)
bin=.build/release/trustaudit
floor=Benchmarks/.build/release/trustaudit-floor
measure() {  # command... -> "seconds peak_rss_kb" (wall time and the child's peak RSS)
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
print(f"{time.perf_counter() - start:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}
pkilint_venv() {  # -> the venv holding pkilint (and pyca/cryptography, its dependency) from PyPI,
  # installed once; stays without pkilint when offline, which callers report as "not measured"
  local venv="${TMPDIR:-/tmp}/trustaudit-pkilint-venv"
  if [ ! -x "$venv/bin/lint_crl" ]; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "pkilint==${PKILINT_VERSION:-0.13.3}"; } >&2 || true
  fi
  echo "$venv"
}
