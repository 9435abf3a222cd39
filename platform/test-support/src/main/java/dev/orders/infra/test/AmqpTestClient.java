package dev.orders.infra.test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A plain AMQP client for tests: raw publishes, NestJS-style requests, taps on the events exchange. It writes the
 * NestJS envelope itself, as a NestJS client would, rather than with the platform's codec under test.
 */
public final class AmqpTestClient implements AutoCloseable {

    private record Request(JsonNode pattern, Object data, String id) {}

    private record Event(JsonNode pattern, Object data) {}

    private final Connection connection;
    private final Channel channel;

    public AmqpTestClient(String vhost) {
        TestInfra.requireRabbitMq();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestInfra.RABBIT_HOST);
        factory.setPort(TestInfra.RABBIT_PORT);
        factory.setVirtualHost(vhost);
        try {
            connection = factory.newConnection("test-client");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new AssertionError("Cannot connect to RabbitMQ vhost " + vhost, e);
        }
    }

    public Channel channel() {
        return channel;
    }

    public synchronized void publishRaw(String exchange, String routingKey, byte[] body, AMQP.BasicProperties props) {
        try {
            channel.basicPublish(exchange, routingKey, props, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public void publishRaw(String queue, String body) {
        publishRaw("", queue, body.getBytes(StandardCharsets.UTF_8), new AMQP.BasicProperties());
    }

    /** A NestJS {@code emit}: {@code {"pattern","data"}} straight to the queue. */
    public void emit(String queue, String pattern, Object data) {
        publishRaw(
                "",
                queue,
                WireJson.mapper().writeValueAsBytes(new Event(pattern(pattern), data)),
                new AMQP.BasicProperties());
    }

    /** A NestJS {@code send} over direct reply-to; returns the whole reply body. */
    public JsonNode request(String queue, String pattern, Object data, Duration timeout) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 21);
        return requestRaw(
                queue, WireJson.mapper().writeValueAsBytes(new Request(pattern(pattern), data, id)), id, timeout);
    }

    public JsonNode requestRaw(String queue, byte[] body, String correlationId, Duration timeout) {
        try (Channel rpc = connection.createChannel()) {
            BlockingQueue<byte[]> replies = new ArrayBlockingQueue<>(10);
            rpc.basicConsume(
                    "amq.rabbitmq.reply-to",
                    true,
                    (tag, delivery) -> {
                        if (correlationId.equals(delivery.getProperties().getCorrelationId())) {
                            replies.offer(delivery.getBody());
                        }
                    },
                    tag -> {});
            rpc.basicPublish(
                    "",
                    queue,
                    new AMQP.BasicProperties.Builder()
                            .correlationId(correlationId)
                            .replyTo("amq.rabbitmq.reply-to")
                            .build(),
                    body);
            byte[] reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new AssertionError("no reply from " + queue + " within " + timeout);
            }
            return WireJson.mapper().readTree(reply);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A private queue bound to {@code exchange} with {@code bindingKey}, to watch events. */
    public String tap(String exchange, String bindingKey) {
        try {
            String queue = "tap-" + UUID.randomUUID();
            channel.queueDeclare(queue, false, false, true, Map.of());
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public synchronized GetResponse get(String queue) {
        try {
            return channel.basicGet(queue, true);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the next message on {@code queue}. */
    public GetResponse next(String queue, Duration timeout) {
        GetResponse[] holder = new GetResponse[1];
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> (holder[0] = get(queue)) != null);
        return holder[0];
    }

    /** Everything on {@code queue} now, without waiting. */
    public List<GetResponse> drain(String queue) {
        List<GetResponse> out = new ArrayList<>();
        GetResponse r;
        while ((r = get(queue)) != null) {
            out.add(r);
        }
        return out;
    }

    public synchronized long messageCount(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static JsonNode json(GetResponse response) {
        return WireJson.mapper().readTree(response.getBody());
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException ignored) {
            // closing anyway
        }
    }

    /** An object pattern given as JSON text goes out as the object, as NestJS sends it. */
    private static JsonNode pattern(String pattern) {
        String trimmed = pattern.trim();
        if (trimmed.startsWith("{")) {
            try {
                return WireJson.mapper().readTree(trimmed);
            } catch (tools.jackson.core.JacksonException ignored) {
                // not JSON after all: a plain string
            }
        }
        return WireJson.mapper().getNodeFactory().stringNode(pattern);
    }
}
