/**
 * api-gateway (port 3000): the only HTTP entry point. Owns nothing persistent.
 * Validates every request (problem JSON with the field that is wrong) before anything crosses a process, then sends
 * requests over RabbitMQ: {@code orders.*} to {@code orders_queue}, {@code products.*} to {@code products_queue},
 * waiting at most the configured timeout. Authenticates every caller (JWT access tokens or API keys, Spring
 * Security), checks the scope each route needs, and tells orders-service whose orders a caller may see.
 * Must not: write to a database, publish events, or answer with anything but JSON/problem JSON.
 */
package dev.orders.gateway;
