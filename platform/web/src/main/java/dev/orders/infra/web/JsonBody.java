package dev.orders.infra.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import dev.orders.contracts.Violation;

/**
 * Reads an admin request body field by field and collects every problem with its field name, so the caller learns
 * about all wrong fields in one 400.
 */
public final class JsonBody {

    private final JsonNode body;
    private final List<Violation> violations = new ArrayList<>();

    private JsonBody(JsonNode body) {
        this.body = body;
    }

    /** A JSON object with only {@code allowed} fields; a missing body counts as {@code {}}. */
    public static JsonBody object(JsonNode body, Set<String> allowed) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new JsonBody(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        JsonBody reader = new JsonBody(body);
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                reader.add(name, "is not a known field; expected " + String.join(", ", allowed.stream().sorted()
                        .toList()));
            }
        }
        return reader;
    }

    private JsonNode node(String field) {
        return body.get(field);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    public void addAll(List<Violation> more) {
        violations.addAll(more);
    }

    /** Throws the 400 problem if anything was wrong. */
    public void check() {
        ProblemException.check(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public String string(String field, boolean required, int maxLength) {
        JsonNode node = node(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            add(field, "must be a string");
            return null;
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public List<String> strings(String field, boolean required) {
        JsonNode node = node(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (!node.isArray()) {
            add(field, "must be an array of strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString()) {
                add(field + "[" + i + "]", "must be a string");
            } else {
                out.add(item.stringValue());
            }
        }
        return out;
    }

    public Boolean bool(String field) {
        JsonNode node = node(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            add(field, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    public Instant instant(String field, boolean required) {
        String text = string(field, required, 64);
        return text == null ? null : parseInstant(text, field, violations);
    }

    /** Whole seconds from {@code min} to {@code max}. */
    public Duration seconds(String field, long min, long max) {
        JsonNode node = node(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
                || node.longValue() > max) {
            add(field, "must be a whole number of seconds from " + min + " to " + max);
            return null;
        }
        return Duration.ofSeconds(node.longValue());
    }

    /** An ISO-8601 instant such as {@code 2025-11-27T10:00:00Z}; adds a violation and returns null otherwise. */
    public static Instant parseInstant(String text, String field, List<Violation> into) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                into.add(new Violation(field, "must be an ISO-8601 instant such as 2025-11-27T10:00:00Z"));
                return null;
            }
        }
    }
}
