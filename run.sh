#!/usr/bin/env bash
# Starts the whole system on this machine: builds it if needed, checks RabbitMQ, Redis and PostgreSQL, starts
# every service, waits for their health, subscribes the edge functions to the webhook publisher on first run,
# prints the URLs and a curl example, and stops everything on Ctrl-C.
#
#   ./run.sh                 one instance of each service, SQLite files under .run/data
#   ./run.sh --instances 2   two instances of gateway, orders-service and products-service on PostgreSQL
#   ./run.sh --postgres      one instance of each, orders and products on PostgreSQL
#   ./run.sh --rebuild       rebuild first even if the jars look up to date
#   ./run.sh --core          only the gateway, orders-service and products-service (no PostgreSQL needed)
#   ./run.sh --docker        the whole system in containers instead (compose.yaml; scripts/compose-up.sh)
#   ./run.sh --observability also a Zipkin server on ZIPKIN_PORT (9411), every span of every service sent to it
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

usage() {
  cat <<'USAGE'
Usage: ./run.sh [--core] [--postgres] [--instances N] [--rebuild] [--observability]
       ./run.sh --docker [--instances N] [--local-images] [--rebuild]

Builds the system if needed, checks RabbitMQ, Redis and PostgreSQL, starts every service, waits for their health,
subscribes the edge functions to the webhook publisher on first run and prints the URLs. Ctrl-C stops everything.

  --core          only the gateway, orders-service and products-service (no PostgreSQL needed)
  --postgres      orders-service and products-service on PostgreSQL instead of SQLite files
  --instances N   N instances of the gateway, orders-service and products-service (N > 1 implies --postgres)
  --rebuild       rebuild first even if the jars look up to date
  --observability also start Zipkin (io.zipkin:zipkin-server, fetched into .tools/ once) on ZIPKIN_PORT (9411) and
                  send it every span (TRACING_SAMPLING_PROBABILITY=1.0); docs/observability.md
  --docker        run compose.yaml instead (RabbitMQ, Redis, PostgreSQL, nginx and the services in containers, in
                  the background): builds the images, starts them, waits for health, prints the URLs
  --local-images  with --docker: stand-ins built here for the public images (scripts/local-images.sh)
  -h, --help      this text

Needs JDK 25 (the default JAVA_OPTS use its AOT cache and compact object headers). Logs: .run/logs, data: .run/data.
The first start after a build records each service's AOT cache in a short training run (AOT_TRAINING=load, the
default; startup: from a start only; off: none); delete .run/app to record them again.
USAGE
}

instances=1
postgres=false
rebuild=false
core=false
docker=false
local_images=false
observability=false
while (($#)); do
  case "$1" in
    --instances) instances=${2:?--instances needs a number}; shift 2 ;;
    --postgres) postgres=true; shift ;;
    --rebuild) rebuild=true; shift ;;
    --core) core=true; shift ;;
    --docker) docker=true; shift ;;
    --local-images) local_images=true; shift ;;
    --observability) observability=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
if $docker; then
  exec scripts/compose-up.sh --instances "$instances" $($local_images && echo --local-images) $($rebuild && echo --rebuild)
fi
if ((instances > 1)); then
  postgres=true # a SQLite file belongs to one process
fi

use_jdk 25 # JAVA_OPTS below and the AOT cache need it; the build itself compiles for release 21
RUN_DIR=${RUN_DIR:-.run}
LOG_DIR=$RUN_DIR/logs
DATA_DIR=$RUN_DIR/data
mkdir -p "$LOG_DIR" "$DATA_DIR"

