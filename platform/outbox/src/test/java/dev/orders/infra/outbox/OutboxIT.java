package dev.orders.infra.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import dev.orders.infra.test.RecordingTracing;
import dev.orders.infra.test.TcpProxy;
import dev.orders.infra.test.TestInfra;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against real RabbitMQ and SQLite, with the application's broker connection going through a proxy the
 * test can cut: the broker is "down" for this application only.
 */
@SpringBootTest(classes = OutboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@IsolatedInfra(value = "outbox", database = Database.SQLITE)
@Import(OutboxIT.Tracing.class)
class OutboxIT {

    static final String VHOST = Isolation.of(OutboxIT.class).vhost();
    static final TcpProxy BROKER = new TcpProxy(TestInfra.RABBIT_HOST, TestInfra.RABBIT_PORT);
    static final String QUEUE = "outbox_test_queue";
    static final AmqpTestClient amqp = new AmqpTestClient(VHOST);
    static final RecordingTracing tracing = new RecordingTracing();

    @TestConfiguration
    static class Tracing {
        @Bean
        TraceHeaders traceHeaders() {
            return new TraceHeaders(tracing.tracer(), tracing.propagator());
        }
    }

    static {
        try {
            amqp.channel().queueDeclare(QUEUE, true, false, false, Map.of());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", BROKER::port);
        registry.add("spring.rabbitmq.connection-timeout", () -> "1s");
        registry.add("platform.messaging.declare-queues", () -> QUEUE);
        registry.add("platform.outbox.lease", () -> "1s");
        registry.add("platform.outbox.poll-interval", () -> "200ms");
        registry.add("platform.outbox.max-backoff", () -> "1s");
    }

    @AfterAll
    static void close() {
        amqp.close();
        BROKER.close();
    }

    private static String pattern(GetResponse message) {
        return AmqpTestClient.json(message).get("pattern").asString();
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    }

    @Test
    void publishesWhatACommittedTransactionWroteAndNothingOfARolledBackOne() {
        try {
            tx.executeWithoutResult(s -> {
                outbox.sendToQueue(QUEUE, "test.rolledBack", Map.of("n", 1));
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        tx.executeWithoutResult(s -> outbox.sendToQueue(QUEUE, "test.committed", Map.of("n", 2)));

        // until the committed row is published and confirmed (its row deleted); a slow confirm may have it published
        // twice (the lease is 1 s here), and the other test may leave a late message: neither is what this checks
        List<GetResponse> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(amqp.drain(QUEUE));
            return received.stream().anyMatch(r -> pattern(r).equals("test.committed")) && rows() == 0;
        });
        received.addAll(amqp.drain(QUEUE));
        GetResponse message = received.stream()
                .filter(r -> pattern(r).equals("test.committed"))
                .findFirst()
                .orElseThrow();
        assertThat(message.getProps().getMessageId()).isNotBlank();
        assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(received)
                .extracting(OutboxIT::pattern)
                .as("nothing of the rolled-back transaction")
                .doesNotContain("test.rolledBack");
    }

    @Test
    void keepsWhatWasCommittedWhileTheBrokerWasUnreachableAndPublishesItLater() {
        BROKER.cut();
        try {
            for (int i = 0; i < 20; i++) {
                int n = i;
                tx.executeWithoutResult(s -> outbox.sendToQueue(QUEUE, "test.whileDown", Map.of("n", n)));
            }
            assertThat(rows()).isEqualTo(20);
        } finally {
            BROKER.resume();
        }
        Set<Integer> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            amqp.drain(QUEUE)
                    .forEach(r ->
                            seen.add(AmqpTestClient.json(r).get("data").get("n").asInt()));
            return seen.size() == 20;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> rows() == 0);
    }

    @Test
    void retriesASendToAQueueThatDoesNotExistYet() {
        String late = "outbox_late_queue_" + TestInfra.RUN_ID;
        tx.executeWithoutResult(s -> outbox.sendToQueue(late, "test.late", List.of(1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT attempts FROM outbox WHERE routing_key = ?")
                                .param(late)
                                .query(Integer.class)
                                .optional()
                                .orElse(0)
                        > 0);
        try {
            amqp.channel().queueDeclare(late, true, false, false, Map.of());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        GetResponse message = amqp.next(late, Duration.ofSeconds(15));
        assertThat(AmqpTestClient.json(message).get("pattern").asString()).isEqualTo("test.late");
        await().atMost(Duration.ofSeconds(5)).until(() -> rows() == 0);
    }

    @Test
    void thePublishContinuesTheTraceOfTheTransactionThatWroteTheRow() {
        Tracer tracer = tracing.tracer();
        Span handling = tracer.nextSpan().name("handling").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(handling)) {
            tx.executeWithoutResult(s -> outbox.sendToQueue(QUEUE, "test.traced", Map.of("n", 3)));
        } finally {
            handling.end();
        }
        String traceId = handling.context().traceId();

        GetResponse message = awaitMessage("test.traced");
        assertThat(String.valueOf(message.getProps().getHeaders().get("traceparent")))
                .startsWith("00-" + traceId + "-");
        SpanData publish = awaitSpan("publish " + QUEUE, traceId);
        assertThat(publish.getParentSpanId()).isEqualTo(handling.context().spanId());
        assertThat(String.valueOf(message.getProps().getHeaders().get("traceparent")))
                .contains(publish.getSpanId());
    }

    @Test
    void aRowLeftByAnotherInstanceIsPublishedInTheTraceStoredWithIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";
        long now = System.currentTimeMillis();
        // as a process that died after its commit leaves it: claimed by another instance, lease already run out
        jdbc.sql("""
                INSERT INTO outbox (id, exchange, routing_key, body, created_at, available_at, attempts, claimed_by,
                                    trace_context)
                VALUES (?, '', ?, ?, ?, ?, 0, 'gone-instance', ?)""")
                .params(
                        dev.orders.infra.ids.Ids.newId(),
                        QUEUE,
                        "{\"pattern\":\"test.orphan\",\"data\":{}}",
                        now,
                        now,
                        "traceparent=00-" + traceId + "-" + parentSpanId + "-01\n")
                .update();

        GetResponse message = awaitMessage("test.orphan");
        assertThat(String.valueOf(message.getProps().getHeaders().get("traceparent")))
                .startsWith("00-" + traceId + "-");
        assertThat(awaitSpan("publish " + QUEUE, traceId).getParentSpanId()).isEqualTo(parentSpanId);
    }

    private GetResponse awaitMessage(String pattern) {
        List<GetResponse> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            received.addAll(amqp.drain(QUEUE));
            return received.stream().anyMatch(r -> pattern(r).equals(pattern));
        });
        return received.stream()
                .filter(r -> pattern(r).equals(pattern))
                .findFirst()
                .orElseThrow();
    }

    private static SpanData awaitSpan(String name, String traceId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> tracing.finished().stream()
                                .filter(s -> s.getName().equals(name)
                                        && s.getTraceId().equals(traceId))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
