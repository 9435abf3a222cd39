package dev.orders.infra.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.Destinations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

/**
 * What an operator does with a dead-letter queue: look at it without losing anything (messages are read and put
 * back in place), and replay it (each message goes back to its work queue, confirmed by the broker, before it is
 * removed from the dead-letter queue; its retry count starts again).
 */
public class DeadLetters {

    private final RabbitTemplate template;
    private final ConfirmedPublisher publisher;
    private final MessagingProperties properties;
    private final DefaultMessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    public DeadLetters(RabbitTemplate template, ConfirmedPublisher publisher, MessagingProperties properties) {
        this.template = template;
        this.publisher = publisher;
        this.properties = properties;
    }

    public record DeadLetter(
            String reason,
            String originalQueue,
            String deadLetteredAt,
            Object retryCount,
            String messageId,
            String body) {}

    public List<String> queues() {
        return properties.consumeQueues();
    }

    public List<DeadLetter> list(String queue, int limit) {
        requireOwn(queue);
        return template.execute(channel -> {
            List<DeadLetter> out = new ArrayList<>();
            List<Long> tags = new ArrayList<>();
            GetResponse r;
            while (out.size() < limit && (r = channel.basicGet(Destinations.deadLetterQueue(queue), false)) != null) {
                tags.add(r.getEnvelope().getDeliveryTag());
                Map<String, Object> h = r.getProps().getHeaders() == null
                        ? Map.of()
                        : r.getProps().getHeaders();
                String body = preview(r.getBody());
                out.add(new DeadLetter(
                        text(h.get(Destinations.DEAD_LETTER_REASON_HEADER)),
                        text(h.get(FailureRouter.ORIGINAL_QUEUE_HEADER)),
                        text(h.get(FailureRouter.DEAD_LETTERED_AT_HEADER)),
                        h.get(FailureRouter.RETRY_COUNT_HEADER),
                        r.getProps().getMessageId(),
                        body));
            }
            putBack(channel, tags);
            return out;
        });
    }

    /** Moves up to {@code limit} dead letters of {@code queue} back to it; returns how many. */
    public int replay(String queue, int limit) {
        requireOwn(queue);
        Integer moved = template.execute(channel -> {
            // only what is there now: a message that fails again comes back to the end of the queue
            long present = channel.queueDeclarePassive(Destinations.deadLetterQueue(queue))
                    .getMessageCount();
            long max = Math.min(limit, present);
            int count = 0;
            GetResponse r;
            while (count < max && (r = channel.basicGet(Destinations.deadLetterQueue(queue), false)) != null) {
                MessageProperties props = converter.toMessageProperties(r.getProps(), r.getEnvelope(), "UTF-8");
                props.getHeaders().remove(FailureRouter.RETRY_COUNT_HEADER);
                props.getHeaders().remove(Destinations.DEAD_LETTER_REASON_HEADER);
                props.getHeaders().remove(FailureRouter.DEAD_LETTERED_AT_HEADER);
                props.getHeaders().remove(FailureRouter.LAST_ERROR_HEADER);
                // the operator asks for it to be handled now, whatever its sender's deadline was
                props.getHeaders().remove(FailureRouter.EXPIRES_AT_HEADER);
                props.getHeaders().remove(FailureRouter.ORIGINAL_EXPIRATION_HEADER);
                props.setHeader("x-replayed-from", Destinations.deadLetterQueue(queue));
                try {
                    publisher.publishAndWait("", queue, new Message(r.getBody(), props), properties.confirmTimeout());
                } catch (RuntimeException e) {
                    channel.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
                    throw e;
                }
                channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
                count++;
            }
            return count;
        });
        return moved == null ? 0 : moved;
    }

    private static void putBack(Channel channel, List<Long> tags) throws java.io.IOException {
        if (!tags.isEmpty()) {
            channel.basicNack(tags.getLast(), true, true);
        }
    }

    private void requireOwn(String queue) {
        if (!properties.consumeQueues().contains(queue)) {
            throw new IllegalArgumentException("not a queue of this service: " + queue);
        }
    }

    /** The first 2,000 characters of a body, decoding no more of it than that needs (a body may be 20 MB). */
    static String preview(byte[] body) {
        int max = 2000;
        String head = new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8);
        return head.length() > max || body.length > max * 4
                ? head.substring(0, Math.min(max, head.length())) + "…"
                : head;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public static Map<String, Object> summary(String queue, List<DeadLetter> letters) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queue", queue);
        out.put("deadLetterQueue", Destinations.deadLetterQueue(queue));
        out.put("items", letters);
        return out;
    }
}
