package dev.orders.edge.webhook;

import dev.orders.contracts.Violation;
import dev.orders.infra.json.WireJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Standard Webhooks payload {@code {"type", "timestamp", "data"}} with the message id it came under.
 *
 * @param body the exact text that was signed, stored as is by the logger
 */
public record StandardWebhook(String id, String type, Instant timestamp, JsonNode data, String body) {

    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_TYPE_LENGTH = 100;
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$");

    public static StandardWebhook parse(String id, String body) throws InvalidWebhook {
        JsonNode root;
        try {
            root = WireJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidWebhook("The body is not valid JSON.", List.of());
        }
        List<Violation> violations = new ArrayList<>();
        if (id.length() > MAX_ID_LENGTH) {
            violations.add(new Violation("webhook-id", "must be at most " + MAX_ID_LENGTH + " characters"));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhook(
                    "The body must be a JSON object {type, timestamp, data}.",
                    List.of(new Violation("", "must be a JSON object")));
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isString() || type.asString().isBlank()) {
            violations.add(new Violation("type", "is required, e.g. order.confirmed"));
        } else if (type.asString().length() > MAX_TYPE_LENGTH
                || !TYPE.matcher(type.asString()).matches()) {
            violations.add(new Violation("type", "must be dot-separated words of letters, digits, - and _"));
        }
        JsonNode timestamp = root.get("timestamp");
        Instant at = null;
        if (timestamp == null || !timestamp.isString()) {
            violations.add(new Violation("timestamp", "is required, an ISO-8601 instant"));
        } else {
            try {
                at = Instant.parse(timestamp.asString());
            } catch (DateTimeParseException e) {
                violations.add(new Violation("timestamp", "must be an ISO-8601 instant such as 2025-11-27T00:00:00Z"));
            }
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            violations.add(new Violation("data", "is required, a JSON object"));
        }
        if (containsNul(root)) {
            // PostgreSQL text and jsonb cannot hold U+0000
            violations.add(new Violation("", "must not contain the character U+0000"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidWebhook(
                    violations.size() == 1
                            ? "The body is not a standard webhook payload: " + describe(violations.getFirst())
                            : "The body is not a standard webhook payload; see errors.",
                    violations);
        }
        return new StandardWebhook(id, type.asString(), at, data, body);
    }

    /**
     * The order the event is about: {@code data.id} for {@code order.*}, {@code data.orderId} otherwise.
     */
    public Optional<String> orderId() {
        JsonNode node = type.startsWith("order.") ? data.get("id") : data.get("orderId");
        if (node == null
                || !node.isString()
                || node.asString().isBlank()
                || node.asString().length() > 100) {
            return Optional.empty();
        }
        return Optional.of(node.asString());
    }

    private static String describe(Violation v) {
        return v.field().isEmpty() ? "the body " + v.message() : v.field() + " " + v.message();
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isString()) {
            return node.asString().indexOf('\0') >= 0;
        }
        if (node.isContainer()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\0') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            for (JsonNode element : node.isArray() ? node.values() : List.<JsonNode>of()) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
