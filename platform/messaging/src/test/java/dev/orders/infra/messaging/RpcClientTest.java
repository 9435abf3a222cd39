package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedCallback;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.UnblockedCallback;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.test.RecordingTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The RPC client against a scripted broker connection: what a caller sees when publishing hangs (RabbitMQ stopped
 * reading the socket), when the broker says it blocks publishers, and what every request carries.
 */
class RpcClientTest {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    final Channel channel = mock(Channel.class);
    final com.rabbitmq.client.Connection connection = mock(com.rabbitmq.client.Connection.class);
    final AtomicReference<DeliverCallback> replies = new AtomicReference<>();
    final AtomicReference<BlockedCallback> blocked = new AtomicReference<>();
    final AtomicReference<UnblockedCallback> unblocked = new AtomicReference<>();
    final List<AMQP.BasicProperties> published = new CopyOnWriteArrayList<>();
    final CountDownLatch socketReadsAgain = new CountDownLatch(1);
    volatile boolean socketStuck;
    volatile boolean answer = true;
    final RecordingTracing tracing = new RecordingTracing();
    RpcClient rpc;

    @BeforeEach
    void setUp() throws Exception {
        ConnectionFactory factory = mock(ConnectionFactory.class);
        Connection spring = mock(Connection.class);
        when(factory.createConnection()).thenReturn(spring);
        when(spring.getDelegate()).thenReturn(connection);
        when(connection.createChannel()).thenReturn(channel);
        when(channel.isOpen()).thenReturn(true);
        doAnswer(call -> {
                    blocked.set(call.getArgument(0));
                    unblocked.set(call.getArgument(1));
                    return null;
                })
                .when(connection)
                .addBlockedListener(any(BlockedCallback.class), any(UnblockedCallback.class));
        doAnswer(call -> {
                    replies.set(call.getArgument(2));
                    return "consumer";
                })
                .when(channel)
                .basicConsume(
                        eq("amq.rabbitmq.reply-to"), eq(true), any(DeliverCallback.class), any(CancelCallback.class));
        doAnswer(call -> {
                    AMQP.BasicProperties props = call.getArgument(3);
                    published.add(props);
                    if (socketStuck) {
                        socketReadsAgain.await(); // a socket write to a broker that stopped reading
                    }
                    if (answer) {
                        replies.get()
                                .handle(
                                        "consumer",
                                        new Delivery(
                                                new Envelope(1, false, "", props.getReplyTo()),
                                                new AMQP.BasicProperties.Builder()
                                                        .correlationId(props.getCorrelationId())
                                                        .build(),
                                                "{\"response\":\"pong\",\"isDisposed\":true}"
                                                        .getBytes(StandardCharsets.UTF_8)));
                    }
                    return null;
                })
                .when(channel)
                .basicPublish(eq(""), anyString(), anyBoolean(), any(AMQP.BasicProperties.class), any(byte[].class));
        rpc = new RpcClient(factory, TIMEOUT, new TraceHeaders(tracing.tracer(), tracing.propagator()), 1);
    }

    @AfterEach
    void tearDown() {
        socketReadsAgain.countDown();
        rpc.close();
    }

    /** Runs a request on its own thread, so that a caller stuck for good cannot stall the test itself. */
    private CompletableFuture<Object> sendAsync() {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x")));
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        return outcome;
    }

    @Test
    void aCallerGivesUpInTimeEvenWhenThePublishNeverReturns() {
        socketStuck = true;
        CompletableFuture<Object> first = sendAsync();
        CompletableFuture<Object> second = sendAsync();

        await().atMost(Duration.ofSeconds(10)).until(() -> first.isDone() && second.isDone());
        assertThat(first.join()).isInstanceOf(RpcClient.RpcTimeout.class);
        assertThat(second.join()).isInstanceOf(RpcClient.RpcTimeout.class);
        assertThat(rpc.inFlight()).isZero();
    }

    @Test
    void whileTheBrokerBlocksPublishersCallersWaitWithinTheirDeadlineAndSendNothing() throws Exception {
        assertThat(rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x")).asString())
                .isEqualTo("pong");
        blocked.get().handle("low on memory");

        assertThatThrownBy(() -> rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x")))
                .isInstanceOf(RpcClient.RpcTimeout.class);
        verify(channel, times(1))
                .basicPublish(eq(""), anyString(), anyBoolean(), any(AMQP.BasicProperties.class), any(byte[].class));

        unblocked.get().handle();
        assertThat(rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x")).asString())
                .isEqualTo("pong");
    }

    @Test
    void forgetsARequestThatTimedOut() {
        answer = false;

        assertThatThrownBy(() -> rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x")))
                .isInstanceOf(RpcClient.RpcTimeout.class);
        assertThat(rpc.inFlight()).isZero();
    }

    @Test
    void everyRequestCarriesItsDeadline() {
        long before = System.currentTimeMillis();
        rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x"));
        long after = System.currentTimeMillis();

        AMQP.BasicProperties props = published.getFirst();
        assertThat(Long.parseLong(props.getExpiration())).isBetween(1L, TIMEOUT.toMillis());
        assertThat((Long) props.getHeaders().get(FailureRouter.EXPIRES_AT_HEADER))
                .isBetween(before + TIMEOUT.toMillis(), after + TIMEOUT.toMillis());
    }

    @Test
    void aRequestCarriesItsClientSpanInTheCallersTrace() {
        Tracer tracer = tracing.tracer();
        Span caller = tracer.nextSpan().name("POST /orders").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(caller)) {
            rpc.sendRaw("orders_queue", "orders.get", Map.of("id", "x"));
        } finally {
            caller.end();
        }

        SpanData client = tracing.finished().stream()
                .filter(span -> span.getName().equals("orders.get"))
                .findFirst()
                .orElseThrow();
        assertThat(client.getTraceId()).isEqualTo(caller.context().traceId());
        assertThat(client.getParentSpanId()).isEqualTo(caller.context().spanId());
        assertThat(published.getFirst().getHeaders())
                .containsEntry("traceparent", "00-" + client.getTraceId() + "-" + client.getSpanId() + "-01")
                .containsKey(FailureRouter.EXPIRES_AT_HEADER);
    }
}
