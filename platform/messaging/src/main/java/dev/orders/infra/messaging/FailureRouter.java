package dev.orders.infra.messaging;

import dev.orders.contracts.Destinations;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Sends a message that could not be handled either to its queue's dead-letter queue, with the reason in a header,
 * or to the delay queue that hands it back to its queue later. Both wait for the broker's confirm, so the caller
 * may acknowledge the original only when the copy is safe. Copies share the original's body (a 20 MB body is not
 * copied in memory to be parked).
 *
 * <p>A request carries its deadline: the gateway gives up on it after its RPC timeout and sets both an AMQP
 * {@code expiration} and the absolute time in {@link #EXPIRES_AT_HEADER}. A retry copy keeps that deadline (the
 * broker drops {@code expiration} when it dead-letters the copy back from the delay queue, so the header is what
 * the consumer checks); a request whose deadline has passed is not retried. A dead-lettered copy keeps no
 * {@code expiration} (it would silently vanish from the dead-letter queue); the original value is kept in
 * {@link #ORIGINAL_EXPIRATION_HEADER}.
 */
public class FailureRouter {

    public static final String RETRY_COUNT_HEADER = "x-retry-count";
    public static final String ORIGINAL_QUEUE_HEADER = "x-original-queue";
    public static final String DEAD_LETTERED_AT_HEADER = "x-dead-lettered-at";
    public static final String LAST_ERROR_HEADER = "x-last-error";
    /** Epoch milliseconds after which the sender no longer waits for the answer to this request. */
    public static final String EXPIRES_AT_HEADER = "x-expires-at";

    public static final String ORIGINAL_EXPIRATION_HEADER = "x-original-expiration";

    private final ConfirmedPublisher publisher;
    private final MessagingProperties properties;
    private final Clock clock;

    public FailureRouter(ConfirmedPublisher publisher, MessagingProperties properties) {
        this(publisher, properties, Clock.systemUTC());
    }

    FailureRouter(ConfirmedPublisher publisher, MessagingProperties properties, Clock clock) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    public void deadLetter(Message original, String queue, String reason, int attempts) {
        MessageProperties from = original.getMessageProperties();
        MessageBuilderSupport<Message> copy = sameBody(original)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(Destinations.DEAD_LETTER_REASON_HEADER, truncate(reason))
                .setHeader(ORIGINAL_QUEUE_HEADER, queue)
                .setHeader(DEAD_LETTERED_AT_HEADER, clock.instant().toString())
                .setHeader(RETRY_COUNT_HEADER, Math.max(attempts - 1, 0));
        if (from.getExpiration() != null) {
            copy.setHeader(ORIGINAL_EXPIRATION_HEADER, from.getExpiration()).setExpiration(null);
        }
        publisher.publishAndWait("", Destinations.deadLetterQueue(queue), copy.build(), properties.confirmTimeout());
    }

    /**
     * Schedules attempt number {@code attempt + 1}, unless the request's deadline has passed: then nothing is
     * published and this answers false (nobody waits for the answer any more, and acting late is what the deadline
     * is there to prevent).
     */
    public boolean retryLater(Message original, String queue, int attempt, Throwable cause) {
        Duration delay = properties.retryDelay(attempt);
        long now = clock.millis();
        Long deadline = deadline(original.getMessageProperties(), now);
        MessageBuilderSupport<Message> copy = sameBody(original)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(RETRY_COUNT_HEADER, attempt)
                .setHeader(LAST_ERROR_HEADER, truncate(describe(cause)));
        if (deadline != null) {
            if (deadline <= now) {
                return false;
            }
            copy.setHeader(EXPIRES_AT_HEADER, deadline).setExpiration(Long.toString(deadline - now));
        }
        publisher.publishAndWait(
                "", MessagingProperties.retryQueue(queue, delay), copy.build(), properties.confirmTimeout());
        return true;
    }

    /**
     * When the sender stops waiting: {@link #EXPIRES_AT_HEADER}, else the AMQP {@code expiration} counted from the
     * AMQP timestamp (or from {@code now} without one); null when the message has neither.
     */
    static Long deadline(MessageProperties properties, long now) {
        Long expiresAt = expiresAt(properties);
        if (expiresAt != null) {
            return expiresAt;
        }
        String expiration = properties.getExpiration();
        if (expiration == null) {
            return null;
        }
        long ttl;
        try {
            ttl = Long.parseLong(expiration.trim());
        } catch (NumberFormatException e) {
            return null; // the broker refuses such a publish; nothing to keep
        }
        long from =
                properties.getTimestamp() != null ? properties.getTimestamp().getTime() : now;
        return ttl < 0 ? null : from + ttl;
    }

    /** {@link #EXPIRES_AT_HEADER} when it is a number; null otherwise. */
    static Long expiresAt(MessageProperties properties) {
        return properties.getHeaders().get(EXPIRES_AT_HEADER) instanceof Number n ? n.longValue() : null;
    }

    /** A copy with its own properties and the original's body (not cloned). */
    private static MessageBuilderSupport<Message> sameBody(Message original) {
        return MessageBuilder.withBody(original.getBody()).copyProperties(original.getMessageProperties());
    }

    /** 1 for a message never retried; the retry count is ours, but any sender can set the header, so clamp it. */
    public static int attemptOf(Message message) {
        Object count = message.getMessageProperties().getHeaders().get(RETRY_COUNT_HEADER);
        if (count instanceof Number n) {
            long retries = n.longValue();
            return retries <= 0 ? 1 : retries >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) retries + 1;
        }
        return 1;
    }

    static String describe(Throwable t) {
        Throwable root = rootCause(t);
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        return root == t ? text : text + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /**
     * The database refused the data itself (SQLSTATE class 22, "data exception": a NUL byte in text, a time out of
     * range, a value too long for its column). The same message fails the same way on every attempt, so it is
     * poison, not a passing failure.
     */
    static boolean isDataError(Throwable t) {
        return causes(t).stream()
                .anyMatch(c -> c instanceof SQLException sql
                        && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("22"));
    }

    private static Throwable rootCause(Throwable t) {
        return causes(t).getLast();
    }

    /** {@code t} and its causes, at most 32 deep, so that a cycle of causes cannot loop forever. */
    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && chain.size() < 32 && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