RABBITMQ_HOST=${RABBITMQ_HOST:-localhost}
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
REDIS_HOST=${REDIS_HOST:-localhost}
REDIS_PORT=${REDIS_PORT:-6379}
PG_HOST=${PG_HOST:-localhost}
PG_PORT=${PG_PORT:-5432}
PG_DATABASE=${PG_DATABASE:-postgres}
# a development machine: the services accept the secrets published in this repository, and say so in their logs
export PLATFORM_PROFILE=${PLATFORM_PROFILE:-dev}
export ADMIN_API_KEY=${ADMIN_API_KEY:-dev-admin-key}
# the client of the README's walk-through, unless API_KEYS names others
DEMO_API_KEY=dev-demo-shop-key
export API_KEYS=${API_KEYS:-demo-shop:$DEMO_API_KEY:orders.read,orders.write,orders.notify}
[[ "$API_KEYS" == *":$DEMO_API_KEY:"* ]] || DEMO_API_KEY=""
# ParallelGC and compact object headers measured ~20 % more orders/s than SerialGC here (docs/benchmarks.md)
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -XX:+UseCompactObjectHeaders -Xmx384m -Xss512k -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED}

# --- what must already be running -----------------------------------------------------------------------------
missing=()
port_open "$RABBITMQ_HOST" "$RABBITMQ_PORT" ||
  missing+=("RabbitMQ at $RABBITMQ_HOST:$RABBITMQ_PORT — start it with: rabbitmq-server -detached")
port_open "$REDIS_HOST" "$REDIS_PORT" ||
  missing+=("Redis at $REDIS_HOST:$REDIS_PORT — start it with: redis-server --daemonize yes --port $REDIS_PORT")
if $postgres || ! $core; then
  port_open "$PG_HOST" "$PG_PORT" ||
    missing+=("PostgreSQL at $PG_HOST:$PG_PORT — start it with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start")
