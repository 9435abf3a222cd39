package dev.orders.webhooks.support;

import com.rabbitmq.client.AMQP;
import dev.orders.contracts.Destinations;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/** Publishes events the way the platform does: NestJS envelope on the events exchange, routing key = pattern. */
public final class EventPublisher {

    private final dev.orders.infra.test.AmqpTestClient amqp;

    public EventPublisher(dev.orders.infra.test.AmqpTestClient amqp) {
        this.amqp = amqp;
    }

    /** Like our outbox relay: persistent, message id = event id, timestamp = event time. Returns the id. */
    public String publish(String pattern, String dataJson) {
        return publish(pattern, dataJson, UUID.randomUUID().toString());
    }

    public String publish(String pattern, String dataJson, String messageId) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .deliveryMode(2)
                .contentType("application/json")
                .timestamp(new Date())
                .build();
        amqp.publishRaw(Destinations.EVENTS_EXCHANGE, pattern, envelope(pattern, dataJson), props);
        return messageId;
    }

    /** As {@link #publish(String, String)}, continuing the trace named by a W3C {@code traceparent}. */
    public String publishTraced(String pattern, String dataJson, String traceparent) {
        String messageId = UUID.randomUUID().toString();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .deliveryMode(2)
                .contentType("application/json")
                .timestamp(new Date())
                .headers(java.util.Map.of("traceparent", traceparent))
                .build();
        amqp.publishRaw(Destinations.EVENTS_EXCHANGE, pattern, envelope(pattern, dataJson), props);
        return messageId;
    }

    /** Like a NestJS {@code emit}: no message id, no properties beyond the defaults. */
    public void publishWithoutId(String pattern, String dataJson) {
        amqp.publishRaw(Destinations.EVENTS_EXCHANGE, pattern, envelope(pattern, dataJson), new AMQP.BasicProperties());
    }

    private static byte[] envelope(String pattern, String dataJson) {
        return ("{\"pattern\":\"" + pattern + "\",\"data\":" + dataJson + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** An order as orders-service emits it, with a fresh id. */
    public static String order(String status) {
        String now = java.time.Instant.now().toString();
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"" + status + "\",\"items\":[{\"productId\":\""
                + UUID.randomUUID() + "\",\"quantity\":2}],\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now
                + "\"}";
    }
}
