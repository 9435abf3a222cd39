#!/bin/sh
# Subscribes the edge functions to the webhook publisher as ./run.sh does: the logger to every event, the notifier
# to order.*; a subscription whose URL exists is kept. Run by compose.yaml's edge-subscriptions container.
set -eu

subscribe() { # url event-types-json secret description
  if curl -fsS -H "Authorization: Bearer $ADMIN_API_KEY" "$PUBLISHER_URL/webhooks/subscriptions?limit=100" |
    grep -qF "\"$1\""; then
    echo "kept: $1"
    return 0
  fi
  curl -fsS -o /dev/null -X POST "$PUBLISHER_URL/webhooks/subscriptions" \
    -H "Authorization: Bearer $ADMIN_API_KEY" -H 'Content-Type: application/json' \
    -d "{\"url\":\"$1\",\"eventTypes\":$2,\"secret\":\"$3\",\"description\":\"$4\"}"
  echo "subscribed: $1"
}

subscribe "$FUNCTIONS_URL/functions/v1/logger" '["*"]' "$LOGGER_WEBHOOK_SECRET" "edge logger: every event"
subscribe "$FUNCTIONS_URL/functions/v1/notifier" '["order.*"]' "$NOTIFIER_WEBHOOK_SECRET" "edge notifier: order events"
