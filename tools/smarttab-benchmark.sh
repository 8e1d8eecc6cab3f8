#!/usr/bin/env bash
# svc-smarttab benchmark: JWT-authenticated POST /orders at fixed arrival rates (and, closed-loop, at its maximum)
# against svc-smarttab on a PostgreSQL; prints throughput and p50/p95/p99 latency.
#
#   tools/smarttab-benchmark.sh       # PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres)
#
# Needs psql, a JDK 22 or newer and the service jar (built if missing). tools/SmartTabBenchmark.java plays the
# portal (JWKS and an ES256 device token), so no other service is needed. Creates and drops mpac_smarttab_bench.
# BENCH_RATES (default 50,100,200), BENCH_SECONDS (20), BENCH_CONCURRENCY (16) tune the runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB=mpac_smarttab_bench
PORT="${BENCH_PORT:-18082}"
JWKS_PORT="${BENCH_JWKS_PORT:-18181}"

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
    JAVA_HOME="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)"
fi
JAVA="$JAVA_HOME/bin/java"
[[ -f svc-smarttab/target/svc-smarttab.jar ]] || JAVA_HOME="$JAVA_HOME" ./mvnw -q -pl svc-smarttab -am -DskipTests package

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
LOG="$(mktemp -t mpac-smarttab-bench.XXXXXX.log)"
echo "== starting svc-smarttab on :$PORT (log $LOG)"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" MPAC_DB_POOL_SIZE=16 SERVER_PORT="$PORT" \
    MPAC_PORTAL_URL="http://127.0.0.1:$JWKS_PORT" MPAC_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" \
    MPAC_PLATFORM_KEYS="svc-smarttab:pk_bench_smarttab:$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" \
    LOGGING_LEVEL_ROOT=WARN "$JAVA" -Xms1g -Xmx1g -jar svc-smarttab/target/svc-smarttab.jar >"$LOG" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true; psql -q -d postgres -c "DROP DATABASE IF EXISTS '"$DB"'" || true' EXIT

"$JAVA" tools/SmartTabBenchmark.java --url "http://127.0.0.1:$PORT" --jwks-port "$JWKS_PORT" \
    --rates "${BENCH_RATES:-50,100,200}" --seconds "${BENCH_SECONDS:-20}" --concurrency "${BENCH_CONCURRENCY:-16}"
