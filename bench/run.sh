#!/usr/bin/env bash
# Handoff benchmark (docs/benchmarks.md). Starts the application jar as child JVMs on loopback
# ports against H2 and the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres; a
# fresh database per run, dropped afterwards), drives them over HTTP and JDBC and writes the report.
#   bench/run.sh            full run (5 repetitions per figure), writes docs/benchmarks.md
#   bench/run.sh --small    tiny sizes, 1 repetition (a few minutes), writes target/bench/benchmarks-small.md
# Sizes and a time budget: see BENCH_OPTS and BENCH_DEADLINE below.
# BENCH_REUSE_JAR=1 skips the build when target/ already holds the jar; BENCH_REPORT=<file> writes
# the report elsewhere (a partial run, e.g. BENCH_OPTS="-Dbench.only=timers").
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/pg-common.sh

small=""
report="${BENCH_REPORT:-docs/benchmarks.md}"
if [ "${1:-}" = "--small" ]; then
  small="--small"
  report="${BENCH_REPORT:-target/bench/benchmarks-small.md}"
fi

jar="$(ls target/handoff-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [ "${BENCH_REUSE_JAR:-0}" != "1" ] || [ -z "$jar" ]; then
  ./mvnw -B -ntp -q -DskipTests -Dlint.skip -Dspotless.check.skip=true package
  jar="$(ls target/handoff-*.jar | grep -v original | head -1)"
fi

pg_ensure_running

# The driver uses the application's own JDBC drivers and connection pool.
libs="target/bench/app"
rm -rf "$libs" && mkdir -p "$libs"
unzip -q -o "$jar" 'BOOT-INF/lib/*' -d "$libs"
work="$(mktemp -d /tmp/handoff-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
opts=()
# BENCH_DEADLINE (a date, e.g. "13:00 UTC"): later steps are skipped, and say so, once it has passed.
[ -n "${BENCH_DEADLINE:-}" ] && opts+=("-Dbench.deadline=$(date -d "$BENCH_DEADLINE" +%s)")
# BENCH_OPTS: sizes, e.g. "-Dbench.timers=2000 -Dbench.timerReps=2 -Dbench.coldReps=3".
java ${BENCH_OPTS:-} "${opts[@]}" -Dbench.libs="$libs/BOOT-INF/lib" -cp "$libs/BOOT-INF/lib/*" bench/Benchmark.java "$jar" "$work" "$report" $small
