package dev.orders.webhooks.delivery.history.web;

import java.time.Instant;

/** How many failed deliveries of the subscription were scheduled again. */
record ReplayedFailuresResponse(String subscriptionId, Instant since, int replayed) {}
