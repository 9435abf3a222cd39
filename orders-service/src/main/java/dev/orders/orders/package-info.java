/**
 * orders-service (port 3002: health and metrics only). Owns the table {@code orders} (SQLite {@code orders.db} by
 * default, PostgreSQL when configured), the outbox, and the Redis keys {@code processed:{idempotencyKey}} (24 h) and
 * {@code lock:{idempotencyKey}} (10 s).
 * Consumes {@code orders_queue}: requests {@code orders.create|get|list|cancel}, event {@code product.stockReserved}.
 * Publishes {@code product.reserveStock} and {@code product.releaseStock} to {@code products_queue}, and
 * {@code order.created|confirmed|rejected|cancelled} to the events exchange. Expires PENDING orders. Records each
 * order's owner and answers a request that names an owner with that owner's orders only; trusts whatever arrives on
 * its queue (the gateway has authenticated the caller).
 * Must not: touch stock, decide an order twice, or move an order out of REJECTED or CANCELLED.
 */
package dev.orders.orders;
