#!/usr/bin/env bash
# ./run.sh --docker: builds the jars and the images when needed, starts compose.yaml in the background, waits until
# every container is healthy and prints the URLs. `docker compose down` stops it (add -v to delete the data).
#
#   scripts/compose-up.sh [--instances N] [--local-images] [--rebuild]
#
# --instances N    N gateways (behind nginx), orders-service and products-service containers
# --local-images   use stand-ins built here (scripts/local-images.sh) instead of pulling the public images
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

instances=1
local_images=false
rebuild=false
while (($#)); do
  case "$1" in
    --instances) instances=${2:?--instances needs a number}; shift 2 ;;
    --local-images) local_images=true; shift ;;
    --rebuild) rebuild=true; shift ;;
    *) echo "unknown option $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

docker info >/dev/null 2>&1 || { echo "error: Docker does not answer (docker info); start it first" >&2; exit 1; }
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
if $local_images; then
  echo "Building the local stand-in images if needed…"
  set -a
  eval "$(scripts/local-images.sh)"
  set +a
fi

SERVICES=(products-service orders-service api-gateway webhook-publisher edge-functions)
version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
needs_build=$rebuild
for service in "${SERVICES[@]}"; do
  jar="$service/target/$service-$version-exec.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find contracts platform "$service" -path '*/src/main/*' -newer "$jar" -print -quit)" ]]; then
    needs_build=true
  fi
done
mkdir -p .run/logs
if $needs_build; then
  echo "Building the jars (mvn package, tests skipped)…"
  use_jdk
  mvn -B -q -ntp package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}")" -am >.run/logs/build.log 2>&1 ||
    { tail -n 40 .run/logs/build.log >&2; echo "Build failed; full log: .run/logs/build.log" >&2; exit 1; }
fi
export IMAGE_VERSION=$version
IMAGE_REVISION=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
IMAGE_CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
export IMAGE_REVISION IMAGE_CREATED
echo "Building the images (Docker reuses the layers that did not change)…"
"${compose[@]}" build >.run/logs/images.log 2>&1 ||
  { tail -n 40 .run/logs/images.log >&2; echo "Image build failed; full log: .run/logs/images.log" >&2; exit 1; }

scale=()
if ((instances > 1)); then
  scale=(--scale "api-gateway=$instances" --scale "orders-service=$instances" --scale "products-service=$instances")
fi
echo "Starting (docker compose up -d ${scale[*]})…"
started=$SECONDS
"${compose[@]}" up -d "${scale[@]}"

healthy() { # every long-running container of this project running and healthy, the one-shot one ended well
  local ids
  ids=$("${compose[@]}" ps -q)
  [[ -n "$ids" ]] || return 1
  # shellcheck disable=SC2046
  ! docker ps -a $(printf -- '--filter id=%s ' $ids) \
    --format '{{.Label "com.docker.compose.service"}}|{{.State}}|{{.Status}}' |
    awk -F'|' '$1 == "edge-subscriptions" { if ($3 !~ /^Exited \(0\)/) print; next }
               $2 != "running" || $3 ~ /\((unhealthy|health: starting)\)/' | grep -q .
}
wait_for "every container healthy (see: ${compose[*]} ps)" 600 healthy

published() { "${compose[@]}" port "$1" "$2" | sed 's/.*://'; }
cat <<MSG

All containers healthy in $((SECONDS - started)) s (${compose[*]} ps lists them).

  API gateway (nginx)  http://localhost:$(published nginx 80)          (API docs: /docs)
  edge-functions       http://localhost:$(published edge-functions 3004)/functions/v1/logger, /functions/v1/notifier
  RabbitMQ management  http://localhost:$(published rabbitmq 15672)         (${RABBITMQ_USER:-guest} / …)
  Logs                 ${compose[*]} logs -f [service]
  Stop                 ${compose[*]} down            (down -v also deletes the data volumes)

Try it (the development keys, unless .env sets others):
  curl -s localhost:$(published nginx 80)/products
  curl -s -X POST localhost:$(published nginx 80)/orders -H 'Authorization: Bearer dev-demo-shop-key' \\
       -H 'Content-Type: application/json' -d '{"productId":"00000000-0000-4000-8000-000000000001","quantity":2}'
MSG
