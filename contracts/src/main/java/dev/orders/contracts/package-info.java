/**
 * The wire contract every service shares: queue and exchange names ({@link dev.orders.contracts.Destinations}),
 * pattern names ({@link dev.orders.contracts.Patterns}), and the message records that travel inside the NestJS
 * RMQ envelope. Plain JDK records only: no Spring, no Jackson, no behaviour beyond validation helpers
 * ({@link dev.orders.contracts.Validation}, and {@link dev.orders.contracts.InvalidRequest} to refuse with).
 * Field names here are the JSON field names on the wire; changing one breaks NestJS peers.
 */
package dev.orders.contracts;