fi
if ((${#missing[@]})); then
  echo "Cannot start: these are not running:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

# --- build when needed ------------------------------------------------------------------------------------------
SERVICES=(products-service orders-service api-gateway)
$core || SERVICES+=(webhook-publisher edge-functions)
version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
jar_of() { echo "$1/target/$1-$version-exec.jar"; }
needs_build=$rebuild
# bench: its load generator trains the AOT caches
[[ -d bench/target/lib && -n "$(ls bench/target/bench-*.jar 2>/dev/null)" ]] || needs_build=true
for service in "${SERVICES[@]}"; do
  jar=$(jar_of "$service")
  if [[ ! -f "$jar" ]] || [[ -n "$(find contracts platform "$service" -path '*/src/main/*' -newer "$jar" -print -quit)" ]]; then
    needs_build=true
  fi
done
if $needs_build; then
  echo "Building (mvn package, tests skipped; ./test.sh runs them)…"
  mvn -B -q -ntp package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}"),bench" -am >"$LOG_DIR/build.log" 2>&1 ||
    { tail -n 40 "$LOG_DIR/build.log" >&2; echo "Build failed; full log: $LOG_DIR/build.log" >&2; exit 1; }
fi

# --- fast start: extracted jars and a JDK AOT cache per service, trained under load ------------------------------
APP_DIR=$RUN_DIR/app
# load (default): record the caches while the services handle a scripted load, so they hold method profiles too;
# startup: record them from a start to context refresh only; off: no cache
AOT_TRAINING=${AOT_TRAINING:-load}
aot_supported=false
[[ "$AOT_TRAINING" != off ]] && java -XX:AOTMode=off -version >/dev/null 2>&1 && aot_supported=true
# a cache is valid only for the JVM and the options that recorded it (the JVM refuses it otherwise): both are its key
aot_key="$(java -version 2>&1 | tr '\n' ' ')| $JAVA_OPTS | $AOT_TRAINING"
extract() { # service: the jar extracted once per build (the AOT cache needs an exploded class path)
  local service=$1 jar dir
  jar=$(jar_of "$service")
  dir=$APP_DIR/$service
  if [[ ! -f "$dir/.extracted" || "$jar" -nt "$dir/.extracted" ]]; then
    rm -rf "$dir"
    java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
    touch "$dir/.extracted"
  fi
  [[ -f "$dir/app.aot" && "$(cat "$dir/app.aot.key" 2>/dev/null)" != "$aot_key" ]] && rm -f "$dir/app.aot"
  true
}
record_at_refresh() { # service: a start to context refresh (migrations run, nothing consumed), then exit
  local service=$1 dir=$APP_DIR/$1
  env ORDERS_DB_PATH="$dir/training.db" PRODUCTS_DB_PATH="$dir/training.db" PRODUCTS_DEMO_CATALOGUE=false \
    API_GATEWAY_PORT=0 ORDERS_SERVICE_PORT=0 PRODUCTS_SERVICE_PORT=0 WEBHOOK_PUBLISHER_PORT=0 EDGE_FUNCTIONS_PORT=0 \
    java $JAVA_OPTS -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$dir/$(basename "$(jar_of "$service")")" >"$LOG_DIR/$service-training.log" 2>&1 || true
  rm -f "$dir"/training.db*
}
recording=false # true while the services run to record their caches (train_under_load)
training_env=()  # the environment that isolates them then
launch_jar() { # service → the command line that starts it
  local service=$1 dir=$APP_DIR/$1
  local aot=""
  if $recording; then
    aot="-XX:AOTCacheOutput=$dir/app.aot"
  elif [[ -f "$dir/app.aot" ]]; then
    aot="-XX:AOTCache=$dir/app.aot"
  fi
  echo "$aot -jar $dir/$(basename "$(jar_of "$service")")"
}

# --- databases ----------------------------------------------------------------------------------------------------
if $postgres; then
  for schema in orders products; do
    psql -h "$PG_HOST" -p "$PG_PORT" -U "${PG_USER:-postgres}" -d "$PG_DATABASE" -qc "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null
  done
  export ORDERS_DB_URL=${ORDERS_DB_URL:-jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE?currentSchema=orders}
  export PRODUCTS_DB_URL=${PRODUCTS_DB_URL:-jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE?currentSchema=products}
  export ORDERS_DB_USER=${ORDERS_DB_USER:-postgres} PRODUCTS_DB_USER=${PRODUCTS_DB_USER:-postgres}
else
  export ORDERS_DB_PATH=${ORDERS_DB_PATH:-$DATA_DIR/orders.db}
  export PRODUCTS_DB_PATH=${PRODUCTS_DB_PATH:-$DATA_DIR/products.db}
fi

# --- observability: a Zipkin server (in memory) that every service sends all its spans to -------------------------
ZIPKIN_PORT=${ZIPKIN_PORT:-9411}
ZIPKIN_JAR=.tools/zipkin-server-3.5.1-exec.jar
if $observability; then
  if [[ ! -f $ZIPKIN_JAR ]]; then
    echo "Fetching Zipkin's server (io.zipkin:zipkin-server:3.5.1, exec) into .tools/…"
    mvn -B -q -ntp dependency:copy -Dartifact=io.zipkin:zipkin-server:3.5.1:jar:exec -DoutputDirectory=.tools \
      >"$LOG_DIR/zipkin-fetch.log" 2>&1 ||
      { tail -n 20 "$LOG_DIR/zipkin-fetch.log" >&2; echo "Could not fetch Zipkin; see $LOG_DIR/zipkin-fetch.log" >&2; exit 1; }
  fi
  export ZIPKIN_ENDPOINT=http://localhost:$ZIPKIN_PORT
  export TRACING_SAMPLING_PROBABILITY=${TRACING_SAMPLING_PROBABILITY:-1.0}
fi

# --- start --------------------------------------------------------------------------------------------------------
for service in "${SERVICES[@]}"; do extract "$service" & done
wait

pids=()
names=()
health=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo
    echo "Stopping ${#pids[@]} processes…"
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() { # name module health-url env...
  local name=$1 module=$2 url=$3
  shift 3
  env "${training_env[@]}" "$@" java $JAVA_OPTS $(launch_jar "$module") >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
  health+=("$url")
}

start_system() { # instances [log-name-prefix]
  local i offset suffix
  for ((i = 0; i < $1; i++)); do
    offset=$((i * 10))
    suffix=$([[ $1 -gt 1 ]] && echo "-$((i + 1))" || true)
    start "${2:-}products-service$suffix" products-service "http://localhost:$((3001 + offset))/health" \
      PRODUCTS_SERVICE_PORT=$((3001 + offset)) INSTANCE_ID="products$suffix"
    start "${2:-}orders-service$suffix" orders-service "http://localhost:$((3002 + offset))/health" \
      ORDERS_SERVICE_PORT=$((3002 + offset)) INSTANCE_ID="orders$suffix"
    start "${2:-}api-gateway$suffix" api-gateway "http://localhost:$((3000 + offset))/actuator/health" \
      API_GATEWAY_PORT=$((3000 + offset)) ORDERS_SERVICE_URL="http://localhost:$((3002 + offset))" \
      PRODUCTS_SERVICE_URL="http://localhost:$((3001 + offset))"
  done
  if ! $core; then
    # the functions are local: let the publisher call localhost
    start "${2:-}webhook-publisher" webhook-publisher "http://localhost:3003/actuator/health" \
      WEBHOOK_URL_ALLOWLIST="${WEBHOOK_URL_ALLOWLIST:-localhost,127.0.0.1/32,::1/128}"
    start "${2:-}edge-functions" edge-functions "http://localhost:3004/actuator/health"
  fi
}

await_health() { # [seconds] [soft]: every started process answers its health check, else stop (soft: return 1)
  local i deadline limit=${1:-120} soft=${2:-false}
  for i in "${!pids[@]}"; do
    deadline=$((SECONDS + limit))
    until curl -fs -o /dev/null --max-time 2 "${health[$i]}"; do
      if ! kill -0 "${pids[$i]}" 2>/dev/null; then
        echo "error: ${names[$i]} exited; last lines of $LOG_DIR/${names[$i]}.log:" >&2
        tail -n 30 "$LOG_DIR/${names[$i]}.log" >&2
        $soft && return 1
        exit 1
      fi
      if ((SECONDS >= deadline)); then
        echo "error: ${names[$i]} not healthy after $limit s; see $LOG_DIR/${names[$i]}.log" >&2
        $soft && return 1
        exit 1
      fi
      sleep 0.5
    done
  done
}

# subscribe the two edge functions (idempotent: an existing subscription for the URL is kept)
subscribe() { # url event-types-json secret description
  local existing
  existing=$(curl -fs -H "Authorization: Bearer $ADMIN_API_KEY" "http://localhost:3000/webhooks/subscriptions?limit=100" || true)
  if [[ "$existing" != *"\"$1\""* ]]; then
    curl -fs -o /dev/null -X POST "http://localhost:3000/webhooks/subscriptions" \
      -H "Authorization: Bearer $ADMIN_API_KEY" -H 'Content-Type: application/json' \
      -d "{\"url\":\"$1\",\"eventTypes\":$2,\"secret\":\"$3\",\"description\":\"$4\"}" ||
      echo "warning: could not subscribe $1 (see $LOG_DIR/webhook-publisher.log)" >&2
  fi
}
subscribe_functions() {
  $core && return
  subscribe http://localhost:3004/functions/v1/logger '["*"]' \
    "${LOGGER_WEBHOOK_SECRET:-whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=}" "edge logger: every event"
  subscribe http://localhost:3004/functions/v1/notifier '["order.*"]' \
    "${NOTIFIER_WEBHOOK_SECRET:-whsec_ZWRnZS1ub3RpZmllci1ERVYtT05MWS1zZWNyZXQtMDE=}" "edge notifier: order events"
}

# A training run: the services start with -XX:AOTCacheOutput in a private virtual host, Redis key prefix and
# databases, serve a short scripted load (bench's load generator, then cancels, restocks, reads and, with the
# functions, webhook deliveries) and stop on SIGTERM; each JVM writes its cache, class loading, linking and method
# profiles included, as it exits.
train_under_load() {
  local tdir=$RUN_DIR/training vhost=aot-training key=aot-training-key-00001 t0=$SECONDS
  local amqp_user=${RABBITMQ_USER:-guest}
  rm -rf "$tdir" && mkdir -p "$tdir"
  rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost "$vhost" >/dev/null && rabbitmqctl -q set_permissions -p "$vhost" "$amqp_user" '.*' '.*' '.*' >/dev/null
  training_env=(RABBITMQ_VHOST=$vhost REDIS_KEY_PREFIX=aot-training: PRODUCTS_DEMO_CATALOGUE=false
    API_KEYS="aot-training:$key:orders.read,orders.write,orders.notify")
  local schemas=()
  if $postgres; then schemas+=(aot_training_orders aot_training_products); fi
  $core || schemas+=(aot_training_webhooks aot_training_edge)
  for schema in "${schemas[@]}"; do
    psql -h "$PG_HOST" -p "$PG_PORT" -U "${PG_USER:-postgres}" -d "$PG_DATABASE" -qc \
      "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null 2>&1
  done
  local pg="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE?currentSchema="
  if $postgres; then
    training_env+=(ORDERS_DB_URL="${pg}aot_training_orders" PRODUCTS_DB_URL="${pg}aot_training_products")
  else
    training_env+=(ORDERS_DB_PATH="$tdir/orders.db" PRODUCTS_DB_PATH="$tdir/products.db")
  fi
  training_env+=(WEBHOOK_DB_URL="${pg}aot_training_webhooks" EDGE_DB_URL="${pg}aot_training_edge")
  recording=true
  start_system 1 training-
  # a training JVM starts slower; if one does not start at all, the others still leave start-up caches
  if await_health 300 true; then
    subscribe_functions
    train_load "$key" "$amqp_user" "$vhost"
  else
    echo "warning: the training run could not start; the caches hold what the services loaded until then" >&2
  fi
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=() names=() health=() training_env=()
  recording=false
  rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
  for schema in "${schemas[@]}"; do
    psql -h "$PG_HOST" -p "$PG_PORT" -U "${PG_USER:-postgres}" -d "$PG_DATABASE" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
  done
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern 'aot-training:*' | xargs -r redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del >/dev/null
  fi
  rm -rf "$tdir"
  echo "AOT caches trained in $((SECONDS - t0)) s (log: $LOG_DIR/training-load.log)"
}
train_load() { # api-key amqp-user vhost
  java -cp "$(ls bench/target/bench-*.jar | head -1):bench/target/lib/*" dev.orders.bench.Bench \
    --url http://localhost:3000 --amqp "amqp://$2:${RABBITMQ_PASSWORD:-guest}@$RABBITMQ_HOST:$RABBITMQ_PORT/$3" \
    --api-key "$1" --admin-key "$ADMIN_API_KEY" --warmup 0 --settle 0 --perftest-seconds 0 \
    --orders "${AOT_TRAINING_ORDERS:-4000}" --clients 16 --duration 120 --drain 10 --products 20 --stock 400 \
    >"$LOG_DIR/training-load.log" 2>&1 || echo "warning: the training load failed (see $LOG_DIR/training-load.log)" >&2
  training_extras "$1" >>"$LOG_DIR/training-load.log" 2>&1 || true
}
training_extras() { # api-key: the requests the load generator does not make
  local key=$1 product order i
  local admin=(-H "Authorization: Bearer $ADMIN_API_KEY" -H 'Content-Type: application/json')
  local client=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
  for ((i = 0; i < 50; i++)); do
    product=$(curl -fs "${admin[@]}" -X POST localhost:3000/products -d '{"name":"training","price":2.5,"stock":5}' |
      sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    curl -fs -o /dev/null "${admin[@]}" -X POST "localhost:3000/products/$product/stock" -d '{"add":3}'
    curl -fs -o /dev/null "${admin[@]}" -X POST "localhost:3000/products/$product/stock" -d '{"set":4}'
    curl -fs -o /dev/null "localhost:3000/products/$product"
    order=$(curl -fs "${client[@]}" -X POST localhost:3000/orders -d "{\"productId\":\"$product\",\"quantity\":9}" |
      sed -n 's/.*"id":"\([^"]*\)".*/\1/p') # more than the stock: rejected
    curl -fs -o /dev/null "${client[@]}" "localhost:3000/orders/$order"
    order=$(curl -fs "${client[@]}" -X POST localhost:3000/orders -d "{\"productId\":\"$product\",\"quantity\":1}" |
      sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    curl -fs -o /dev/null "${client[@]}" -X POST "localhost:3000/orders/$order/cancel"
    curl -fs -o /dev/null "localhost:3000/products?limit=20"
  done
}

if $aot_supported; then
  missing_aot=false
  for service in "${SERVICES[@]}"; do [[ -f "$APP_DIR/$service/app.aot" ]] || missing_aot=true; done
  if $missing_aot; then
    for service in "${SERVICES[@]}"; do rm -f "$APP_DIR/$service/app.aot"; done
    if [[ "$AOT_TRAINING" == load ]] && command -v rabbitmqctl >/dev/null; then
      echo "Recording AOT caches (once per build and JVM options): the services under a short training load…"
      train_under_load
    else
      [[ "$AOT_TRAINING" == load ]] && echo "rabbitmqctl not found: recording AOT caches from a start only (no method profiles)"
      echo "Recording AOT caches (once per build and JVM options)…"
      for service in "${SERVICES[@]}"; do record_at_refresh "$service" & done
      wait
    fi
    for service in "${SERVICES[@]}"; do
      if [[ -f "$APP_DIR/$service/app.aot" ]]; then
        printf '%s' "$aot_key" >"$APP_DIR/$service/app.aot.key"
      else
        echo "warning: no AOT cache for $service (see $LOG_DIR/*$service*.log); it starts without one"
      fi
    done
  fi
fi

if $observability; then
  QUERY_PORT=$ZIPKIN_PORT STORAGE_TYPE=mem java -Xmx256m -jar "$ZIPKIN_JAR" >"$LOG_DIR/zipkin.log" 2>&1 &
  pids+=($!)
  names+=(zipkin)
  health+=("http://localhost:$ZIPKIN_PORT/health")
fi
start_system "$instances"
echo "Starting ${#pids[@]} processes (logs in $LOG_DIR)…"
started=$SECONDS
await_health
# the JVM runs on without a cache it refuses (another JVM build, options or a damaged file): say so, record anew
for service in "${SERVICES[@]}"; do
  log=$(ls "$LOG_DIR/$service"*.log 2>/dev/null | grep -v training | head -1 || true)
  if [[ -n "$log" ]] && grep -q 'Unable to use AOT cache\|\[error *\]\[aot\]' "$log"; then
    echo "warning: $service runs without its AOT cache, which the JVM refused ($log); it is recorded again on the next start" >&2
    rm -f "$APP_DIR/$service/app.aot"
  fi
done
subscribe_functions

cat <<MSG

All services healthy in $((SECONDS - started)) s.

  API gateway        http://localhost:3000          (API docs: http://localhost:3000/docs)
  products-service   http://localhost:3001/health   (metrics: /prometheus)
  orders-service     http://localhost:3002/health   (metrics: /prometheus)
$(if ! $core; then printf '%s\n' "  webhook-publisher  http://localhost:3003/actuator/health  (admin API through the gateway: /webhooks/…)" \
  "  edge-functions     http://localhost:3004/functions/v1/logger, /functions/v1/notifier (subscribed on first run)"; fi)
$(if ((instances > 1)); then echo "  … and $((instances - 1)) more instance(s) of each on ports +10, +20, … (PostgreSQL)"; fi)
$(if $observability; then echo "  Zipkin (traces)    http://localhost:$ZIPKIN_PORT   (every response's traceparent header names its trace)"; fi)
  Admin API key      $ADMIN_API_KEY
$(if [[ -n "$DEMO_API_KEY" ]]; then echo "  Demo client key    $DEMO_API_KEY   (API key \"demo-shop\": orders.read, orders.write, orders.notify)"; fi)
  Logs               $LOG_DIR/

Try it:
  curl -s localhost:3000/products
  curl -s -X POST localhost:3000/orders -H 'Authorization: Bearer ${DEMO_API_KEY:-<your API key>}' \\
       -H 'Content-Type: application/json' -d '{"productId":"00000000-0000-4000-8000-000000000001","quantity":2}'
  curl -s -H 'Authorization: Bearer ${DEMO_API_KEY:-<your API key>}' localhost:3000/orders/<id from the answer>
$(if ! $core; then echo "  curl -s -H 'Authorization: Bearer $ADMIN_API_KEY' 'localhost:3004/functions/v1/logger/events?limit=5'"; fi)

Ctrl-C stops everything.
MSG

wait -n "${pids[@]}" || true
echo "A service stopped unexpectedly; stopping the rest. See $LOG_DIR/." >&2
exit 1
