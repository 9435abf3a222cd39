package dev.orders.infra.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.observability.TraceHeaders;
import io.micrometer.tracing.Span;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * NestJS-style {@code send(pattern, data)} over RabbitMQ direct reply-to, built the way a NestJS client is: a few
 * long-lived channels ("lanes"), each consuming {@code amq.rabbitmq.reply-to} once and publishing requests on the
 * same channel, with replies matched to callers by {@code correlationId} (= the envelope {@code id}). No channel
 * checkout per request. A lane whose channel closed (broker restart) is opened again on next use; requests in
 * flight on it fail at once.
 *
 * <p>A caller waits for at most the timeout, whatever the broker does. It never writes to the socket itself: each
 * lane has one writer thread that publishes what callers hand it, so when RabbitMQ stops reading from the connection
 * (a memory or disk alarm blocks publishers, and a socket write then waits until the alarm clears) only that writer
 * waits, and the callers time out on their replies. While the broker says the connection is blocked
 * ({@code connection.blocked}), callers do not even queue requests: they wait for it to be unblocked within their
 * own deadline. Every request carries that deadline, as an AMQP {@code expiration} (counted by the broker from
 * when it takes the message) and as the absolute time in {@link FailureRouter#EXPIRES_AT_HEADER} (which a
 * consumer checks, so a request the broker only took after the caller gave up is not acted on). Each request is a
 * client span of the caller's trace, whose context travels in the request's headers ({@link TraceHeaders}).
 */
public class RpcClient implements AutoCloseable {

    private static final String REPLY_TO = "amq.rabbitmq.reply-to";
    /** Requests a lane's writer may have waiting; beyond that callers fail at once: the broker is not taking them. */
    private static final int LANE_BACKLOG = 1024;

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;
    private final TraceHeaders tracing;
    private final Lane[] lanes;
    private final AtomicInteger next = new AtomicInteger();
    /** Every request waiting for its reply, until it has one or its caller stops waiting. */
    private final Map<String, Call> pending = new ConcurrentHashMap<>();

    public RpcClient(ConnectionFactory connectionFactory, Duration timeout, TraceHeaders tracing) {
        this(connectionFactory, timeout, tracing, 4);
    }

    public RpcClient(ConnectionFactory connectionFactory, Duration timeout, TraceHeaders tracing, int lanes) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
        this.tracing = tracing;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    private record Call(CompletableFuture<byte[]> reply, Lane lane) {}

