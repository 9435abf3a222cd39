package dev.orders.edge.notifier;

import java.time.Instant;

/**
 * One message of one event to one recipient on one channel, and what became of it. The rendered text is stored
 * with it, so a retry days later sends what the event said, whatever the templates say by then.
 *
 * @param attempts          calls made to the provider
 * @param failures          of those, the ones that failed in a way worth retrying; bounded by the retry policy
 * @param partsSent         parts of a split message already delivered
 * @param providerMessageId the provider's ids of the delivered parts, comma-separated
 * @param nextAttemptAt     when PENDING: when to try; when SENDING: when the claim runs out
 * @param traceContext      the trace context of the webhook it was made for, which its send continues (or null)
 */
public record Notification(
        String id,
        String webhookId,
        String eventType,
        String orderId,
        String recipientId,
        String channel,
        String address,
        String locale,
        String subject,
        String body,
        NotificationStatus status,
        int attempts,
        int failures,
        int partsSent,
        String providerMessageId,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt,
        Instant sentAt,
        String traceContext) {

    public static Notification pending(
            String id,
            String webhookId,
            String eventType,
            String orderId,
            Recipient recipient,
            String locale,
            String subject,
            String body,
            Instant now,
            String traceContext) {
        return new Notification(
                id,
                webhookId,
                eventType,
                orderId,
                recipient.id(),
                recipient.channel(),
                recipient.address(),
                locale,
                subject,
                body,
                NotificationStatus.PENDING,
                0,
                0,
                0,
                null,
                null,
                now,
                now,
                now,
                null,
                traceContext);
    }

    Notification with(
            NotificationStatus status,
            int attempts,
            int failures,
            int partsSent,
            String providerMessageId,
            String lastError,
            Instant nextAttemptAt,
            String address,
            Instant updatedAt,
            Instant sentAt) {
        return new Notification(
                id,
                webhookId,
                eventType,
                orderId,
                recipientId,
                channel,
                address,
                locale,
                subject,
                body,
                status,
                attempts,
                failures,
                partsSent,
                providerMessageId,
                lastError,
                nextAttemptAt,
                createdAt,
                updatedAt,
                sentAt,
                traceContext);
    }
}
