package dev.orders.infra.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import dev.orders.infra.test.TcpProxy;
import dev.orders.infra.test.TestInfra;
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
class OutboxIT {

    static final String VHOST = Isolation.of(OutboxIT.class).vhost();
    static final TcpProxy BROKER = new TcpProxy(TestInfra.RABBIT_HOST, TestInfra.RABBIT_PORT);
    static final String QUEUE = "outbox_test_queue";
    static final AmqpTestClient amqp = new AmqpTestClient(VHOST);

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
}
