#!/usr/bin/env bash
# Runs the unchanged trustaudit binary once per shard descriptor "START-END" and prints one
# status line per descriptor: START-END <tab> trustaudit exit code <tab> records (from the shard
# file's trailer; "-" when there is none).
#
#   run-shard.sh < descriptors     (RDD.pipe): always exits 0, so every status line reaches the
#                                  driver, which judges them.
#   run-shard.sh 0-250 250-500 …   (GNU parallel, Kubernetes): exits 2 when a shard failed, so
#                                  runners that retry by exit code see it.
# trustaudit's exit 1 (non-conformities found) is a result, not a failure; 2 is a failure.
#
# Environment: TRUSTAUDIT_BIN, TRUSTAUDIT_SHARD_SIZE, TRUSTAUDIT_SHARD_DIR, TRUSTAUDIT_AT,
# TRUSTAUDIT_INPUTS (one per line), optional TRUSTAUDIT_WORKDIR (cd there first, so that relative
# inputs name the same items and sources as in a single-process run) and TRUSTAUDIT_OPTIONS
# (extra `check` options, one per line, e.g. --jobs and 1).
#
# Each shard is checked into a private folder inside TRUSTAUDIT_SHARD_DIR and then renamed into
# place (rename(2): atomic, same file system), so a retried task or a speculative duplicate never
# replaces a shard file with a half-written one, and a shard whose file is already there is
# skipped (resume: re-submitting a job checks only the shards still missing) and reports exit 0.
set -uo pipefail
: "${TRUSTAUDIT_BIN:?}" "${TRUSTAUDIT_SHARD_SIZE:?}" "${TRUSTAUDIT_SHARD_DIR:?}" "${TRUSTAUDIT_AT:?}" "${TRUSTAUDIT_INPUTS:?}"
if [ -n "${TRUSTAUDIT_WORKDIR:-}" ]; then cd "$TRUSTAUDIT_WORKDIR" || exit 2; fi
mapfile -t inputs <<< "$TRUSTAUDIT_INPUTS"
options=()
[ -n "${TRUSTAUDIT_OPTIONS:-}" ] && mapfile -t options <<< "$TRUSTAUDIT_OPTIONS"
dir=$TRUSTAUDIT_SHARD_DIR
mkdir -p "$dir" || exit 2
failed=0

shard_file() { printf '%s/shard-%012d-%012d.jsonl' "$1" "${2%-*}" "${2#*-}"; }
trailer_count() { tail -n 1 "$1" 2>/dev/null | sed -n 's/^{"trustauditShard":{"count":\([0-9]*\),.*/\1/p'; }

run_one() {
  local desc=$1 final work rc=0 records
  [[ $desc =~ ^[0-9]+-[0-9]+$ ]] || { printf '%s\t2\t-\n' "$desc"; failed=1; return; }
  final=$(shard_file "$dir" "$desc")
  records=$(trailer_count "$final")
  if [ -z "$records" ]; then
    work=$(mktemp -d "$dir/.work-$desc-XXXXXX") || { printf '%s\t2\t-\n' "$desc"; failed=1; return; }
    # Records go to the shard file; stdout is the status channel and stdin may hold descriptors.
    "$TRUSTAUDIT_BIN" check --quiet --at "$TRUSTAUDIT_AT" "${options[@]}" \
      --shard-size "$TRUSTAUDIT_SHARD_SIZE" --shard-dir "$work" --shard "$desc" \
      "${inputs[@]}" </dev/null >/dev/null
    rc=$?
    records=$(trailer_count "$(shard_file "$work" "$desc")")
    if [ -n "$records" ] && ! mv -f "$(shard_file "$work" "$desc")" "$final"; then rc=2 records=; fi
    rm -rf "$work"
  fi
  [ "$rc" -le 1 ] && [ -n "$records" ] || failed=1
  printf '%s\t%s\t%s\n' "$desc" "$rc" "${records:--}"
}

if [ $# -gt 0 ]; then
  for desc in "$@"; do run_one "$desc"; done
  [ "$failed" -eq 0 ] || exit 2
else
  while IFS= read -r desc; do [ -n "$desc" ] && run_one "$desc"; done
fi
exit 0
