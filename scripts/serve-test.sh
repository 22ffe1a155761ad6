#!/usr/bin/env bash
# Tests `trustaudit serve` as a client sees it, on a live socket (part of `make test`):
#   1. the web form in Debian's Chromium: upload a certificate, read the verdict the report
#      page renders (scripts/page-upload-check.py, DevTools protocol over a pipe);
#   2. the OpenAPI contract: schemathesis (PyPI, in .cache/schemathesis-venv) sends generated
#      requests to every operation and checks status codes, content types, headers and schemas
#      against Sources/AuditServer/Resources/openapi.yaml, and that nothing answers 5xx;
#   3. slow, oversized, malformed and concurrent requests (scripts/serve-stress.py): 408, 413,
#      400, 503 with Retry-After where due, no other 5xx, no lost answer.
# Exit codes: 0 pass, 1 a check failed, 2 setup failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bin="$(swift build --show-bin-path)/trustaudit"
[ -x "$bin" ] || swift build --product trustaudit
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin" serve --port 0 --at 2026-06-01T12:00:00Z --issuer TestVectors/certificates/issuing-ca.pem \
    --max-body 1048576 --request-deadline 4 --max-concurrent 4 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
    url=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$work/serve.log")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { echo "serve-test: the server did not start:"; cat "$work/serve.log"; exit 2; }
    sleep 0.2
done
[ -n "$url" ] || { echo "serve-test: no 'listening on' line in 20 s"; exit 2; }
echo "serve-test: server at $url"

# 1. The page: a major non-conformity must be rendered as such, with the file's name.
vector=TestVectors/certificates/bc-ca-false-encoded.der
if ! python3 scripts/page-upload-check.py "$url/" "$vector" --timeout 120 >"$work/page.json"; then
    echo "serve-test: FAIL: the page check did not complete"; exit 1
fi
python3 - "$work/page.json" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
problems = []
if page.get("rendered") != "ok":
    problems.append(f"report page rendered {page.get('rendered')!r}, not 'ok'")
text = page.get("text", "")
for expected in ("bc-ca-false-encoded.der", "Major non-conformity", "CERT-300"):
    if expected not in text:
        problems.append(f"the rendered page does not show {expected!r}")
# Chromium asks every server for /favicon.ico; anything else logged is a defect.
errors = [e for e in page.get("errors", []) if "favicon.ico" not in (e.get("url") or "")]
problems += [f"browser error: {e}" for e in errors]
if problems:
    print("serve-test: FAIL (page):\n  " + "\n  ".join(problems)); sys.exit(1)
print("serve-test: page OK: uploaded a certificate, the report shows its major non-conformity")
PY

# 2. The OpenAPI contract (schemathesis from PyPI, pinned, installed once into .cache/).
venv=.cache/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    echo "serve-test: installing schemathesis ${SCHEMATHESIS_VERSION:=4.32.5} into $venv" >&2
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
        || { echo "serve-test: cannot install schemathesis from PyPI"; exit 2; }
fi
# Every check but positive_data_acceptance: a schema-valid but unknown profile name is rightly a 400.
checks=not_a_server_error,unsupported_method,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
# Bounded: 40 generated cases per operation, one seed, and a hard wall-clock limit.
if ! timeout 600 "$venv/bin/schemathesis" run "$url/openapi.yaml" --url "$url" --checks "$checks" --max-examples 40 \
        --request-timeout 20 --seed 1 --no-color --output-truncate true >"$work/schemathesis.log" 2>&1; then
    tail -n 80 "$work/schemathesis.log"
    echo "serve-test: FAIL: the server does not keep its OpenAPI contract (log above)"; exit 1
fi
grep -E "generated|No issues" "$work/schemathesis.log" | tail -n 2 | sed 's/^/serve-test: contract: /'

# 3. Slow, oversized, malformed and concurrent requests: no 5xx but 503, no lost answer.
python3 scripts/serve-stress.py "$url" "$vector" 4 4 || exit 1
echo "serve-test: OK"
