#!/usr/bin/env bash
# mpac-pgw benchmark: pgbench (TPC-B-like, 8 clients, 20 s) on a PostgreSQL, then mpac-pgw on the same PostgreSQL
# driven at fixed arrival rates with real HMAC signing and idempotency keys; prints throughput, latency percentiles
# and the ratio of intents created per second to pgbench's transactions per second.
#
#   tools/pgw-benchmark.sh            # PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres)
#
# Needs psql and pgbench (Debian: postgresql-client; pgbench is in postgresql-contrib or the server package),
# a JDK 22 or newer (the load generator is a multi-file source program), and the gateway jar (built if missing).
# It creates and drops the database mpac_bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB=mpac_bench
PORT="${BENCH_PORT:-18083}"
SECONDS_PER_RUN="${BENCH_SECONDS:-20}"

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
    JAVA_HOME="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)"
fi
JAVA="$JAVA_HOME/bin/java"
[[ -f mpac-pgw/target/mpac-pgw.jar ]] || JAVA_HOME="$JAVA_HOME" ./mvnw -q -pl mpac-pgw -am -DskipTests package

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

echo "== pgbench: TPC-B-like, scale 10, 8 clients, 2 threads, 20 s"
pgbench -q -i -s 10 "$DB" >/dev/null 2>&1
PGBENCH_TPS="$(pgbench -c 8 -j 2 -T 20 "$DB" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1)"
echo "pgbench: $PGBENCH_TPS tps"

rand() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c "$1"; }
PORTAL_SECRET="$(rand 40)"
MERCHANT_SECRET="mps_$(rand 40)"
MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
LOG="$(mktemp -t mpac-pgw-bench.XXXXXX.log)"

echo "== starting mpac-pgw on :$PORT (log $LOG)"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" MPAC_DB_POOL_SIZE=16 SERVER_PORT="$PORT" \
    MPAC_PLATFORM_KEYS="svc-portal:pk_bench_portal:$PORTAL_SECRET" MPAC_MASTER_KEY="$MASTER_KEY" \
    MPAC_SANDBOX_ENABLED=true LOGGING_LEVEL_ROOT=WARN \
    "$JAVA" -Xms1g -Xmx1g -jar mpac-pgw/target/mpac-pgw.jar >"$LOG" 2>&1 &
GATEWAY=$!
trap 'kill $GATEWAY 2>/dev/null || true; wait $GATEWAY 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null

MERCHANT="m_bench_$(rand 8)"
KEY_ID="mpk_bench_$(rand 12)"
MPAC_KEY_ID=pk_bench_portal MPAC_KEY_SECRET="$PORTAL_SECRET" "$JAVA" tools/S2s.java POST \
    "http://127.0.0.1:$PORT/v1/sync/merchants" "{\"merchant_id\":\"$MERCHANT\",\"version\":1,\"psp_id\":\"psp_bench\",
    \"name\":\"Bench\",\"status\":\"ACTIVE\",\"providers\":[],\"stores\":[],\"api_keys\":[{\"key_id\":\"$KEY_ID\",
    \"secrets\":[\"$MERCHANT_SECRET\"],\"status\":\"ACTIVE\"}],\"webhook_endpoints\":[],\"api_users\":[]}" >/dev/null

bench() {
    "$JAVA" tools/PgwBenchmark.java --url "http://127.0.0.1:$PORT" --key-id "$KEY_ID" --secret "$MERCHANT_SECRET" "$@"
}

echo "== warm-up (JIT): 20 s of create, confirm, capture"
bench --flow pay --rate 100 --seconds 20 --warmup-seconds 0 --label warm-up >/dev/null

echo "== create, 32 clients back to back: the most intents per second the gateway completes"
OUT="$(bench --flow create --concurrency 32 --seconds "$SECONDS_PER_RUN" --label create-max)"
echo "$OUT"
CREATED="$(echo "$OUT" | sed -n 's/.* = \([0-9]*\)\/s; errors.*/\1/p' | head -1)"
HALF_PGBENCH="$(awk -v t="$PGBENCH_TPS" 'BEGIN { printf "%d", t / 2 }')"
HALF_CREATED="$(awk -v c="$CREATED" 'BEGIN { printf "%d", c / 2 }')"
echo "== create at half pgbench's rate ($HALF_PGBENCH/s): latency"
bench --flow create --rate "$HALF_PGBENCH" --seconds "$SECONDS_PER_RUN" --label create-half-pgbench
echo "== create at half the gateway's own maximum ($HALF_CREATED/s): latency"
bench --flow create --rate "$HALF_CREATED" --seconds "$SECONDS_PER_RUN" --label create-half-max
echo "== create, confirm (SANDBOX), capture at a quarter of the gateway's maximum"
bench --flow pay --rate "$(awk -v c="$CREATED" 'BEGIN { printf "%d", c / 4 }')" --seconds "$SECONDS_PER_RUN" \
    --label create-confirm-capture
awk -v c="$CREATED" -v t="$PGBENCH_TPS" 'BEGIN { printf "ratio: %d intents/s / %.0f pgbench tps = %.2f\n", c, t, c / t }'
