#!/usr/bin/env bash
# List or replay a service's dead-lettered messages.
#   scripts/dead-letters.sh list   <service-port> [queue] [limit]
#   scripts/dead-letters.sh replay <service-port> [queue] [limit]
# e.g. scripts/dead-letters.sh list 3002          (orders-service, orders_queue.dlq)
#      scripts/dead-letters.sh replay 3001 products_queue 10
# Uses ADMIN_API_KEY (default dev-admin-key) and SERVICE_HOST (default localhost).
set -euo pipefail
action=${1:?list or replay}
port=${2:?service port, e.g. 3002 for orders-service, 3001 for products-service}
queue=${3:-}
limit=${4:-}
query=""
[[ -n "$queue" ]] && query="queue=$queue"
[[ -n "$limit" ]] && query="${query:+$query&}limit=$limit"
base="http://${SERVICE_HOST:-localhost}:$port/admin/dead-letters"
auth="Authorization: Bearer ${ADMIN_API_KEY:-dev-admin-key}"
case "$action" in
  list) curl -fsS -H "$auth" "$base${query:+?$query}" ;;
  replay) curl -fsS -X POST -H "$auth" "$base/replay${query:+?$query}" ;;
  *) echo "unknown action $action (list or replay)" >&2; exit 2 ;;
esac
echo
