package dev.orders.webhooks.subscription;

import dev.orders.contracts.Patterns;
import dev.orders.contracts.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event types a subscription may ask for, and the wildcards over them: {@code *} (everything) and
 * {@code prefix.*} (every type that starts with {@code prefix.}, such as {@code order.*}). Names are case-sensitive,
 * as on the wire ({@code product.stockReserved}).
 */
public final class EventTypes {

    /**
     * Every event a webhook can carry, the one list: the publisher's queue is bound to exactly these, a subscription
     * may ask only for these, and each has a handler in {@code PlatformEvents} (a test checks it).
     */
    public static final List<String> KNOWN = List.of(
            Patterns.ORDER_CREATED,
            Patterns.ORDER_CONFIRMED,
            Patterns.ORDER_REJECTED,
            Patterns.ORDER_CANCELLED,
            Patterns.PRODUCT_STOCK_RESERVED);

    static final int MAX_PER_SUBSCRIPTION = 20;

    private EventTypes() {}

    public static boolean matches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (matches(pattern, type)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    /** Violations of {@code field} (a list of patterns), each naming the entry at fault. */
    public static List<Violation> validate(List<String> patterns, String field) {
        List<Violation> out = new ArrayList<>();
        if (patterns == null || patterns.isEmpty()) {
            out.add(new Violation(
                    field, "must list at least one event type, e.g. [\"order.confirmed\"] or " + "[\"order.*\"]"));
            return out;
        }
        if (patterns.size() > MAX_PER_SUBSCRIPTION) {
            out.add(new Violation(field, "must list at most " + MAX_PER_SUBSCRIPTION + " event types"));
            return out;
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String at = field + "[" + i + "]";
            if (pattern == null || pattern.isBlank()) {
                out.add(new Violation(at, "must be an event type"));
            } else if (KNOWN.stream().noneMatch(type -> matches(pattern, type))) {
                out.add(new Violation(
                        at,
                        "is not a known event type (" + String.join(", ", KNOWN) + ", or a wildcard such as order.*)"));
            }
        }
        return out;
    }

    /** The same patterns without repeats, in the order given. */
    public static List<String> normalize(List<String> patterns) {
        Set<String> unique = new LinkedHashSet<>(patterns);
        return List.copyOf(unique);
    }
}
