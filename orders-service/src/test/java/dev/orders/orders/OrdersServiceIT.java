package dev.orders.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.CancelOrder;
import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Destinations;
import dev.orders.contracts.GetOrder;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Patterns;
import dev.orders.contracts.ReservationOutcome;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import dev.orders.infra.test.TestInfra;
import dev.orders.orders.idempotency.RedisIdempotency;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * orders-service alone against real RabbitMQ, Redis and SQLite; the test plays products-service by reading
 * {@code product.reserveStock} from {@code products_queue} and answering {@code product.stockReserved}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra(value = "orders", database = Database.CHOSEN_BY_BUILD, redis = true)
class OrdersServiceIT {

    static final String VHOST = Isolation.of(OrdersServiceIT.class).vhost();
    static final String DB = Isolation.of(OrdersServiceIT.class).jdbcUrl();
    static final String PREFIX = Isolation.of(OrdersServiceIT.class).redisPrefix();
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String PRODUCT = "00000000-0000-4000-8000-0000000000aa";

    static AmqpTestClient amqp;
    static String events;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisIdempotency idempotency;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("orders.pending-timeout", () -> "10m");
        // nothing expires here; a sweep (an UPDATE) would also wait on the table lock a test takes
        registry.add("orders.expiry-sweep-interval", () -> "1h");
        registry.add("orders.amqp-default-owner", () -> "amqp-" + TestInfra.RUN_ID);
        registry.add("platform.messaging.retry-delays", () -> "300ms,600ms");
        // enough attempts that a message put back while a lock is held is still there when the test frees the lock
        registry.add("platform.messaging.max-attempts", () -> "30");
    }

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(VHOST);
    }

    @AfterAll
    static void close() {
        amqp.close();
    }

    private String tapEvents() {
        return amqp.tap(Destinations.EVENTS_EXCHANGE, "order.#");
    }

    private JsonNode create(CreateOrder command) {
        JsonNode reply = amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_CREATE, command, WAIT);
        assertThat(reply.has("err")).as("reply %s", reply).isFalse();
        assertThat(reply.get("isDisposed").asBoolean()).isTrue();
        return reply.get("response");
    }

    private JsonNode get(String id) {
        return amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(id), WAIT)
                .get("response");
    }

    /** The reserveStock request orders-service sent for {@code orderId}. */
    private JsonNode reserveRequestFor(String orderId) {
        JsonNode request = productsMessageFor(orderId, Patterns.PRODUCT_RESERVE_STOCK);
        assertThat(request.has("id")).as("sent as an event: no id").isFalse();
        return request.get("data");
    }

    /** The releaseStock orders-service sent for {@code orderId}, waiting for it. */
    private JsonNode releaseFor(String orderId) {
        return productsMessageFor(orderId, Patterns.PRODUCT_RELEASE_STOCK).get("data");
    }

    /**
     * The message with {@code pattern} about {@code orderId} that orders-service sent to products_queue, waiting for
     * it; messages about other orders are skipped (earlier tests leave theirs, and the outbox sends after the reply).
     */
    private JsonNode productsMessageFor(String orderId, String pattern) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            for (GetResponse r : amqp.drain(Destinations.PRODUCTS_QUEUE)) {
                JsonNode body = AmqpTestClient.json(r);
                if (found[0] == null
                        && body.get("pattern").asString().equals(pattern)
                        && body.get("data").get("orderId").asString().equals(orderId)) {
                    found[0] = body;
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    private double handled(String route) {
        var timer = meters.find("platform.handler").tag("route", route).timer();
        return timer == null ? 0 : timer.count();
    }

    /**
     * The events about {@code orderId} on the tap, in arrival order, once {@code count} have arrived. Events about
     * other orders are skipped: an earlier test's order may announce itself after this test's tap was bound (the
     * outbox publishes after the reply).
     */
    private List<GetResponse> eventsFor(String tap, String orderId, int count) {
        List<GetResponse> events = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (GetResponse r : amqp.drain(tap)) {
                if (AmqpTestClient.json(r).get("data").get("id").asString().equals(orderId)) {
                    events.add(r);
                }
            }
            return events.size() >= count;
        });
        return events;
    }

    private List<String> eventKindsFor(String tap, String orderId, int count) {
        return eventsFor(tap, orderId, count).stream()
                .map(r -> AmqpTestClient.json(r).get("pattern").asString())
                .toList();
    }

    @Test
    void createsAPendingOrderAsksForStockAndAnnouncesIt() {
        String tap = tapEvents();
        JsonNode order = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 2)), null, null));
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        JsonNode reserve = reserveRequestFor(order.get("id").asString());
        assertThat(reserve.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(reserve.get("idempotencyKey").asString()).isNotBlank();
        List<GetResponse> events = eventsFor(tap, order.get("id").asString(), 1);
        assertThat(events).hasSize(1);
        GetResponse created = events.getFirst();
        assertThat(created.getEnvelope().getRoutingKey()).isEqualTo(Patterns.ORDER_CREATED);
        assertThat(created.getProps().getMessageId()).isNotBlank();
    }

    @Test
    void appliesAReservationOutcomeDeliveredTwiceOnlyOnce() {
        String tap = tapEvents();
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        JsonNode reserve = reserveRequestFor(id);
        String key = reserve.get("idempotencyKey").asString();
        ReservationOutcome outcome = new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 1)));
        double before = handled(Patterns.PRODUCT_STOCK_RESERVED);

        amqp.emit(Destinations.ORDERS_QUEUE, Patterns.PRODUCT_STOCK_RESERVED, outcome);
        amqp.emit(Destinations.ORDERS_QUEUE, Patterns.PRODUCT_STOCK_RESERVED, outcome);

        await().atMost(WAIT).until(() -> handled(Patterns.PRODUCT_STOCK_RESERVED) >= before + 2);
        JsonNode order = get(id);
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(eventKindsFor(tap, id, 2)).containsExactly(Patterns.ORDER_CREATED, Patterns.ORDER_CONFIRMED);
        Long ttl = redis.getExpire(PREFIX + "processed:" + key);
        assertThat(ttl)
                .isBetween(
                        Duration.ofHours(24).minusMinutes(1).toSeconds(),
                        Duration.ofHours(24).toSeconds());
        assertThat(redis.hasKey(PREFIX + "lock:" + key)).as("lock released").isFalse();
    }

    @Test
    void replayAfterTheProcessedKeyExpiredChangesNothing() {
        String tap = tapEvents();
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();
        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 1))));
        await().atMost(WAIT).until(() -> get(id).get("status").asString().equals("CONFIRMED"));
        String updatedAt = get(id).get("updatedAt").asString();
        // the key is written after the commit the status shows: wait for it, or the delete could come first
        await().atMost(WAIT).until(() -> redis.hasKey(PREFIX + "processed:" + key));
        redis.delete(PREFIX + "processed:" + key);
        double before = handled(Patterns.PRODUCT_STOCK_RESERVED);

        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, false, "OUT_OF_STOCK", List.of(new OrderLine(PRODUCT, 1))));

        await().atMost(WAIT).until(() -> handled(Patterns.PRODUCT_STOCK_RESERVED) >= before + 1);
        JsonNode order = get(id);
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("updatedAt").asString()).isEqualTo(updatedAt);
        assertThat(eventKindsFor(tap, id, 2)).containsExactly(Patterns.ORDER_CREATED, Patterns.ORDER_CONFIRMED);
    }

    @Test
    void waitsWhileAnotherConsumerHoldsTheLockAndAppliesOnceAfter() {
        String tap = tapEvents();
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();
        String lockKey = PREFIX + "lock:" + key;
        redis.opsForValue().set(lockKey, "someone-else", Duration.ofSeconds(10));
        double before = handled(Patterns.PRODUCT_STOCK_RESERVED);

        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, false, "OUT_OF_STOCK", List.of(new OrderLine(PRODUCT, 1))));

        // attempted (and put back for later) while the lock is held, without deciding
        await().atMost(WAIT).until(() -> handled(Patterns.PRODUCT_STOCK_RESERVED) >= before + 2);
        assertThat(get(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(redis.opsForValue().get(lockKey)).isEqualTo("someone-else");

        redis.delete(lockKey);
        await().atMost(WAIT).until(() -> get(id).get("status").asString().equals("REJECTED"));
        assertThat(get(id).get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(eventKindsFor(tap, id, 2)).containsExactly(Patterns.ORDER_CREATED, Patterns.ORDER_REJECTED);
    }

    /**
     * Holds every write to the orders table until closed, so that a handling of a reservation outcome stays inside
     * its transaction. PostgreSQL: a SHARE lock on the table from the test's own connection (reads go on; the
     * handlers' UPDATE waits). SQLite has one writer and the service one pooled connection: the test holds that.
     */
    private final class OrderWritesHeld implements AutoCloseable {

        private final boolean postgres = DB.startsWith("jdbc:postgresql:");
        private final Connection held;

        OrderWritesHeld() throws SQLException {
            if (postgres) {
                held = DriverManager.getConnection(DB, "postgres", "");
                held.setAutoCommit(false);
                try (Statement s = held.createStatement()) {
                    s.execute("LOCK TABLE orders IN SHARE MODE");
                }
            } else {
                held = dataSource.getConnection();
            }
        }

        /** Waits until {@code count} transactions are waiting for the held writes. */
        void awaitWaiting(int count) {
            await().atMost(WAIT).until(() -> waiting() >= count);
        }

        private int waiting() throws SQLException {
            if (!postgres) {
                return dataSource
                        .unwrap(BasicDataSource.class)
                        .getConnectionPool()
                        .getNumWaiters();
            }
            try (Connection c = DriverManager.getConnection(DB, "postgres", "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'orders'::regclass")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        @Override
        public void close() throws SQLException {
            if (postgres) {
                held.rollback();
            }
            held.close();
        }
    }

    private long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    @Test
    void aDuplicateOutcomeThatLosesTheRaceGivesNoStockBackForTheConfirmedOrder() throws SQLException {
        String tap = tapEvents();
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();
        String lockKey = PREFIX + "lock:" + key;
        ReservationOutcome approved = new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 1)));
        double before = handled(Patterns.PRODUCT_STOCK_RESERVED);

        try (OrderWritesHeld writes = new OrderWritesHeld()) {
            amqp.emit(Destinations.ORDERS_QUEUE, Patterns.PRODUCT_STOCK_RESERVED, approved);
            await().atMost(WAIT).until(() -> redis.hasKey(lockKey));
            String first = redis.opsForValue().get(lockKey);
            writes.awaitWaiting(1);
            // the first handling's lock expires (or Redis loses it) while it is still in its transaction
            redis.delete(lockKey);
            amqp.emit(Destinations.ORDERS_QUEUE, Patterns.PRODUCT_STOCK_RESERVED, approved);
            await().atMost(WAIT).until(() -> {
                String holder = redis.opsForValue().get(lockKey);
                return holder != null && !holder.equals(first);
            });
            // both have read the order as PENDING and wait to update it
            writes.awaitWaiting(2);
        }

        await().atMost(WAIT).until(() -> handled(Patterns.PRODUCT_STOCK_RESERVED) >= before + 2);
        // both transactions committed; once the outbox is empty everything they wrote is on the queues
        await().atMost(WAIT).until(() -> outboxRows() == 0);
        assertThat(get(id).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(eventKindsFor(tap, id, 2)).containsExactly(Patterns.ORDER_CREATED, Patterns.ORDER_CONFIRMED);
        List<String> toProducts = amqp.drain(Destinations.PRODUCTS_QUEUE).stream()
                .map(AmqpTestClient::json)
                .filter(m -> m.get("data").get("orderId").asString().equals(id))
                .map(m -> m.get("pattern").asString())
                .toList();
        assertThat(toProducts).as("no stock given back for a confirmed order").isEmpty();
    }

    @Test
    void lockExpiresAfterTenSecondsAndOnlyItsOwnerCanReleaseIt() {
        String key = "lock-test-" + TestInfra.RUN_ID;
        RedisIdempotency.Lock lock = idempotency.tryLock(key).orElseThrow();
        assertThat(idempotency.tryLock(key)).as("second taker").isEmpty();
        Long pttl = redis.getExpire(lock.key(), java.util.concurrent.TimeUnit.MILLISECONDS);
        // at most the 10 s it was taken for (a stalled test may read it late, hence the wide lower bound)
        assertThat(pttl).isBetween(5_000L, 10_000L);

        assertThat(idempotency.release(new RedisIdempotency.Lock(lock.key(), "not-the-owner")))
                .isFalse();
        assertThat(redis.opsForValue().get(lock.key())).isEqualTo(lock.token());
        assertThat(idempotency.release(lock)).isTrue();
        assertThat(redis.hasKey(lock.key())).isFalse();

        RedisIdempotency.Lock expiring = idempotency.tryLock(key).orElseThrow();
        await().atLeast(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !redis.hasKey(expiring.key()));
        assertThat(idempotency.release(expiring))
                .as("an expired lock is not someone's to delete")
                .isFalse();
    }

    @Test
    void returnsTheSameOrderForTheSameIdempotencyKeyAndRefusesADifferentBody() {
        String clientKey = "client-" + TestInfra.RUN_ID;
        JsonNode first = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 3)), null, clientKey));
        JsonNode again = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 3)), null, clientKey));
        assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());

        JsonNode refused = amqp.request(
                Destinations.ORDERS_QUEUE,
                Patterns.ORDERS_CREATE,
                new CreateOrder(List.of(new OrderLine(PRODUCT, 4)), null, clientKey),
                WAIT);
        assertThat(refused.get("err").get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(refused.get("err").get("status").asString()).isEqualTo("error");
    }

    @Test
    void scopesAnIdempotencyKeyToItsOwner() {
        String clientKey = "shared-" + TestInfra.RUN_ID;
        List<OrderLine> lines = List.of(new OrderLine(PRODUCT, 1));
        JsonNode alice = create(new CreateOrder(lines, null, clientKey, "alice-" + TestInfra.RUN_ID, false));
        JsonNode bob = create(new CreateOrder(lines, null, clientKey, "bob-" + TestInfra.RUN_ID, false));
        assertThat(bob.get("id").asString())
                .as("another owner's key is another order")
                .isNotEqualTo(alice.get("id").asString());
        assertThat(bob.get("ownerId").asString()).isEqualTo("bob-" + TestInfra.RUN_ID);
        JsonNode aliceAgain = create(new CreateOrder(lines, null, clientKey, "alice-" + TestInfra.RUN_ID, false));
        assertThat(aliceAgain.get("id").asString()).isEqualTo(alice.get("id").asString());

        // owner and key are kept apart even when a colon could join them the same way
        JsonNode first = create(new CreateOrder(lines, null, "b:" + clientKey, "a-" + TestInfra.RUN_ID, false));
        JsonNode second = create(new CreateOrder(lines, null, clientKey, "a-" + TestInfra.RUN_ID + ":b", false));
        assertThat(second.get("id").asString()).isNotEqualTo(first.get("id").asString());
    }

    @Test
    void findsListsAndCancelsOnlyTheOrdersOfTheOwnerARequestNames() {
        String alice = "reader-alice-" + TestInfra.RUN_ID;
        String bob = "reader-bob-" + TestInfra.RUN_ID;
        String aliceOrder = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null, alice, true))
                .get("id")
                .asString();
        String bobOrder = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null, bob, true))
                .get("id")
                .asString();

        JsonNode asBob =
                amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(aliceOrder, bob), WAIT);
        assertThat(asBob.get("err").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_GET, new GetOrder(aliceOrder, alice), WAIT)
                        .get("response")
                        .get("ownerId")
                        .asString())
                .isEqualTo(alice);
        assertThat(get(aliceOrder).get("id").asString())
                .as("no owner named: any order")
                .isEqualTo(aliceOrder);

        JsonNode cancelledByBob =
                amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_CANCEL, new CancelOrder(aliceOrder, bob), WAIT);
        assertThat(cancelledByBob.get("err").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(get(aliceOrder).get("status").asString()).isEqualTo("PENDING");

        JsonNode bobsList = amqp.request(
                        Destinations.ORDERS_QUEUE,
                        Patterns.ORDERS_LIST,
                        new dev.orders.contracts.ListOrders(null, 100, null, bob),
                        WAIT)
                .get("response");
        assertThat(bobsList.get("items").findValuesAsString("id")).containsExactly(bobOrder);
        JsonNode everyone = amqp.request(
                        Destinations.ORDERS_QUEUE,
                        Patterns.ORDERS_LIST,
                        new dev.orders.contracts.ListOrders(null, 100, null, null),
                        WAIT)
                .get("response");
        assertThat(everyone.get("items").findValuesAsString("id")).contains(aliceOrder, bobOrder);

        assertThat(amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_CANCEL, new CancelOrder(bobOrder, bob), WAIT)
                        .get("response")
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void anOrderFromASenderThatNamesNoOwnerBelongsToTheAmqpOwnerAndMayNotifyItsCustomer() {
        String tap = tapEvents();
        JsonNode trusted = create(new CreateOrder(
                List.of(new OrderLine(PRODUCT, 1)), new dev.orders.contracts.Customer("Ana", 42L, null, "es"), null));
        assertThat(trusted.get("ownerId").asString()).isEqualTo("amqp-" + TestInfra.RUN_ID);
        assertThat(trusted.get("notifyCustomer").asBoolean()).isTrue();
        JsonNode created = AmqpTestClient.json(
                        eventsFor(tap, trusted.get("id").asString(), 1).getFirst())
                .get("data");
        assertThat(created.get("ownerId").asString()).isEqualTo("amqp-" + TestInfra.RUN_ID);
        assertThat(created.get("notifyCustomer").asBoolean())
                .as("the event carries the consent")
                .isTrue();

        JsonNode withoutConsent = create(new CreateOrder(
                List.of(new OrderLine(PRODUCT, 1)),
                new dev.orders.contracts.Customer("Ana", 42L, null, "es"),
                null,
                "shop-" + TestInfra.RUN_ID,
                false));
        assertThat(withoutConsent.get("notifyCustomer").asBoolean()).isFalse();
        assertThat(AmqpTestClient.json(eventsFor(tap, withoutConsent.get("id").asString(), 1)
                                .getFirst())
                        .get("data")
                        .get("notifyCustomer")
                        .asBoolean())
                .isFalse();

        JsonNode badOwner = amqp.request(
                Destinations.ORDERS_QUEUE,
                Patterns.ORDERS_CREATE,
                new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null, "x".repeat(201), true),
                WAIT);
        assertThat(badOwner.get("err").get("details").get(0).get("field").asString())
                .isEqualTo("ownerId");
    }

    @Test
    void aRedeliveredRequestCreatesOneOrder() {
        byte[] body = ("{\"pattern\":\"orders.create\",\"data\":{\"items\":[{\"productId\":\"" + PRODUCT
                        + "\",\"quantity\":1}]},\"id\":\"same-request-" + TestInfra.RUN_ID + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode first = amqp.requestRaw(Destinations.ORDERS_QUEUE, body, "c1-" + TestInfra.RUN_ID, WAIT);
        JsonNode second = amqp.requestRaw(Destinations.ORDERS_QUEUE, body, "c2-" + TestInfra.RUN_ID, WAIT);
        assertThat(second.get("response").get("id").asString())
                .isEqualTo(first.get("response").get("id").asString());
    }

    @Test
    void answersAnInvalidRequestWithTheViolationsAndDeadLettersIt() {
        amqp.drain(Destinations.deadLetterQueue(Destinations.ORDERS_QUEUE));
        JsonNode reply = amqp.request(
                Destinations.ORDERS_QUEUE,
                Patterns.ORDERS_CREATE,
                Map.of("items", List.of(Map.of("productId", PRODUCT, "quantity", 0))),
                WAIT);
        assertThat(reply.get("err").get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.get("err").get("details").get(0).get("field").asString())
                .isEqualTo("items[0].quantity");
        GetResponse dead = amqp.next(Destinations.deadLetterQueue(Destinations.ORDERS_QUEUE), WAIT);
        assertThat(dead.getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("items[0].quantity");
    }

    @Test
    void deadLettersPoisonAndKeepsConsuming() {
        String dlq = Destinations.deadLetterQueue(Destinations.ORDERS_QUEUE);
        amqp.drain(dlq);
        amqp.publishRaw(Destinations.ORDERS_QUEUE, "this is not json");
        GetResponse notJson = amqp.next(dlq, WAIT);
        assertThat(new String(notJson.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        assertThat(notJson.getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("not JSON");

        JsonNode noHandler = amqp.request(Destinations.ORDERS_QUEUE, "orders.unknown", Map.of(), WAIT);
        assertThat(noHandler.get("err").asString())
                .isEqualTo("There is no matching message handler defined in the remote service.");
        assertThat(noHandler.get("status").asString()).isEqualTo("error");
        assertThat(noHandler.has("id")).isTrue();
        GetResponse unknown = amqp.next(dlq, WAIT);
        assertThat(unknown.getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("orders.unknown");

        amqp.emit(Destinations.ORDERS_QUEUE, "order.somethingElse", Map.of("x", 1));
        GetResponse unknownEvent = amqp.next(dlq, WAIT);
        assertThat(unknownEvent
                        .getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("no handler for event");

        assertThat(create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void deadLettersAnOutcomeForAnUnknownOrder() {
        String dlq = Destinations.deadLetterQueue(Destinations.ORDERS_QUEUE);
        amqp.drain(dlq);
        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(
                        "00000000-0000-7000-8000-000000000000", "k", true, null, List.of(new OrderLine(PRODUCT, 1))));
        GetResponse dead = amqp.next(dlq, WAIT);
        assertThat(dead.getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .contains("no order");
    }

    private JsonNode cancel(String id) {
        return amqp.request(Destinations.ORDERS_QUEUE, Patterns.ORDERS_CANCEL, new CancelOrder(id), WAIT);
    }

    @Test
    void cancelsAPendingOrderReleasesItsStockAndGivesBackALateReservation() {
        String tap = tapEvents();
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();

        JsonNode cancelled = cancel(id).get("response");
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(releaseFor(id).get("reason").asString()).isEqualTo("CANCELLED");

        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 1))));
        assertThat(releaseFor(id)).as("the late reservation is given back").isNotNull();
        assertThat(get(id).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(eventKindsFor(tap, id, 2)).containsExactly(Patterns.ORDER_CREATED, Patterns.ORDER_CANCELLED);
    }

    @Test
    void cancelsAConfirmedOrderAndRefusesToCancelItTwice() {
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();
        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, true, null, List.of(new OrderLine(PRODUCT, 1))));
        await().atMost(WAIT).until(() -> get(id).get("status").asString().equals("CONFIRMED"));

        assertThat(cancel(id).get("response").get("status").asString()).isEqualTo("CANCELLED");
        assertThat(releaseFor(id)).isNotNull();
        JsonNode again = cancel(id);
        assertThat(again.get("err").get("code").asString()).isEqualTo("CONFLICT");
    }

    @Test
    void refusesToCancelARejectedOrder() {
        String id = create(new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, null))
                .get("id")
                .asString();
        String key = reserveRequestFor(id).get("idempotencyKey").asString();
        amqp.emit(
                Destinations.ORDERS_QUEUE,
                Patterns.PRODUCT_STOCK_RESERVED,
                new ReservationOutcome(id, key, false, "OUT_OF_STOCK", List.of(new OrderLine(PRODUCT, 1))));
        await().atMost(WAIT).until(() -> get(id).get("status").asString().equals("REJECTED"));
        assertThat(cancel(id).get("err").get("code").asString()).isEqualTo("CONFLICT");
        assertThat(cancel("0193e7a2-0000-7000-8000-000000000000")
                        .get("err")
                        .get("code")
                        .asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void letsAnOperatorListAndReplayDeadLetters() throws Exception {
        String dlq = Destinations.deadLetterQueue(Destinations.ORDERS_QUEUE);
        amqp.drain(dlq);
        String clientKey = "replayed-" + TestInfra.RUN_ID;
        amqp.publishRaw(
                "",
                dlq,
                dev.orders.infra.messaging.NestEnvelope.event(Patterns.ORDERS_CREATE, Map.of()),
                new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .headers(Map.of(Destinations.DEAD_LETTER_REASON_HEADER, "parked by the test"))
                        .build());
        byte[] request = dev.orders.infra.messaging.NestEnvelope.request(
                Patterns.ORDERS_CREATE,
                new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, clientKey),
                "parked-request");
        amqp.publishRaw(
                "",
                dlq,
                request,
                new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .headers(Map.of(Destinations.DEAD_LETTER_REASON_HEADER, "parked by the test"))
                        .build());
        await().atMost(WAIT).until(() -> amqp.messageCount(dlq) == 2);

        var http = java.net.http.HttpClient.newHttpClient();
        var base = java.net.URI.create("http://localhost:" + port + "/admin/dead-letters");
        var anonymous = http.send(
                java.net.http.HttpRequest.newBuilder(base).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        var listed = http.send(
                java.net.http.HttpRequest.newBuilder(base)
                        .header("Authorization", "Bearer dev-admin-key")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode items =
                dev.orders.infra.json.WireJson.mapper().readTree(listed.body()).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("reason").asString()).isEqualTo("parked by the test");
        assertThat(amqp.messageCount(dlq)).as("listing loses nothing").isEqualTo(2);

        var replayed = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/replay"))
                        .header("Authorization", "Bearer dev-admin-key")
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(dev.orders.infra.json.WireJson.mapper()
                        .readTree(replayed.body())
                        .get("replayed")
                        .asInt())
                .isEqualTo(2);
        // the parked request is now handled: an order exists for its key
        await().atMost(WAIT)
                .until(() -> amqp.request(
                                Destinations.ORDERS_QUEUE,
                                Patterns.ORDERS_CREATE,
                                new CreateOrder(List.of(new OrderLine(PRODUCT, 1)), null, clientKey),
                                WAIT)
                        .has("response"));
        // and the other one, still invalid, is dead-lettered again
        GetResponse again = amqp.next(dlq, WAIT);
        assertThat(again.getProps()
                        .getHeaders()
                        .get(Destinations.DEAD_LETTER_REASON_HEADER)
                        .toString())
                .doesNotContain("parked by the test");
    }
}
