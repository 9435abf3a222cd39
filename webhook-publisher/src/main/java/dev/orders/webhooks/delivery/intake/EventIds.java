package dev.orders.webhooks.delivery.intake;

import dev.orders.infra.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * The id that deduplicates an event. Our outbox sets the AMQP message id to the event id, the same on every
 * redelivery; a NestJS emitter sets none, so then the id is a SHA-256 of the message (pattern and data), which is
 * the same for a redelivered copy. Two genuinely different events with identical bodies would share it, which no
 * order event does (its {@code updatedAt} differs).
 */
public final class EventIds {

    static final int MAX_LENGTH = 255;

    private EventIds() {}

    public static String of(String messageId, String pattern, JsonNode data) {
        if (messageId != null && !messageId.isBlank()) {
            String trimmed = messageId.trim();
            return trimmed.length() <= MAX_LENGTH ? trimmed : "sha256:" + sha256(trimmed);
        }
        String canonical = pattern + "\n" + WireJson.mapper().writeValueAsString(data);
        return "sha256:" + sha256(canonical);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