    /** A request handed to a lane's writer. */
    private record Outgoing(
            String queue,
            String id,
            byte[] body,
            long expiresAt,
            Map<String, Object> headers,
            CompletableFuture<byte[]> reply) {}

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
            throw new RpcFailure(
                    "reply from " + pattern + " does not match " + responseType + ": " + e.getOriginalMessage());
        }
    }

    /** The {@code response} of the reply, or throws {@link RpcErrorReply}, {@link RpcTimeout}, {@link RpcFailure}. */
    public JsonNode sendRaw(String queue, String pattern, Object data) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long expiresAt = System.currentTimeMillis() + timeout.toMillis();
        String id = newRequestId();
        byte[] body = NestEnvelope.request(pattern, data, id);
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        Lane lane = lanes[Math.floorMod(next.getAndIncrement(), lanes.length)];
        Span span = tracing.tracer()
                .spanBuilder() // a child of the caller's current span
                .name(pattern)
                .kind(Span.Kind.CLIENT)
                .tag("messaging.system", "rabbitmq")
                .tag("messaging.destination.name", queue)
                .start();
        Map<String, Object> headers = new HashMap<>(4);
        headers.put(FailureRouter.EXPIRES_AT_HEADER, expiresAt);
        tracing.inject(span, headers);
        pending.put(id, new Call(reply, lane));
        byte[] bytes;
        try {
            lane.submit(new Outgoing(queue, id, body, expiresAt, headers, reply), deadline);
            bytes = reply.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            span.error(new RpcTimeout(pattern));
            throw new RpcTimeout(pattern);
        } catch (ExecutionException e) {
            RpcFailure failure = e.getCause() instanceof RpcFailure f
                    ? f
                    : new RpcFailure(
                            "request " + pattern + " failed: " + e.getCause().getMessage(), e.getCause());
            span.error(failure);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFailure("interrupted waiting for " + pattern);
        } catch (RpcFailure e) {
            span.error(e);
            throw e;
        } finally {
            pending.remove(id);
            reply.cancel(false); // a writer that has not sent it yet skips it
            span.end();
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

    /** Requests waiting for a reply now; none once every caller has returned. */
    int inFlight() {
        return pending.size();
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.writer.shutdownNow();
        }
    }

    /**
     * One channel that both consumes replies and publishes requests, as direct reply-to requires; only its writer
     * thread touches the channel.
     */
    private final class Lane {
        final ThreadPoolExecutor writer;
        private Channel channel;
        private com.rabbitmq.client.Connection watched;
        /** Complete unless the broker has blocked the connection. */
        private volatile CompletableFuture<Void> unblocked = CompletableFuture.completedFuture(null);

        Lane(int number) {
            writer = new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(LANE_BACKLOG),
                    Thread.ofVirtual().name("rpc-lane-" + number).factory());
        }

        /** Hands a request to the writer, waiting (until {@code deadline}) while the broker blocks publishers. */
        void submit(Outgoing request, long deadline) throws TimeoutException, InterruptedException {
            CompletableFuture<Void> gate = unblocked;
            if (!gate.isDone()) {
                try {
                    gate.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
                } catch (ExecutionException impossible) {
                    // completed normally only
                }
            }
            try {
                writer.execute(() -> write(request));
            } catch (RejectedExecutionException e) {
                throw new RpcFailure("the broker is not taking requests for " + request.queue() + " (" + LANE_BACKLOG
                        + " wait to be sent)");
            }
        }

        private void write(Outgoing request) {
            long ttl = request.expiresAt() - System.currentTimeMillis();
            if (request.reply().isDone() || ttl <= 0) {
                return; // its caller has stopped waiting
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .correlationId(request.id())
                    .replyTo(REPLY_TO)
                    .contentType("application/json")
                    .deliveryMode(1)
                    // a request nobody picked up before the caller gave up expires in the queue, not acted on late
                    .expiration(Long.toString(ttl))
                    .headers(request.headers())
                    .build();
            try {
                open().basicPublish("", request.queue(), true, props, request.body());
            } catch (IOException | RuntimeException e) {
                request.reply()
                        .completeExceptionally(
                                new RpcFailure("cannot reach " + request.queue() + ": " + e.getMessage(), e));
            }
        }

        private Channel open() throws IOException {
            if (channel != null && channel.isOpen()) {
                return channel;
            }
            com.rabbitmq.client.Connection connection =
                    connectionFactory.createConnection().getDelegate();
            if (connection != watched) {
                // a new connection starts unblocked; this one tells when the broker blocks and unblocks it
                connection.addBlockedListener(reason -> blocked(), this::unblocked);
                watched = connection;
                unblocked();
            }
            Channel ch = connection.createChannel();
            if (ch == null) {
                throw new IOException("no channel available");
            }
            ch.basicConsume(
                    REPLY_TO,
                    true,
                    (tag, delivery) -> {
                        Call call = pending.get(delivery.getProperties().getCorrelationId());
                        if (call != null) {
                            call.reply().complete(delivery.getBody());
                        }
                    },
                    tag -> {});
            ch.addReturnListener(returned -> {
                Call call = pending.get(returned.getProperties().getCorrelationId());
                if (call != null) {
                    call.reply()
                            .completeExceptionally(new RpcFailure("unroutable: no queue " + returned.getRoutingKey()
                                    + " (" + returned.getReplyText() + ")"));
                }
            });
            ch.addShutdownListener(this::failInFlight);
            channel = ch;
            return ch;
        }

        private void blocked() {
            if (unblocked.isDone()) {
                unblocked = new CompletableFuture<>();
            }
        }

        private void unblocked() {
            unblocked.complete(null);
        }

        private void failInFlight(ShutdownSignalException cause) {
            RpcFailure failure = new RpcFailure("connection to the broker lost: " + cause.getMessage(), cause);
            for (Call call : pending.values()) {
                if (call.lane() == this) {
                    call.reply().completeExceptionally(failure);
                }
            }
            unblocked();
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
