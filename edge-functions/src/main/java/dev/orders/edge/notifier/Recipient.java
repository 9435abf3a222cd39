package dev.orders.edge.notifier;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Someone the notifier writes to, on one channel at one address.
 *
 * @param eventTypes        patterns: an exact type ({@code order.confirmed}), a prefix wildcard ({@code order.*})
 *                          or {@code *}
 * @param locale            language tag such as {@code es} or {@code en-GB}; null means the default
 * @param deactivatedReason why {@code active} became false by itself (the chat blocked the bot), if it did
 * @param migratedFrom      the previous address, after Telegram moved a group to a supergroup
 */
public record Recipient(
        String id,
        RecipientKind kind,
        String channel,
        String address,
        String name,
        List<String> eventTypes,
        String locale,
        boolean active,
        String deactivatedReason,
        String migratedFrom,
        Instant createdAt,
        Instant updatedAt) {

    public static final Pattern EVENT_TYPE_PATTERN =
            Pattern.compile("^(\\*|[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?)$");

    public Recipient {
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean wants(String eventType) {
        return eventTypes.stream().anyMatch(p -> matches(p, eventType));
    }

    /** {@code order.*} matches {@code order.confirmed} and {@code order.x.y}, not {@code order} nor {@code orders.x}. */
    public static boolean matches(String pattern, String eventType) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return eventType.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(eventType);
    }
}
