#!/usr/bin/env bash
# Runs the whole test suite: unit tests, integration tests against the local RabbitMQ, Redis and PostgreSQL,
# and end-to-end tests that start the services as processes. Needs those three servers running
# (.ci/run starts them when they are not).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh
use_jdk

missing=()
port_open "${RABBITMQ_HOST:-localhost}" "${RABBITMQ_PORT:-5672}" || missing+=("RabbitMQ on ${RABBITMQ_PORT:-5672} (rabbitmq-server -detached)")
port_open "${REDIS_HOST:-localhost}" "${REDIS_PORT:-6379}" || missing+=("Redis on ${REDIS_PORT:-6379} (redis-server --daemonize yes --port 6379)")
port_open localhost 5432 || missing+=("PostgreSQL on 5432 (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)")
if ((${#missing[@]})); then
  printf 'error: the tests need these servers, which are not running:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

# Node packages for the interoperability checks (a real NestJS client, the official standardwebhooks verifier).
for dir in e2e-tests/src/test/node webhook-publisher/src/test/node; do
  if [[ -f "$dir/package-lock.json" && ! -d "$dir/node_modules" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# clean: Failsafe merges a stale summary file of an earlier run into the verdict
exec mvn -B -ntp clean verify "$@"
