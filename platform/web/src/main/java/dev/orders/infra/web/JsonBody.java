package dev.orders.infra.web;

import dev.orders.contracts.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a JSON request body field by field and collects every type error with its path ({@code items[2].quantity}),
 * so a client learns about all wrong fields in one 400 problem. Nested objects are read with the methods that take a
 * parent node and a path; a flat admin body with the shorthands of a reader from {@link #object(JsonNode, Set)}.
 */
public final class JsonBody {

    private final JsonNode root;
    private final List<Violation> violations = new ArrayList<>();

    /** A reader for nested bodies: every read names its parent node and path. */
    public JsonBody() {
        this(null);
    }

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * A flat admin body: a JSON object with only {@code allowed} fields (each unknown one is named along with the
     * known ones), else a 400 at once; a missing body counts as {@code {}}.
     */
    public static JsonBody object(JsonNode body, Set<String> allowed) {
        JsonBody reader = object(body);
        for (String name : reader.root.propertyNames()) {
            if (!allowed.contains(name)) {
                reader.add(
                        name,
                        "is not a known field; expected "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return reader;
    }

    /** A flat admin body whose unknown fields are ignored; a missing body counts as {@code {}}. */
    public static JsonBody object(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("", "must be a JSON object");
        }
        return new JsonBody(body);
    }

    public List<Violation> violations() {
        return violations;
    }

    public void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    public void addAll(List<Violation> more) {
        violations.addAll(more);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** Throws the 400 problem if anything was wrong. */
    public void check() {
        ProblemException.check(violations);
    }

    /**
     * Adds the rule violations of fields that had no type error, then throws if anything is wrong: the client hears
     * about every bad field once, with the most basic complaint.
     */
    public void checkWith(List<Violation> ruleViolations) {
        Set<String> reported = new HashSet<>();
        violations.forEach(v -> reported.add(v.field()));
        ruleViolations.stream().filter(v -> !reported.contains(v.field())).forEach(violations::add);
        check();
    }

    public boolean object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            add(path, "must be a JSON object");
            return false;
        }
        return true;
    }

    public void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                add(join(path, name), "is not a known field");
            }
        }
    }

    public String string(JsonNode parent, String field, String path, boolean required) {
        return read(parent, field, path, required, JsonNode::isString, "must be a string", JsonNode::stringValue);
    }

    public Integer integer(JsonNode parent, String field, String path, boolean required, long min, long max) {
        return read(
                parent,
                field,
                path,
                required,
                n -> n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= min && n.intValue() <= max,
                "must be an integer from " + min + " to " + max,
                JsonNode::intValue);
    }

    public Long longInteger(JsonNode parent, String field, String path) {
        return read(
                parent,
                field,
                path,
                false,
                n -> n.isIntegralNumber() && n.canConvertToLong(),
                "must be a 64-bit integer",
                JsonNode::longValue);
    }

    public BigDecimal decimal(JsonNode parent, String field, String path, boolean required) {
        return read(parent, field, path, required, JsonNode::isNumber, "must be a number", JsonNode::decimalValue);
    }

    public boolean has(String field) {
        return root.has(field);
    }

    public String string(String field, boolean required) {
        return string(root, field, "", required);
    }

    public String string(String field, boolean required, int maxLength) {
        String value = string(field, required);
        if (value != null && value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public List<String> strings(String field, boolean required) {
        JsonNode node = present(root.get(field), field, required);
        if (node == null) {
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
        return read(root, field, "", false, JsonNode::isBoolean, "must be true or false", JsonNode::booleanValue);
    }

    public Instant instant(String field, boolean required) {
        String text = string(field, required, 64);
        return text == null ? null : parseInstant(text, field, violations);
    }

    /** Whole seconds from {@code min} to {@code max}. */
    public Duration seconds(String field, long min, long max) {
        return read(
                root,
                field,
                "",
                false,
                n -> n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= min && n.longValue() <= max,
                "must be a whole number of seconds from " + min + " to " + max,
                n -> Duration.ofSeconds(n.longValue()));
    }

    /** What a field or parameter that takes an instant is told when it holds anything else. */
    public static final String NOT_AN_INSTANT = "must be an ISO-8601 instant (UTC, e.g. with a trailing Z)";

    /** An ISO-8601 instant, with a trailing Z or an offset; adds a violation and returns null otherwise. */
    public static Instant parseInstant(String text, String field, List<Violation> into) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                into.add(new Violation(field, NOT_AN_INSTANT));
                return null;
            }
        }
    }

    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    /**
     * The field of {@code parent} as {@code value} reads it; null when it is absent (with "is required" when it must be
     * there) and when {@code accepts} refuses it (with {@code expected}).
     */
    private <T> T read(
            JsonNode parent,
            String field,
            String path,
            boolean required,
            Predicate<JsonNode> accepts,
            String expected,
            Function<JsonNode, T> value) {
        String at = join(path, field);
        JsonNode node = present(parent.get(field), at, required);
        if (node == null) {
            return null;
        }
        if (!accepts.test(node)) {
            add(at, expected);
            return null;
        }
        return value.apply(node);
    }

    /** The node if it holds a value; null (and "is required" when it must) if it is absent or JSON null. */
    private JsonNode present(JsonNode node, String at, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                add(at, "is required");
            }
            return null;
        }
        return node;
    }
}
