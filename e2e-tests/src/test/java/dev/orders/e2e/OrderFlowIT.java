package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.Destinations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The order flow through HTTP, placing to confirming, with the three services running as processes. */
@Order(1)
class OrderFlowIT {

    static final Duration FINAL = Duration.ofSeconds(20);
    static Stack stack;
    static Api api;

    @BeforeAll
    static void start() {
        // 200 orders arrive at once on JVMs that are still cold; the default 5 s RPC timeout would make a slow CI
        // host's 504 (an answer the gateway gives correctly) fail a test about stock, not about timeouts
        stack = Stack.named("flow").env("GATEWAY_RPC_TIMEOUT", "30s").start();
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void confirmsAnOrderAndTakesItsStock() {
        String product = api.createProduct("Keyboard", 10);
        Api.Reply created = api.order(product, 3);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("status")).isEqualTo("PENDING");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/orders/" + created.field("id"));
        JsonNode order = api.awaitFinal(created.field("id"), FINAL);
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.stock(product)).isEqualTo(7);
    }

    @Test
    void rejectsAnOrderForMoreThanTheStockAndTakesNothing() {
        String product = api.createProduct("Monitor", 2);
        JsonNode order = api.awaitFinal(api.placeOrder(product, 3), FINAL);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(api.stock(product)).isEqualTo(2);
    }

    @Test
    void rejectsAnOrderForAnUnknownProduct() {
        JsonNode order = api.awaitFinal(api.placeOrder("0193e7a2-0000-7000-8000-00000000dead", 1), FINAL);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reason").asString()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void takesNoLineOfATwoLineOrderWhoseSecondLineCannotBeServed() {
        String first = api.createProduct("Mouse", 5);
        String second = api.createProduct("Webcam", 1);
        Api.Reply created = api.orderLines("[{\"productId\":\"" + first + "\",\"quantity\":2}," + "{\"productId\":\""
                + second + "\",\"quantity\":2}]");
        assertThat(created.status()).isEqualTo(201);
        JsonNode order = api.awaitFinal(created.field("id"), FINAL);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(api.stock(first)).isEqualTo(5);
        assertThat(api.stock(second)).isEqualTo(1);
    }

    @Test
    void confirmsExactlyTheStockUnderTwoHundredConcurrentOrders() throws Exception {
        String product = api.createProduct("Limited edition", 50);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                replies.add(pool.submit(() -> api.order(product, 1)));
            }
        }
        List<String> ids = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            assertThat(reply.get().status()).isEqualTo(201);
            ids.add(reply.get().field("id"));
        }
        Map<String, Long> byStatus = ids.parallelStream()
                .map(id ->
                        api.awaitFinal(id, Duration.ofSeconds(60)).get("status").asString())
                .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting()));
        assertThat(byStatus).containsEntry("CONFIRMED", 50L).containsEntry("REJECTED", 150L);
        assertThat(api.stock(product)).isZero();
    }

    @Test
    void returnsTheSameOrderForARepeatedIdempotencyKeyAndRefusesADifferentBody() {
        String product = api.createProduct("Headphones", 10);
        String key = "e2e-" + System.nanoTime();
        Api.Reply first = api.order(product, 2, "Idempotency-Key", key);
        Api.Reply again = api.order(product, 2, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.field("id")).isEqualTo(first.field("id"));
        Api.Reply different = api.order(product, 5, "Idempotency-Key", key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.field("type")).isEqualTo("/problems/idempotency-key-reused");
        api.awaitFinal(first.field("id"), FINAL);
        assertThat(api.stock(product)).isEqualTo(8);
    }

    @Test
    void answersNotFoundForAnUnknownOrder() {
        Api.Reply reply = api.call("GET", "/orders/0193e7a2-0000-7000-8000-000000000000", null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.field("type")).isEqualTo("/problems/not-found");
    }

    @Test
    void listsOrdersNewestFirstByStatusWithACursor() {
        String product = api.createProduct("Pager", 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.placeOrder(product, 1));
        }
        ids.forEach(id -> api.awaitFinal(id, FINAL));
        Api.Reply page1 = api.call("GET", "/orders?status=CONFIRMED&limit=3", null);
        assertThat(page1.status()).isEqualTo(200);
        List<String> seen = new ArrayList<>(page1.body().get("items").findValuesAsString("id"));
        assertThat(seen).hasSize(3);
        Api.Reply page2 = api.call("GET", "/orders?status=CONFIRMED&limit=3&cursor=" + page1.field("nextCursor"), null);
        seen.addAll(page2.body().get("items").findValuesAsString("id"));
        assertThat(seen).containsSubsequence(ids.reversed());
        page1.body()
                .get("items")
                .forEach(o -> assertThat(o.get("status").asString()).isEqualTo("CONFIRMED"));
    }

    @Test
    void deadLettersPoisonOnEachQueueAndTheNextOrderStillCompletes() {
        var amqp = stack.amqp();
        for (String queue : List.of(Destinations.ORDERS_QUEUE, Destinations.PRODUCTS_QUEUE)) {
            String dlq = Destinations.deadLetterQueue(queue);
            amqp.drain(dlq);
            amqp.publishRaw(queue, "\u0000 definitely not json");
            GetResponse notJson = amqp.next(dlq, FINAL);
            assertThat(notJson.getProps()
                            .getHeaders()
                            .get(Destinations.DEAD_LETTER_REASON_HEADER)
                            .toString())
                    .contains("not JSON");
            amqp.emit(queue, "nobody.handles.this", Map.of("x", 1));
            GetResponse unknown = amqp.next(dlq, FINAL);
            assertThat(unknown.getProps()
                            .getHeaders()
                            .get(Destinations.DEAD_LETTER_REASON_HEADER)
                            .toString())
                    .contains("nobody.handles.this");
        }
        String product = api.createProduct("After poison", 1);
        assertThat(api.awaitFinal(api.placeOrder(product, 1), FINAL)
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        await().atMost(FINAL).until(() -> api.stock(product) == 0);
    }
}
