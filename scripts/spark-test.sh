#!/usr/bin/env bash
# `make spark-test`: runs the unchanged trustaudit binary on Apache Spark (local mode) through
# the JVM-side RDD.pipe driver in examples/spark/, over generated data, and checks that the
# merged shards equal the single-process run byte for byte. Prints PASS or FAIL.
#
# Installs what is missing: a JDK from Debian (default-jdk-headless) only if javac is absent;
# PySpark from PyPI (for the Spark jars and spark-submit it ships) into .cache/spark-venv, kept
# for the next run. Work files go to spark-out/.
#
#   TRUSTAUDIT_BIN=.build/debug/trustaudit SKIP_BUILD=1 scripts/spark-test.sh   # no swift build
# Knobs: SPARK_TEST_LINES (2000 generated items), SPARK_TEST_SHARD (250), SPARK_TEST_PARTITIONS (4),
# SPARK_MASTER (local[2]).
set -euo pipefail
cd "$(dirname "$0")/.."

PYSPARK_VERSION=4.3.0
BIN=${TRUSTAUDIT_BIN:-.build/release/trustaudit}
VENV=.cache/spark-venv
OUT=spark-out
AT=2026-06-01T12:00:00Z
LINES=${SPARK_TEST_LINES:-2000}
SHARD=${SPARK_TEST_SHARD:-250}
PARTITIONS=${SPARK_TEST_PARTITIONS:-4}
MASTER=${SPARK_MASTER:-local[2]}
t0=$SECONDS
step() { echo "spark-test: [$((SECONDS - t0)) s] $*"; }
fail() { echo "spark-test: FAIL: $*" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "swift build -c release --product trustaudit"
  swift build -c release --product trustaudit
fi
[ -x "$BIN" ] || fail "no binary at $BIN"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  step "installing $* (Debian)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v javac >/dev/null 2>&1 && command -v jar >/dev/null 2>&1 || apt_install default-jdk-headless

if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; rm -rf "$VENV"; /usr/bin/python3 -m venv "$VENV"; }
  step "pip install pyspark==$PYSPARK_VERSION into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
# The wheel is a Spark distribution: jars/ and bin/spark-submit (SPARK_HOME set, so that its
# launcher does not look for pyspark with whatever python3 comes first on PATH).
export SPARK_HOME
SPARK_HOME=$("$VENV/bin/python" -c "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
JARS=$SPARK_HOME/jars

rm -rf "$OUT" && mkdir -p "$OUT/classes" "$OUT/data"
step "compiling examples/spark/TrustAuditPipe.java against $JARS"
javac --release 17 -cp "$JARS/*" -d "$OUT/classes" examples/spark/TrustAuditPipe.java
jar cf "$OUT/trustaudit-pipe.jar" -C "$OUT/classes" .

# Generated data: LINES copies of a test certificate as base64 lines, plus the certificate vectors.
b64=$(grep -v -- '-----' TestVectors/certificates/etsi/qcp-n-qscd__ok.pem | tr -d '\n')
awk -v line="$b64" -v n="$LINES" 'BEGIN { for (i = 0; i < n; i++) print line }' > "$OUT/data/generated.b64"
INPUTS=("$OUT/data" TestVectors/certificates)

step "single-process run"
rc=0; "$BIN" check --quiet --at "$AT" "${INPUTS[@]}" > "$OUT/single.jsonl" || rc=$?
[ "$rc" -le 1 ] || fail "single-process trustaudit check exited $rc"
ITEMS=$(wc -l < "$OUT/single.jsonl")
[ "$ITEMS" -gt "$LINES" ] || fail "single-process run gave $ITEMS records"

step "Spark ($MASTER): $ITEMS items, shards of $SHARD, $PARTITIONS partitions (Spark's log: $OUT/spark.log)"
rc=0
TRUSTAUDIT_BIN=$(realpath "$BIN") TRUSTAUDIT_SHARD_DIR=$(realpath "$OUT")/shards TRUSTAUDIT_AT=$AT \
TRUSTAUDIT_INPUTS=$(printf '%s\n' "${INPUTS[@]}") TRUSTAUDIT_OPTIONS=$'--jobs\n1' \
TRUSTAUDIT_SCRIPT=examples/spark/run-shard.sh \
  "$SPARK_HOME/bin/spark-submit" --master "$MASTER" --class TrustAuditPipe "$OUT/trustaudit-pipe.jar" \
  "$ITEMS" "$SHARD" "$PARTITIONS" > "$OUT/spark.out" 2> "$OUT/spark.log" || rc=$?
cat "$OUT/spark.out"
[ "$rc" -eq 0 ] || { tail -n 30 "$OUT/spark.log" >&2; fail "the Spark job exited $rc"; }

step "trustaudit merge"
"$BIN" merge --expect-items "$ITEMS" --out "$OUT/merged.jsonl" "$OUT/shards" || fail "merge failed"
if cmp "$OUT/single.jsonl" "$OUT/merged.jsonl"; then
  step "PASS: merged Spark shards ($(ls "$OUT/shards" | wc -l) files) equal the single-process run ($ITEMS records)"
else
  fail "merged Spark shards differ from the single-process run"
fi
