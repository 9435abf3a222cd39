/**
 * webhook-publisher (port 3003). Owns the PostgreSQL tables {@code subscriptions}, {@code events}, {@code deliveries}
 * and {@code delivery_attempts} (schema {@code webhook_publisher} by default).
 * Consumes {@code webhook_publisher_queue}, bound to the events exchange for {@code order.created|confirmed|rejected|
 * cancelled} and {@code product.stockReserved}; publishes nothing to RabbitMQ, only signed HTTP POSTs to
 * subscribers. Must not: call a subscriber on the consumer thread, send to a refused address, or log a secret.
 */
package dev.orders.webhooks;
