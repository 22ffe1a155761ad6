#!/usr/bin/env bash
# Revocation benchmark (issue #18): a CRL of 1 000 000 entries fully checked (en319411-crl-tls,
# signature verified with --issuer) on one core, wall time and peak RSS, beside read + SHA-256
# of the same file and beside pkilint's CRL linter (BR profile) on a 100 000-entry CRL; then OCSP
# responses per second on one core with every response's signature verified.
# Usage: Benchmarks/revocation.sh [ENTRIES] [RESPONSES]   (defaults 1000000, 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-1000000}
responses=${2:-20000}
work=${BENCH_DIR:-bench-out}
mkdir -p "$work"
issuer=TestVectors/certificates/issuing-ca.pem
at=2026-06-01T12:00:00Z
for size in 100000 "$entries"; do
  [ -s "$work/crl-$size.crl" ] || python3 Benchmarks/tools/make_large_crl.py "$size" "$work/crl-$size.crl"
done
python3 -c "import base64,sys; line=base64.b64encode(open(sys.argv[1],'rb').read()).decode(); open(sys.argv[2],'w').write((line+'\n')*int(sys.argv[3]))" \
  TestVectors/revocation/ocsp-ok.ocsp "$work/ocsp-$responses.txt" "$responses"
. Benchmarks/common.sh
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-44s %9s %9s %12s %9s\n' run items seconds items/s "RSS MB"
row() { printf '%-44s %9d %9.2f %12.0f %9.0f\n' "$1" "$2" "$3" "$(python3 -c "print($2/$3)")" "$(($4 / 1024))"; }
for size in 100000 "$entries"; do
  read -r s r < <(measure sha256sum "$work/crl-$size.crl")
  row "floor: sha256sum of the CRL (entries)" "$size" "$s" "$r"
  read -r s r < <(measure "$bin" check --quiet --jobs 1 --at "$at" --profile en319411-crl-tls --issuer "$issuer" "$work/crl-$size.crl")
  row "trustaudit check CRL (entries), 1 job" "$size" "$s" "$r"
done
"$bin" check --quiet --jobs 1 --at "$at" --profile en319411-crl-tls --issuer "$issuer" "$work/crl-$entries.crl" \
  | python3 -c "import json,sys; r=json.load(sys.stdin); print('  verdict', r['verdict'], r['failed'], 'checks', len(r['checks']))"
read -r s r < <(measure "$bin" check --quiet --jobs 1 --at "$at" --issuer "$issuer" "$work/ocsp-$responses.txt")
row "trustaudit check OCSP responses, 1 job" "$responses" "$s" "$r"
read -r s r < <(measure "$bin" check --quiet --jobs "$(nproc)" --at "$at" --issuer "$issuer" "$work/ocsp-$responses.txt")
row "trustaudit check OCSP responses, $(nproc) jobs" "$responses" "$s" "$r"
if [ "${SKIP_PKILINT:-0}" != 1 ]; then
  venv=$(pkilint_venv)
  if [ -x "$venv/bin/lint_crl" ]; then
    read -r s r < <(measure "$venv/bin/lint_crl" lint -t CRL -p BR "$work/crl-100000.crl")
    row "pkilint lint_crl -p BR (entries)" 100000 "$s" "$r"
  else
    echo "pkilint: not measured (install failed or offline)"
  fi
fi
