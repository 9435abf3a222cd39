package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.test.TestInfra;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The reliability promise (docs/reliability.md) under faults, on PostgreSQL with two instances of orders-service and of products-service:
 * 2,000 orders of mixed quantities against less stock than demanded, a fault in the middle, then
 * <ul>
 *   <li>every order answered 201 reaches a final status within 60 s of recovery;</li>
 *   <li>for each product, initial − final stock = the quantities of its CONFIRMED orders;</li>
 *   <li>no stock is ever negative (a CHECK constraint, and every sample we take);</li>
 *   <li>no order is both confirmed and rejected.</li>
 * </ul>
 */
@Order(50)
class FaultToleranceIT {

    static final int ORDERS = 2000;
    static final int CONCURRENCY = 24;
    static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    static Stack stack;
    static EventRecorder events;

    @BeforeAll
    static void start() {
        stack = Stack.named("faults").postgres().products(2).orders(2).start();
        events = new EventRecorder(stack.vhost, "faults");
    }

    @AfterAll
    static void stop() {
        events.close();
        stack.close();
    }

    @Test
    void survivesKillingAnOrdersAndAProductsInstance() throws Exception {
        scenario(
                "kill -9 orders-1 and products-1",
                1,
                () -> {
                    stack.orders.getFirst().kill();
                    stack.products.getFirst().kill();
                    stack.orders.getFirst().start();
                    stack.products.getFirst().start();
                    stack.orders.getFirst().awaitHealthy(Duration.ofSeconds(120));
                    stack.products.getFirst().awaitHealthy(Duration.ofSeconds(120));
                },
                0);
    }

    @Test
    void survivesARabbitMqRestart() throws Exception {
        scenario(
                "RabbitMQ restart",
                2,
                () -> {
                    TestInfra.rabbitmqctl("stop_app");
                    TestInfra.rabbitmqctl("start_app");
                    TestInfra.rabbitmqctl("await_startup");
                },
                0);
    }

    @Test
    void survivesARedisRestart() throws Exception {
        scenario("Redis restart", 3, Faults::restartRedis, 0);
    }

    @Test
    void deliveringEveryReservationMessageTwiceChangesNothing() throws Exception {
        try (Duplicator duplicator = new Duplicator(stack.vhost)) {
            scenario("every reserveStock and stockReserved twice", 4, null, 0);
            assertThat(duplicator.reserveCopies()).as("reserveStock copies").isGreaterThanOrEqualTo(ORDERS / 2);
            assertThat(duplicator.outcomeCopies()).as("stockReserved copies").isGreaterThanOrEqualTo(ORDERS / 2);
        }
    }

    @Test
    void cancellingAThirdOfTheOrdersWhileTheyRunTakesBackExactlyTheirStock() throws Exception {
        LoadRun run = scenario("cancel a random third", 5, null, 1.0 / 3);
        assertThat(run.orders().stream()
                        .filter(o -> o.status().equals("CANCELLED"))
                        .count())
                .isGreaterThan(ORDERS / 10);
    }

    private LoadRun scenario(String name, long seed, Runnable fault, double cancelShare) throws Exception {
        stack.awaitHealthy();
        LoadRun run = new LoadRun(stack, seed, 20, 100);
        long started = System.nanoTime();
        long[] recovered = new long[1];
        run.run(
                ORDERS,
                CONCURRENCY,
                fault == null
                        ? null
                        : () -> {
                            fault.run();
                            recovered[0] = System.nanoTime();
                        },
                cancelShare);
        long loadDone = System.nanoTime();
        long recoveredAt = fault == null ? loadDone : Math.max(recovered[0], 0);
        stack.awaitHealthy();

        await(name + ": every accepted order final")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, String> status =
                            run.orders().stream().collect(Collectors.toMap(LoadRun.Order::id, LoadRun.Order::status));
                    return run.accepted.stream().allMatch(id -> FINAL.contains(status.get(id)));
                });
        await(name + ": stock matches confirmed orders")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertStockMatches(run));
        long drained = System.nanoTime();

        List<LoadRun.Order> orders = run.orders();
        assertThat(orders).allMatch(o -> FINAL.contains(o.status()), "no order left PENDING");
        assertThat(run.lowestStockSeen.get()).as("lowest stock seen").isGreaterThanOrEqualTo(0);
        await(name + ": events recorded")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> orders.stream()
                        .allMatch(o -> !events.eventsOf(o.id()).isEmpty()
                                && events.eventsOf(o.id()).stream().anyMatch(e -> !e.equals("order.created"))));
        for (LoadRun.Order o : orders) {
            List<String> seen = events.eventsOf(o.id());
            assertThat(seen.contains("order.confirmed") && seen.contains("order.rejected"))
                    .as("order %s decided both ways: %s", o.id(), seen)
                    .isFalse();
            if (o.status().equals("CONFIRMED")) {
                assertThat(seen)
                        .as("events of confirmed %s", o.id())
                        .contains("order.confirmed")
                        .doesNotContain("order.rejected", "order.cancelled");
            }
            if (o.status().equals("REJECTED")) {
                assertThat(seen)
                        .as("events of rejected %s", o.id())
                        .contains("order.rejected")
                        .doesNotContain("order.confirmed");
            }
        }
        Map<String, Long> byOutcome = orders.stream()
                .collect(Collectors.groupingBy(
                        o -> o.status().equals("REJECTED") && "EXPIRED".equals(o.reason()) ? "EXPIRED" : o.status(),
                        Collectors.counting()));
        System.out.printf(
                "%n[fault test] %s: sent %d, accepted %d, not accepted %d, confirmed %d, rejected %d, "
                        + "expired %d, cancelled %d (cancel requests %d); load %.1f s, drained %.1f s after recovery%n",
                name,
                run.sent.get(),
                run.accepted.size(),
                run.failed.get(),
                byOutcome.getOrDefault("CONFIRMED", 0L),
                byOutcome.getOrDefault("REJECTED", 0L),
                byOutcome.getOrDefault("EXPIRED", 0L),
                byOutcome.getOrDefault("CANCELLED", 0L),
                run.cancelRequests.get(),
                (loadDone - started) / 1e9,
                (drained - recoveredAt) / 1e9);
        assertThat(run.accepted.size()).as("accepted orders").isGreaterThan(ORDERS / 2);
        return run;
    }

    private static void assertStockMatches(LoadRun run) {
        Map<String, Integer> stock = run.stock();
        Map<String, Integer> confirmed = new HashMap<>();
        for (LoadRun.Order o : run.orders()) {
            if (o.status().equals("CONFIRMED")) {
                o.items().forEach(l -> confirmed.merge(l.productId(), l.quantity(), Integer::sum));
            }
        }
        for (String product : run.products) {
            assertThat(stock.get(product)).as("stock of %s", product).isGreaterThanOrEqualTo(0);
            assertThat(run.initialStock.get(product) - stock.get(product))
                    .as("stock taken from %s = quantities of its confirmed orders", product)
                    .isEqualTo(confirmed.getOrDefault(product, 0));
        }
    }
}
