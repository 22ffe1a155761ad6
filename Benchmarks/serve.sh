#!/usr/bin/env bash
# Server benchmark (issue #16): `trustaudit serve` under wrk on loopback, one ETSI-shaped
# certificate per request (full profile, signature verified with --issuer), records as JSON Lines.
#   - checks/s and p50/p99 latency at 1, 16 and 64 connections (DURATION seconds each);
#   - resident memory of the server after warm-up and after every further round, up to
#     REQUESTS requests in all (flat means no growth after warm-up);
#   - pkilint's REST service (PyPI pkilint[rest], uvicorn) with the same certificate and the
#     same wrk settings, when it installs (SKIP_PKILINT=1 leaves it out).
# Usage: Benchmarks/serve.sh [DURATION] [REQUESTS]   (defaults 15, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
requests=${2:-1000000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
at=2026-06-01T12:00:00Z
issuer=TestVectors/certificates/issuing-ca.pem
. Benchmarks/inputs.sh
folder=$(bulk_certificates 100)
cert="$folder/cert-000000.der"
. Benchmarks/common.sh
command -v wrk >/dev/null || { echo "serve bench: wrk missing (apt-get install -y wrk)" >&2; exit 2; }
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
local f = io.open("$cert", "rb")
wrk.body = f:read("*a")
f:close()
LUA

"$bin" serve --port 0 --at "$at" --issuer "$issuer" --max-concurrent 256 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$work/serve.log"); [ -n "$url" ] && break; sleep 0.2
done
curl -s --data-binary @"$cert" "$url/v1/check?name=$(basename "$cert")" \
  | python3 -c "import json,sys; r=json.loads(sys.stdin.readline()); print('certificate:', r['type'], r['profile'], r['verdict'], len(r['checks']), 'checks')"
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ); wrk and the server share them"

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
# wrk DURATION CONNECTIONS URL -> "requests rate p50 p99 non2xx"
load() {
  wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${1}s" --latency -s "$work/post.lua" "$3" 2>&1 | python3 -c '
import re, sys
out = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
total = int(re.search(r"(\d+) requests in", out).group(1))
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: (.*)", out)
print(total, rate, ms("50%"), ms("99%"), int(bad.group(1)) if bad else 0, "|", errors.group(1) if errors else "none")'
}
printf '%-34s %6s %10s %9s %9s %8s\n' run conns checks/s "p50 ms" "p99 ms" non-2xx
for connections in 1 16 64; do
  read -r total rate p50 p99 bad _ < <(load "$duration" "$connections" "$url/v1/check")
  printf '%-34s %6d %10.0f %9.2f %9.2f %8d\n' "trustaudit serve" "$connections" "$rate" "$p50" "$p99" "$bad"
done
# Memory: warm up with the first fifth of the requests, then every round must stay at that level.
warmup=$((requests / 5))
done_requests=0
round() {  # one 30-second round at 16 connections; prints a line and adds to done_requests
  read -r total rate p50 p99 bad _ < <(load 30 16 "$url/v1/check")
  done_requests=$((done_requests + total))
  printf '  %9d requests  %6.0f/s  p99 %6.2f ms  non-2xx %d  RSS %d MB\n' "$done_requests" "$rate" "$p99" "$bad" "$(rss "$server")"
}
echo "memory: warm-up to $warmup requests, then to $requests (16 connections, 30 s rounds):"
while [ "$done_requests" -lt "$warmup" ]; do round; done
warm=$(rss "$server")
while [ "$done_requests" -lt "$requests" ]; do round; done
echo "RSS after warm-up $warm MB, after $done_requests requests $(rss "$server") MB"
kill "$server"; wait "$server" 2>/dev/null || true

# pkilint's REST service (FastAPI under uvicorn, 2 workers: one per core), same certificate.
if [ "${SKIP_PKILINT:-0}" != 1 ]; then
  venv="${TMPDIR:-/tmp}/trustaudit-pkilint-rest-venv"
  if [ ! -x "$venv/bin/uvicorn" ]; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "pkilint[rest]==${PKILINT_VERSION:-0.13.3}" uvicorn; } >&2 || true
  fi
  if [ -x "$venv/bin/uvicorn" ]; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$venv/bin/uvicorn" pkilint.rest:app --host 127.0.0.1 --port "$port" --workers 2 --log-level warning 2>"$work/pkilint-rest.log" &
    pk=$!
    trap 'kill $pk 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/version" >/dev/null 2>&1 && break; sleep 0.3; done
    b64=$(base64 -w0 "$cert")
    cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"b64":"$b64"}'
LUA
    curl -s -H 'Content-Type: application/json' -d "{\"b64\":\"$b64\"}" "http://127.0.0.1:$port/certificate/etsi" \
      | python3 -c "import json,sys; r=json.load(sys.stdin); print('pkilint REST: linter', r.get('linter',{}).get('name'), '-', len(r.get('results',[])), 'validator results')"
    for connections in 1 16 64; do
      read -r total rate p50 p99 bad _ < <(load "$duration" "$connections" "http://127.0.0.1:$port/certificate/etsi")
      printf '%-34s %6d %10.0f %9.2f %9.2f %8d\n' "pkilint REST (uvicorn, 2 workers)" "$connections" "$rate" "$p50" "$p99" "$bad"
    done
    kill "$pk"; wait "$pk" 2>/dev/null || true
  else
    echo "pkilint REST: not installed (PyPI unreachable?); left out"
  fi
fi
