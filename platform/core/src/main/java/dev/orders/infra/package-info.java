/**
 * Shared plumbing, written once and free of business nouns: the NestJS RMQ envelope and dispatch by pattern
 * ({@code messaging}), the transactional outbox and its relay ({@code outbox}), the Redis idempotency guard and lock
 * ({@code idempotency}), SQLite/PostgreSQL setup ({@code persistence}), problem JSON ({@code web}), ids and JSON.
 * Owns one table, {@code outbox}, migrated with its own history table. Services configure it through
 * {@code platform.*} properties; it must never know what an order or a product is.
 */
package dev.orders.infra;
