#!/usr/bin/env bash
# Benchmarks the whole flow on this machine and prints the figures (also written as JSON).
#
#   ./bench.sh                                 start a fresh system, measure the broker, then 60 s closed-loop
#   ./bench.sh --rate 500                      open-loop at 500 orders/s (latency from the intended send time)
#   ./bench.sh --clients 128 --duration 60     closed-loop with 128 concurrent clients
#   ./bench.sh --url http://localhost:3000     use a system that is already running (./run.sh)
#   ./bench.sh --with-webhooks                 also run the webhook publisher and the edge functions, with the
#                                              logger and the notifier subscribed, and measure webhook latency
#   ./bench.sh --cold --clients 32             no warm-up: the load from the first second after health, CPU per
#                                              order in 10 s windows for 90 s (--cold-seconds), then steady state
#
# Warm-up is always closed-loop (--warmup-clients N, 32): a cold JVM regulates its load instead of drowning.
# Then the measured load itself runs, unmeasured, for at least --settle S (20) and until the services' JIT
# compilers use less than --settle-jit P % of one core together (20), at most --settle-max S (120); 0 skips it.
# Other options: --warmup S (10), --drain S (30), --orders N, --products N (50), --max-quantity N (3),
# --perftest-seconds S (15; 0 skips the broker measurement), --json FILE (.run/bench/result-<time>.json),
# --api-key KEY (the client that places the orders: BENCH_API_KEY, else ./run.sh's demo key), --admin-key KEY
# (creates the products: ADMIN_API_KEY, else dev-admin-key).
# The system under test gets the same JVM options as ./run.sh unless BENCH_JAVA_OPTS is set; BENCH_LOADGEN_OPTS
# adds JVM options to the load generator (a profiler agent, say).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh
use_jdk

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,21p' "$0"
  exit 0
fi

args=()
with_webhooks=false
cold=false
for a in "$@"; do
  case "$a" in
    --with-webhooks) with_webhooks=true ;;
    --cold) cold=true ;;
    *) args+=("$a") ;;
  esac
done
set -- "${args[@]}"
own_system=true
for a in "$@"; do
  [[ "$a" == "--url" ]] && own_system=false
done
has_json=false
for a in "$@"; do
  [[ "$a" == "--json" ]] && has_json=true
done
mkdir -p .run/bench
$has_json || args+=(--json ".run/bench/result-$(date +%Y%m%d-%H%M%S).json")
if $cold; then
  has_cold_seconds=false
  for a in "$@"; do [[ "$a" == "--cold-seconds" ]] && has_cold_seconds=true; done
  $has_cold_seconds || args+=(--cold-seconds 90)
fi

bench_jar=$(ls bench/target/bench-*.jar 2>/dev/null | head -1 || true)
if [[ -z "$bench_jar" || ! -d bench/target/lib || -n "$(find bench/src -newer "$bench_jar" -print -quit)" ]]; then
  echo "Building the load generator…"
  mvn -B -q -ntp package -DskipTests -pl bench -am >.run/bench/build.log 2>&1 ||
    { tail -n 30 .run/bench/build.log >&2; exit 1; }
fi

run_pid=""
cleanup() {
  if [[ -n "$run_pid" ]]; then
    kill "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if $own_system; then
  if port_open localhost 3000; then
    echo "error: something already listens on :3000; stop it, or pass --url http://localhost:3000 to use it" >&2
    exit 1
  fi
  echo "Starting a fresh system (logs in .run/bench/logs)…"
  rm -rf .run/bench/data .run/bench/run.log .run/bench/logs
  # a private virtual host: nothing queued by earlier runs (a durable webhook queue keeps every event) gets in
  rabbitmqctl -q delete_vhost bench >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost bench >/dev/null
  rabbitmqctl -q set_permissions -p bench guest '.*' '.*' '.*' >/dev/null
  export RABBITMQ_VHOST=bench
  args+=(--amqp "amqp://guest:guest@localhost:5672/bench")
  run_args=(--core)
  if $with_webhooks; then
    run_args=()
    # fresh schemas, so the run subscribes the functions again and the logger holds only this run's events
    for schema in bench_webhooks bench_edge; do
      psql -h localhost -U postgres -d postgres -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
    done
    export WEBHOOK_DB_URL="jdbc:postgresql://localhost:5432/postgres?currentSchema=bench_webhooks"
    export EDGE_DB_URL="jdbc:postgresql://localhost:5432/postgres?currentSchema=bench_edge"
    args+=(--edge-db "jdbc:postgresql://localhost:5432/postgres?currentSchema=bench_edge")
  fi
  RUN_DIR=.run/bench PRODUCTS_DEMO_CATALOGUE=false JAVA_OPTS="${BENCH_JAVA_OPTS:-${JAVA_OPTS:-}}" \
    ./run.sh "${run_args[@]}" >.run/bench/run.log 2>&1 &
  run_pid=$!
  wait_for "the system" 600 grep -q "All services healthy" .run/bench/run.log ||
    { cat .run/bench/run.log >&2; exit 1; }
  # start-up: run.sh's launch-to-healthy for all, and each JVM's uptime when Spring Boot said it had started
  startup="all:$(sed -n 's/^All services healthy in \([0-9]*\) s.*/\1/p' .run/bench/run.log)"
  for log in .run/bench/logs/*.log; do
    [[ "$(basename "$log")" == training-* ]] && continue
    up=$(grep -o 'process running for [0-9.]*' "$log" 2>/dev/null | tail -1 | awk '{print $4}' || true)
    if [[ -n "$up" ]]; then startup+=",$(basename "$log" .log):$up"; fi
  done
  args+=(--startup "$startup" --services-dir "$(pwd -P)")
fi

java -Xmx1g ${BENCH_LOADGEN_OPTS:-} -cp "$(ls bench/target/bench-*.jar | head -1):bench/target/lib/*" dev.orders.bench.Bench "${args[@]}"
