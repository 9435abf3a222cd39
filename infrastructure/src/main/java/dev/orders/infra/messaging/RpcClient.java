package dev.orders.infra.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import dev.orders.infra.json.WireJson;

/**
 * NestJS-style {@code send(pattern, data)} over RabbitMQ direct reply-to, built the way a NestJS client is: a few
 * long-lived channels ("lanes"), each consuming {@code amq.rabbitmq.reply-to} once and publishing requests on the
 * same channel, with replies matched to callers by {@code correlationId} (= the envelope {@code id}). No channel
 * checkout per request. A lane whose channel closed (broker restart) is opened again on next use; requests in
 * flight on it fail at once. Callers block (on virtual threads) for at most the timeout.
 */
public class RpcClient {

    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;
    private final String expiration;
    private final Lane[] lanes;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

    public RpcClient(ConnectionFactory connectionFactory, Duration timeout) {
        this(connectionFactory, timeout, 4);
    }

    public RpcClient(ConnectionFactory connectionFactory, Duration timeout, int lanes) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
        // a request nobody picked up before the caller gave up expires in the queue instead of being acted on late
        this.expiration = Long.toString(timeout.toMillis());
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    public <T> T send(String queue, String pattern, Object data, Class<T> responseType) {
        return send(queue, pattern, data, WireJson.mapper().constructType(responseType));
    }

    @SuppressWarnings("unchecked")
    public <T> T send(String queue, String pattern, Object data, JavaType responseType) {
        JsonNode response = sendRaw(queue, pattern, data);
        if (response == null || response.isNull()) {
            return null;
        }
        try {
            return (T) WireJson.mapper().treeToValue(response, responseType);
        } catch (JacksonException e) {
            throw new RpcFailure("reply from " + pattern + " does not match " + responseType + ": "
                    + e.getOriginalMessage());
        }
    }

    /** The {@code response} of the reply, or throws {@link RpcErrorReply}, {@link RpcTimeout}, {@link RpcFailure}. */
    public JsonNode sendRaw(String queue, String pattern, Object data) {
        String id = newRequestId();
        byte[] body = NestEnvelope.request(pattern, data, id);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .correlationId(id).replyTo(REPLY_TO).contentType("application/json").deliveryMode(1)
                .expiration(expiration).build();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Lane lane = lanes[Math.floorMod(next.getAndIncrement(), lanes.length)];
        byte[] bytes;
        try {
            lane.publish(queue, props, body, id);
            bytes = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RpcTimeout(pattern);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RpcFailure failure ? failure
                    : new RpcFailure("request " + pattern + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFailure("interrupted waiting for " + pattern);
        } finally {
            pending.remove(id);
        }
        JsonNode envelope;
        try {
            envelope = WireJson.mapper().readTree(bytes);
        } catch (JacksonException e) {
            throw new RpcFailure("reply to " + pattern + " is not JSON");
        }
        JsonNode err = envelope.get("err");
        if (err != null && !err.isNull()) {
            throw new RpcErrorReply(err);
        }
        return envelope.get("response");
    }

    /** One channel that both consumes replies and publishes requests, as direct reply-to requires. */
    private final class Lane {
        private Channel channel;
        private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

        synchronized void publish(String queue, AMQP.BasicProperties props, byte[] body, String id) {
            try {
                Channel ch = open();
                inFlight.add(id);
                ch.basicPublish("", queue, true, props, body);
            } catch (IOException | AmqpException | ShutdownSignalException e) {
                inFlight.remove(id);
                throw new RpcFailure("cannot reach " + queue + ": " + e.getMessage(), e);
            }
        }

        private Channel open() throws IOException {
            if (channel != null && channel.isOpen()) {
                return channel;
            }
            com.rabbitmq.client.Connection connection = connectionFactory.createConnection().getDelegate();
            Channel ch = connection.createChannel();
            if (ch == null) {
                throw new IOException("no channel available");
            }
            ch.basicConsume(REPLY_TO, true, (tag, delivery) -> {
                String correlationId = delivery.getProperties().getCorrelationId();
                if (correlationId != null) {
                    inFlight.remove(correlationId);
                    CompletableFuture<byte[]> future = pending.get(correlationId);
                    if (future != null) {
                        future.complete(delivery.getBody());
                    }
                }
            }, tag -> { });
            ch.addReturnListener(returned -> {
                String correlationId = returned.getProperties().getCorrelationId();
                inFlight.remove(correlationId);
                CompletableFuture<byte[]> future = pending.get(correlationId);
                if (future != null) {
                    future.completeExceptionally(new RpcFailure("unroutable: no queue " + returned.getRoutingKey()
                            + " (" + returned.getReplyText() + ")"));
                }
            });
            ch.addShutdownListener(cause -> failInFlight(cause));
            channel = ch;
            return ch;
        }

        private void failInFlight(ShutdownSignalException cause) {
            for (String id : inFlight) {
                CompletableFuture<byte[]> future = pending.get(id);
                if (future != null) {
                    future.completeExceptionally(new RpcFailure("connection to the broker lost: "
                            + cause.getMessage(), cause));
                }
            }
            inFlight.clear();
        }
    }

    /** 21 lowercase hex characters, like NestJS's request ids. */
    static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 21);
    }

    public static class RpcFailure extends RuntimeException {
        public RpcFailure(String message) {
            super(message);
        }

        public RpcFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static class RpcTimeout extends RpcFailure {
        public RpcTimeout(String pattern) {
            super("no reply to " + pattern + " in time");
        }
    }

    /** The remote handler answered with {@code err}; {@link #code()} is our error code when it set one. */
    public static class RpcErrorReply extends RpcFailure {
        private final JsonNode err;

        public RpcErrorReply(JsonNode err) {
            super(err.isObject() && err.has("message") ? err.get("message").asString() : err.asString());
            this.err = err;
        }

        public String code() {
            return err.isObject() && err.has("code") ? err.get("code").asString() : null;
        }

        public JsonNode err() {
            return err;
        }
    }
}
