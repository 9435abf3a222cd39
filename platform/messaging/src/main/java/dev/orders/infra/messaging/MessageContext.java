package dev.orders.infra.messaging;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * What a handler may know about the message beyond its payload.
 *
 * @param requestId the envelope {@code id} of a request (null for events); unique per request, stable across
 *                  redeliveries of that request
 * @param messageId the AMQP message id when the sender set one (our outbox always does)
 * @param attempt   1 on first handling, more when retried after a failure
 * @param sentAt    when the sender says the message was made: our outbox's commit time in milliseconds
 *                  ({@link #EVENT_TIME_HEADER}), else the AMQP timestamp (whole seconds), else null
 */
public record MessageContext(
        String route,
        String requestId,
        String messageId,
        boolean redelivered,
        int attempt,
        Map<String, Object> headers,
        Instant sentAt) {

    /** Milliseconds since the epoch at which the outbox row was written; set by our outbox relay. */
    public static final String EVENT_TIME_HEADER = "x-event-time-ms";

    static Instant sentAt(Map<String, Object> headers, Date amqpTimestamp) {
        if (headers.get(EVENT_TIME_HEADER) instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return amqpTimestamp == null ? null : amqpTimestamp.toInstant();
    }
}
