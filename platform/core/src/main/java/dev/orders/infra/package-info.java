/**
 * Shared plumbing, written once and free of business nouns, as modules a service lists in its pom: this one
 * (platform-core: ids, the wire JSON, the published-secrets check, InstanceId, Clock, upkeep timers), {@code web},
 * {@code persistence} (platform-jdbc), {@code messaging}, {@code outbox} and {@code egress}. Services configure it
 * through {@code platform.*} properties; it must never know what an order or a product is.
 */
package dev.orders.infra;
