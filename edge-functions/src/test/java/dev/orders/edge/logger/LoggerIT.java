package dev.orders.edge.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.EdgeClient;
import dev.orders.edge.support.EdgeClient.Answer;
import dev.orders.infra.json.WireJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LoggerIT extends EdgeFunctionsTestBase {

    static final String EVENTS = "/functions/v1/logger/events";

    @Autowired
    EventLogRetention retention;

    private static String payload(String type, Instant at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", at.toString());
        body.put("data", data);
        return WireJson.mapper().writeValueAsString(body);
    }

    private JsonNode events(String query) {
        Answer answer = client().admin("GET", EVENTS + query, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The events' own ids; the payloads have ids too. */
    private static List<String> ids(JsonNode page) {
        return page.get("items").values().stream()
                .map(e -> e.get("id").asString())
                .toList();
    }

    @Test
    void storesTheEventWithItsTypeTimesOrderAndPayload() {
        String orderId = newOrderId();
        String id = EdgeClient.newWebhookId();
        Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Instant before = Instant.now();

        Answer answer = client().toLogger(
                        id,
                        payload(
                                "order.confirmed",
                                at,
                                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 3)), null)));

        assertThat(answer.status()).isEqualTo(201);
        JsonNode event = events("?orderId=" + orderId).get("items").get(0);
        assertThat(event.get("id").asString())
                .isEqualTo(answer.json().get("eventId").asString());
        assertThat(event.get("webhookId").asString()).isEqualTo(id);
        assertThat(event.get("type").asString()).isEqualTo("order.confirmed");
        assertThat(Instant.parse(event.get("eventTime").asString())).isEqualTo(at);
        assertThat(Instant.parse(event.get("receivedAt").asString()))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(event.get("orderId").asString()).isEqualTo(orderId);
        assertThat(event.get("payload").get("data").get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(event.get("payload")
                        .get("data")
                        .get("items")
                        .get(0)
                        .get("quantity")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void concurrentWebhooksEachSentTwiceAreStoredOnceAndAnsweredEachWithItsOwnOutcome() throws Exception {
        // requests arriving together share one insert: each must still get its own 201 or duplicate 200
        String orderId = newOrderId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int count = 100;
        Map<String, List<Future<Answer>>> answers = new LinkedHashMap<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                String id = EdgeClient.newWebhookId();
                String body = payload(
                        "order.confirmed",
                        at.plusMillis(i),
                        order(orderId, "CONFIRMED", List.of(line(newOrderId(), i + 1)), null));
                answers.put(
                        id,
                        List.of(
                                senders.submit(() -> client().toLogger(id, body)),
                                senders.submit(() -> client().toLogger(id, body))));
            }
        }

        for (Map.Entry<String, List<Future<Answer>>> sent : answers.entrySet()) {
            List<Answer> two = new ArrayList<>();
            for (Future<Answer> answer : sent.getValue()) {
                two.add(answer.get());
            }
            assertThat(two).extracting(Answer::status).containsExactlyInAnyOrder(201, 200);
            assertThat(two)
                    .allSatisfy(a ->
                            assertThat(a.json().get("webhookId").asString()).isEqualTo(sent.getKey()));
        }
        JsonNode page = events("?orderId=" + orderId + "&limit=100");
        assertThat(page.get("items").values().stream()
                        .map(e -> e.get("webhookId").asString())
                        .toList())
                .hasSize(count)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(answers.keySet());
        assertThat(page.get("items").values().stream()
                        .map(e -> e.get("payload")
                                .get("data")
                                .get("items")
                                .get(0)
                                .get("quantity")
                                .asInt())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
    }

    @Test
    void takesTheOrderOfAStockReservationFromItsOrderId() {
        String orderId = newOrderId();
        client().toLogger(
                        EdgeClient.newWebhookId(),
                        payload(
                                "product.stockReserved",
                                Instant.now(),
                                Map.of(
                                        "orderId",
                                        orderId,
                                        "idempotencyKey",
                                        newOrderId(),
                                        "approved",
                                        false,
                                        "reason",
                                        "OUT_OF_STOCK",
                                        "items",
                                        List.of(line(newOrderId(), 1)))));

        JsonNode event = events("?orderId=" + orderId).get("items").get(0);
        assertThat(event.get("type").asString()).isEqualTo("product.stockReserved");
        assertThat(event.get("payload").get("data").get("approved").asBoolean()).isFalse();
    }

    @Test
    void logsAnEventTypeItDoesNotKnowWithoutAnOrder() {
        String type = "invoice.paid" + System.nanoTime();
        Answer answer = client().toLogger(EdgeClient.newWebhookId(), payload(type, Instant.now(), Map.of("n", 1)));

        assertThat(answer.status()).isEqualTo(201);
        JsonNode event = events("?type=" + type).get("items").get(0);
        assertThat(event.has("orderId")).isFalse();
    }

    @Test
    void listsAnOrdersEventsByTypeAndTimeNewestFirstInPages() {
        String orderId = newOrderId();
        Instant t0 = Instant.parse("2025-11-27T10:00:00Z");
        List<String> types = List.of("order.created", "product.stockReserved", "order.confirmed");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> data = types.get(i).startsWith("order.")
                    ? order(orderId, "PENDING", List.of(), null)
                    : Map.of("orderId", orderId, "approved", true);
            Answer answer =
                    client().toLogger(EdgeClient.newWebhookId(), payload(types.get(i), t0.plusSeconds(i), data));
            ids.add(answer.json().get("eventId").asString());
        }

        JsonNode page1 = events("?orderId=" + orderId + "&limit=2");
        assertThat(ids(page1)).containsExactly(ids.get(2), ids.get(1));
        JsonNode page2 = events("?orderId=" + orderId + "&limit=2&cursor="
                + page1.get("nextCursor").asString());
        assertThat(ids(page2)).containsExactly(ids.get(0));
        assertThat(page2.has("nextCursor")).isFalse();

        assertThat(ids(events("?orderId=" + orderId + "&type=order.confirmed"))).containsExactly(ids.get(2));
        assertThat(ids(events("?orderId=" + orderId + "&from=" + t0.plusSeconds(1) + "&to=" + t0.plusSeconds(2))))
                .containsExactly(ids.get(1));
    }

    @Test
    void theRetentionDeletesTheEventsReceivedBeforeTheCutAndKeepsTheLaterOnes() {
        String orderId = newOrderId();
        Answer old = client().toLogger(
                        EdgeClient.newWebhookId(),
                        payload(
                                "order.created",
                                Instant.now(),
                                order(orderId, "PENDING", List.of(line(newOrderId(), 1)), null)));
        assertThat(old.status()).isEqualTo(201);
        Instant cut = Instant.now().plusMillis(1);
        await().until(() -> Instant.now().isAfter(cut));
        Answer newer = client().toLogger(
                        EdgeClient.newWebhookId(),
                        payload(
                                "order.confirmed",
                                Instant.now(),
                                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), null)));
        assertThat(newer.status()).isEqualTo(201);

        // earlier tests' events go too, so at least this one
        assertThat(retention.purge(cut).total()).isGreaterThanOrEqualTo(1);

        assertThat(ids(events("?orderId=" + orderId)))
                .containsExactly(newer.json().get("eventId").asString());
        assertThat(retention.purge(cut).total())
                .as("nothing more before the same cut")
                .isZero();
    }

    @Test
    void readingNeedsTheAdminKey() {
        Answer none = client().admin("GET", EVENTS, null, null);
        Answer wrong = client().admin("GET", EVENTS, null, "not-the-key");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(403);
    }

    @Test
    void refusesBadQueryParameters() {
        assertThat(client().admin("GET", EVENTS + "?limit=0", null).status()).isEqualTo(400);
        assertThat(client().admin("GET", EVENTS + "?limit=101", null).status()).isEqualTo(400);
        assertThat(client().admin("GET", EVENTS + "?cursor=abc", null).status()).isEqualTo(400);
        assertThat(client().admin("GET", EVENTS + "?from=yesterday", null).status())
                .isEqualTo(400);
        assertThat(client().admin("GET", EVENTS + "?from=2025-11-28T00:00:00Z&to=2025-11-27T00:00:00Z", null)
                        .status())
                .isEqualTo(400);
    }
}
