package dev.orders.infra.messaging;

import tools.jackson.databind.JsonNode;

/**
 * A decoded NestJS packet. {@code id != null} (the key present) makes it a request that expects a reply; without it,
 * it is an event.
 */
public record Incoming(String route, JsonNode data, String id, boolean request) {}
