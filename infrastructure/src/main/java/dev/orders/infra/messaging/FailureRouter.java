package dev.orders.infra.messaging;

import java.time.Duration;
import java.time.Instant;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import dev.orders.contracts.Destinations;

/**
 * Sends a message that could not be handled either to its queue's dead-letter queue, with the reason in a header,
 * or to the delay queue that hands it back to its queue later. Both wait for the broker's confirm, so the caller
 * may acknowledge the original only when the copy is safe.
 */
public class FailureRouter {

    public static final String RETRY_COUNT_HEADER = "x-retry-count";
    public static final String ORIGINAL_QUEUE_HEADER = "x-original-queue";
    public static final String DEAD_LETTERED_AT_HEADER = "x-dead-lettered-at";
    public static final String LAST_ERROR_HEADER = "x-last-error";

    private final ConfirmedPublisher publisher;
    private final MessagingProperties properties;

    public FailureRouter(ConfirmedPublisher publisher, MessagingProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    public void deadLetter(Message original, String queue, String reason, int attempts) {
        Message copy = MessageBuilder.fromClonedMessage(original)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(Destinations.DEAD_LETTER_REASON_HEADER, truncate(reason))
                .setHeader(ORIGINAL_QUEUE_HEADER, queue)
                .setHeader(DEAD_LETTERED_AT_HEADER, Instant.now().toString())
                .setHeader(RETRY_COUNT_HEADER, attempts - 1)
                .build();
        publisher.publishAndWait("", Destinations.deadLetterQueue(queue), copy, properties.confirmTimeout());
    }

    /** Schedules attempt number {@code attempt + 1}. */
    public void retryLater(Message original, String queue, int attempt, Throwable cause) {
        Duration delay = properties.retryDelay(attempt);
        Message copy = MessageBuilder.fromClonedMessage(original)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(RETRY_COUNT_HEADER, attempt)
                .setHeader(LAST_ERROR_HEADER, truncate(describe(cause)))
                .build();
        publisher.publishAndWait("", MessagingProperties.retryQueue(queue, delay), copy, properties.confirmTimeout());
    }

    public static int attemptOf(Message message) {
        Object count = message.getMessageProperties().getHeaders().get(RETRY_COUNT_HEADER);
        if (count instanceof Number n) {
            return n.intValue() + 1;
        }
        return 1;
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        return root == t ? text : text + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
