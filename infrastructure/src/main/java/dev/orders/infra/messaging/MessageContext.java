package dev.orders.infra.messaging;

import java.util.Map;

/**
 * What a handler may know about the message beyond its payload.
 *
 * @param requestId the envelope {@code id} of a request (null for events); unique per request, stable across
 *                  redeliveries of that request
 * @param messageId the AMQP message id when the sender set one (our outbox always does)
 * @param attempt   1 on first handling, more when retried after a failure
 * @param sentAt    the AMQP timestamp when the sender set one (our outbox sets the commit time), else null
 */
public record MessageContext(String route, String requestId, String messageId, boolean redelivered, int attempt,
                             Map<String, Object> headers, java.time.Instant sentAt) {
}
