package dev.orders.gateway.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import dev.orders.contracts.Violation;

/**
 * Reads a JSON body field by field and collects every type error with its path ({@code items[2].quantity}), so a
 * client learns about all wrong fields at once. Range and format rules are {@link dev.orders.contracts.Validation}'s.
 */
public final class BodyReader {

    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return violations;
    }

    /**
     * Adds the rule violations of fields that had no type error, then throws if anything is wrong: the client hears
     * about every bad field once, with the most basic complaint.
     */
    public void checkWith(List<Violation> ruleViolations) {
        Set<String> reported = new java.util.HashSet<>();
        violations.forEach(v -> reported.add(v.field()));
        ruleViolations.stream().filter(v -> !reported.contains(v.field())).forEach(violations::add);
        dev.orders.infra.web.ProblemException.check(violations);
    }

    public void add(String field, String message) {
        violations.add(new Violation(field, message));
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
        JsonNode node = parent.get(field);
        String at = join(path, field);
        if (node == null || node.isNull()) {
            if (required) {
                add(at, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            add(at, "must be a string");
            return null;
        }
        return node.stringValue();
    }

    public Integer integer(JsonNode parent, String field, String path, boolean required, long min, long max) {
        JsonNode node = parent.get(field);
        String at = join(path, field);
        if (node == null || node.isNull()) {
            if (required) {
                add(at, "is required");
            }
            return null;
        }
        if (!node.isIntegralNumber()) {
            add(at, "must be an integer from " + min + " to " + max);
            return null;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            add(at, "must be an integer from " + min + " to " + max);
            return null;
        }
        return node.intValue();
    }

    public Long longInteger(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        String at = join(path, field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            add(at, "must be a 64-bit integer");
            return null;
        }
        return node.longValue();
    }

    public BigDecimal decimal(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent.get(field);
        String at = join(path, field);
        if (node == null || node.isNull()) {
            if (required) {
                add(at, "is required");
            }
            return null;
        }
        if (!node.isNumber()) {
            add(at, "must be a number");
            return null;
        }
        return node.decimalValue();
    }

    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }
}
