package dev.orders.webhooks.delivery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Standard Webhooks body {@code {"type","timestamp","data"}}. It is serialized once, when the event arrives, and
 * those exact bytes are stored, signed and sent on every attempt. {@code data} is the event's data as it came, new
 * fields included, so subscribers see what the platform emitted.
 */
public final class WebhookPayload {

    // a plain mapper: no inclusion rules, so data passes through as it came (nulls too)
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayload() {}

    public static String render(String type, Instant timestamp, JsonNode data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.set("data", data);
        return JSON.writeValueAsString(body);
    }

    /**
     * When the event happened: an order event reports a state change, whose time is the order's {@code updatedAt};
     * otherwise (or when it is missing or not a time) the time the publisher received it.
     */
    public static Instant occurredAt(JsonNode data, Instant received) {
        JsonNode updatedAt = data == null ? null : data.get("updatedAt");
        if (updatedAt != null && updatedAt.isString()) {
            try {
                return Instant.parse(updatedAt.stringValue());
            } catch (DateTimeParseException ignored) {
                // not a time: fall back to the receipt time
            }
        }
        return received;
    }
}
