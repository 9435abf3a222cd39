/**
 * edge-functions (port 3004): the seed's Supabase Edge Functions as one service. Owns the PostgreSQL tables
 * {@code event_log} (logger), {@code recipients}, {@code notifier_inbox} and {@code deliveries} (notifier).
 * Consumes signed Standard Webhooks on {@code POST /functions/v1/logger} and {@code /functions/v1/notifier}.
 * Publishes nothing on RabbitMQ; sends messages to Telegram, Slack incoming webhooks and SMTP, after the 2xx.
 * Must not: trust an unsigned body, send one delivery twice on purpose, put a secret in a log line or error, or
 * message an order's customer without consent (the event's {@code notifyCustomer}, or an address an admin registered).
 */
package dev.orders.edge;
