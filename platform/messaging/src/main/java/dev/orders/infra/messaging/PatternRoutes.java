package dev.orders.infra.messaging;

import dev.orders.infra.json.WireJson;
import java.text.Collator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a NestJS pattern into the route string handlers are registered under, as {@code @nestjs/microservices} 11
 * does ({@code transformPatternToRoute}): a string stays itself unless it parses as JSON; an object becomes
 * {@code {"k":v,...}} with keys sorted like JavaScript's {@code localeCompare}, string values quoted and escaped,
 * numbers and booleans bare, no whitespace. So {@code {role:'math',cmd:'sum'}} in any key order, or sent as a JSON
 * string, is {@code {"cmd":"sum","role":"math"}}.
 */
public final class PatternRoutes {

    private static final int MAX_DEPTH = 5;
    private static final int MAX_KEYS = 20;

    private PatternRoutes() {}

    /** Route of a pattern given as it appears in the envelope (a JSON string, object, number...). */
    public static String route(JsonNode pattern) {
        if (pattern == null || pattern.isMissingNode()) {
            return null;
        }
        if (pattern.isString()) {
            return fromString(pattern.stringValue());
        }
        return transform(pattern, 0);
    }

    /** Route of a pattern written as text, e.g. in a handler annotation. */
    public static String fromString(String pattern) {
        if (pattern.isEmpty() || !mayBeJson(pattern.charAt(0))) {
            // the usual case ("orders.create"): JSON.parse would fail, and a failed parse costs an exception
            return pattern;
        }
        JsonNode parsed;
        try {
            parsed = WireJson.mapper().readTree(pattern);
        } catch (JacksonException notJson) {
            return pattern;
        }
        if (parsed == null || parsed.isMissingNode() || parsed.isString()) {
            return pattern;
        }
        return transform(parsed, 0);
    }

    private static boolean mayBeJson(char first) {
        return first == '{'
                || first == '['
                || first == '"'
                || first == '-'
                || Character.isDigit(first)
                || first == 't'
                || first == 'f'
                || first == 'n'
                || Character.isWhitespace(first);
    }

    private static String transform(JsonNode node, int depth) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return jsNumber(node);
        }
        if (!node.isContainer()) {
            return node.asString();
        }
        if (depth > MAX_DEPTH) {
            return "[MAX_DEPTH_REACHED]";
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                entries.add(Map.entry(Integer.toString(i), node.get(i)));
            }
        } else {
            entries.addAll(node.properties());
        }
        if (entries.size() > MAX_KEYS) {
            return "[TOO_MANY_KEYS]";
        }
        Collator collator = Collator.getInstance(Locale.ROOT);
        entries.sort((a, b) -> collator.compare(a.getKey(), b.getKey()));
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonNode value = entries.get(i).getValue();
            out.append('"').append(entries.get(i).getKey()).append("\":");
            if (value.isString()) {
                out.append('"').append(escape(value.stringValue())).append('"');
            } else {
                out.append(transform(value, depth + 1));
            }
        }
        return out.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String jsNumber(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        double d = node.doubleValue();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
