/**
 * Inbound Standard Webhooks, common to every function: signature and freshness
 * ({@link dev.orders.edge.webhook.WebhookVerifier}, 401 when wrong) and the payload
 * ({@link dev.orders.edge.webhook.StandardWebhook}, 400 when not {type, timestamp, data}). No Spring here; the
 * {@code web} sub-package turns an HTTP request into a verified webhook or a problem.
 */
package dev.orders.edge.webhook;
