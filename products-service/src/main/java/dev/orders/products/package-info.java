/**
 * products-service (port 3001: health and metrics only). Owns the tables {@code products} and {@code reservations}
 * (SQLite {@code products.db} by default, PostgreSQL when configured) and the outbox.
 * Consumes {@code products_queue}: requests {@code products.list|get|create|restock}, events
 * {@code product.reserveStock} and {@code product.releaseStock}.
 * Publishes {@code product.stockReserved} (bound to {@code orders_queue}) and {@code product.stockReleased} to the
 * events exchange.
 * Must not: take stock twice for one order, let stock go below zero, or know anything about orders beyond their id.
 */
package dev.orders.products;
