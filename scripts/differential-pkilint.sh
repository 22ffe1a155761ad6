#!/usr/bin/env bash
# Differential run: pkilint's ETSI certificate linter (DigiCert, PyPI `pkilint`) against
# `trustaudit check` on the same certificates; prints a markdown table (see docs/DIFFERENTIAL.md).
#
# usage: scripts/differential-pkilint.sh [--out FILE] [--bench] [--details] [--ignore REGEX] [--keep DIR]
#                                       [--trustaudit BIN] [--at TIME] [FILE...]
#
#   FILE...          certificate files (PEM with one or more blocks, or DER). Default:
#                    TestVectors/certificates/etsi/*.pem and, when present, ../shared/vectors/certs/gen/*.pem
#   --out FILE       also write the markdown report to FILE
#   --bench          also measure throughput (pkilint in one process, trustaudit as a whole run)
#   --bench-only     only measure throughput (no differential table)
#   --details        append pkilint's and TrustAudit's messages for every disagreement
#   --ignore REGEX   pkilint finding code left out of pkilint's verdict (repeatable). Default:
#                    'internal_domain_name$' (our own vectors use the reserved .test TLD, RFC 6761);
#                    --ignore '' ignores nothing
#   --keep DIR       keep pkilint's raw outputs and the trustaudit JSON Lines in DIR
#   --trustaudit BIN the trustaudit binary (default: $TRUSTAUDIT or .build/debug/trustaudit)
#   --at TIME        validation time given to trustaudit (default 2026-06-01T00:00:00Z)
#
# The venv lives in ${TMPDIR:-/tmp}/trustaudit-pkilint-venv and is reused when present.
# pkilint failing on one certificate is recorded in the table and does not stop the run.
set -euo pipefail

PKILINT_VERSION="${PKILINT_VERSION:-0.13.3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

out=""
bench=0
details=0
keep=""
ignore=()
ignore_set=0
at="2026-06-01T00:00:00Z"
trustaudit="${TRUSTAUDIT:-.build/debug/trustaudit}"
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --bench) bench=1; shift ;;
    --bench-only) bench=2; shift ;;
    --details) details=1; shift ;;
    --ignore) ignore_set=1; [ -n "$2" ] && ignore+=("$2"); shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --trustaudit) trustaudit="$2"; shift 2 ;;
    --at) at="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; files+=("$@"); break ;;
    -*) echo "differential-pkilint: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done

[ "$ignore_set" -eq 1 ] || ignore=('internal_domain_name$')

if [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=(TestVectors/certificates/etsi/*.pem)
  files+=(../shared/vectors/certs/gen/*.pem)
  shopt -u nullglob
fi
readable=()
for f in "${files[@]}"; do
  if [ -f "$f" ] && [ -r "$f" ]; then readable+=("$f"); else echo "differential-pkilint: skipping $f (not a readable file)" >&2; fi
done
files=(${readable[@]+"${readable[@]}"})
[ ${#files[@]} -gt 0 ] || { echo "differential-pkilint: no input files" >&2; exit 2; }
[ -x "$trustaudit" ] || { echo "differential-pkilint: $trustaudit not found (build it first)" >&2; exit 2; }

# --- pkilint in a throwaway venv ------------------------------------------------------------
venv="${TMPDIR:-/tmp}/trustaudit-pkilint-venv"
if [ ! -x "$venv/bin/lint_etsi_cert" ] || \
   [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("pkilint"))' 2>/dev/null)" != "$PKILINT_VERSION" ]; then
  echo "differential-pkilint: installing pkilint $PKILINT_VERSION into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pkilint==$PKILINT_VERSION"
fi
py="$venv/bin/python"
lint="$venv/bin/lint_etsi_cert"

if [ -n "$keep" ]; then
  rm -rf "$keep"; mkdir -p "$keep"; work="$(cd "$keep" && pwd)"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/trustaudit-pkilint.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/pk"

# --- pkilint: one process per certificate (PEM blocks are piped in, nothing is copied) ------
if [ "$bench" -ne 2 ]; then
  # manifest.tsv: idx <TAB> file <TAB> block number (1-based, as in trustaudit's source "#n") <TAB> exit code
  n=0
  t0=$(date +%s.%N)
  for f in "${files[@]}"; do
    blocks=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$f" || true)
    if [ "$blocks" -eq 0 ]; then
      # DER or base64: hand the whole file to pkilint's format detection
      n=$((n + 1)); rc=0
      "$lint" lint -d -o -s INFO -f JSON - < "$f" > "$work/pk/$n.json" 2> "$work/pk/$n.err" || rc=$?
      printf '%s\t%s\t%s\t%s\n' "$n" "$f" 1 "$rc" >> "$work/manifest.tsv"
      continue
    fi
    for b in $(seq 1 "$blocks"); do
      n=$((n + 1)); rc=0
      awk -v want="$b" '/-----BEGIN CERTIFICATE-----/{c++} c==want{print} /-----END CERTIFICATE-----/{if(c==want) exit}' "$f" \
        | "$lint" lint -d -o -s INFO -f JSON - > "$work/pk/$n.json" 2> "$work/pk/$n.err" || rc=$?
      printf '%s\t%s\t%s\t%s\n' "$n" "$f" "$b" "$rc" >> "$work/manifest.tsv"
    done
  done
  t1=$(date +%s.%N)

  # --- trustaudit on the same files ----------------------------------------------------------
  rc=0
  "$trustaudit" check --quiet --at "$at" "${files[@]}" > "$work/trustaudit.jsonl" 2> "$work/trustaudit.err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "differential-pkilint: trustaudit exited $rc:" >&2
    cat "$work/trustaudit.err" >&2
    exit "$rc"
  fi

  pkver="$("$py" -c 'import importlib.metadata as m; print(m.version("pkilint"))')"
  taver="$("$trustaudit" --version)"
  tasha="$(sha256sum "$trustaudit" | cut -c1-12)"
  rev="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || rev="$rev+local changes"
  meta=(--pkilint-version "$pkver" --trustaudit-version "$taver, binary sha256 $tasha…, tree $rev" --trustaudit-bin "$trustaudit" --at "$at"
        --cli-seconds "$(echo "$t1 - $t0" | bc -l)")
  args=(compare --manifest "$work/manifest.tsv" --pkilint-dir "$work/pk" --trustaudit "$work/trustaudit.jsonl" "${meta[@]}")
  [ -n "$out" ] && args+=(--out "$out")
  [ "$details" -eq 1 ] && args+=(--details)
  for rx in ${ignore[@]+"${ignore[@]}"}; do args+=(--ignore "$rx"); done
  "$py" "$here/differential_pkilint.py" "${args[@]}"
fi

# --- throughput (optional) -----------------------------------------------------------------
bench_section() {
  echo
  echo "## Throughput"
  echo
  echo "- machine: $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$py" "$here/differential_pkilint.py" bench-pkilint --repeat 3 "${files[@]}"
  # trustaudit: the whole process timed from outside (wall and CPU), best of 5, the set once and x20
  "$py" "$here/differential_pkilint.py" bench-trustaudit --trustaudit "$trustaudit" --at "$at" \
    --repeat 5 --times 20 "${files[@]}"
}
if [ "$bench" -ge 1 ]; then
  if [ -n "$out" ]; then
    [ "$bench" -eq 2 ] && : > "$out"
    bench_section | tee -a "$out"
  else
    bench_section
  fi
fi
