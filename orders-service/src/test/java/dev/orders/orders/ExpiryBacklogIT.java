package dev.orders.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.Patterns;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * After an outage the expiry sweep finds a backlog of orders long past their deadline and ends all of them within a
 * minute, each with one {@code order.rejected} and one {@code product.releaseStock}. The sweep runs with its default
 * interval and pending timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@IsolatedInfra(value = "backlog", database = Database.CHOSEN_BY_BUILD, redis = true)
class ExpiryBacklogIT {

    static final String VHOST = Isolation.of(ExpiryBacklogIT.class).vhost();
    static final int BACKLOG = 10_000;
    static final String ITEMS = "[{\"productId\":\"00000000-0000-4000-8000-0000000000cc\",\"quantity\":1}]";
    static AmqpTestClient amqp;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    /** Counts, per order id, the messages with {@code pattern} arriving on {@code queue}. */
    private static Map<String, Integer> countPerOrder(String queue, String pattern, String idField) throws IOException {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        Channel channel = amqp.channel().getConnection().createChannel();
        channel.basicQos(1000);
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> {
                    JsonNode message = dev.orders.infra.json.WireJson.mapper().readTree(delivery.getBody());
                    if (message.get("pattern").asString().equals(pattern)) {
                        counts.merge(message.get("data").get(idField).asString(), 1, Integer::sum);
                    }
                },
                tag -> {});
        return counts;
    }

    @Test
    void endsABacklogOfTenThousandExpiredOrdersWithinAMinute() throws IOException {
        String rejectedTap = amqp.tap(Destinations.EVENTS_EXCHANGE, Patterns.ORDER_REJECTED);
        Map<String, Integer> rejected = countPerOrder(rejectedTap, Patterns.ORDER_REJECTED, "id");
        Map<String, Integer> released =
                countPerOrder(Destinations.PRODUCTS_QUEUE, Patterns.PRODUCT_RELEASE_STOCK, "orderId");
        long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        List<String> ids =
                IntStream.range(0, BACKLOG).mapToObj(i -> Ids.newId()).toList();
        tx.executeWithoutResult(s -> jdbcTemplate.batchUpdate("""
                INSERT INTO orders (id, idempotency_key, status, items, created_at, updated_at)
                VALUES (?, ?, 'PENDING', ?, ?, ?)""", ids, 1000, (ps, id) -> {
            ps.setString(1, id);
            ps.setString(2, Ids.newId());
            ps.setString(3, ITEMS);
            ps.setLong(4, anHourAgo);
            ps.setLong(5, anHourAgo);
        }));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("SELECT count(*) FROM orders WHERE status = 'REJECTED' AND reason = 'EXPIRED'")
                                .query(Long.class)
                                .single()
                        == BACKLOG);

        // every ending committed its messages with it; the outbox empties as the broker confirms them
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM outbox")
                                        .query(Long.class)
                                        .single()
                                == 0
                        && amqp.messageCount(rejectedTap) == 0
                        && amqp.messageCount(Destinations.PRODUCTS_QUEUE) == 0
                        && rejected.size() == BACKLOG
                        && released.size() == BACKLOG);
        assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rejected.values()).as("one order.rejected per order").allMatch(n -> n == 1);
        assertThat(released.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(released.values()).as("one product.releaseStock per order").allMatch(n -> n == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE status <> 'REJECTED'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
