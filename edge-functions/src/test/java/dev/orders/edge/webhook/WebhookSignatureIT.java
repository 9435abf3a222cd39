package dev.orders.edge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.EdgeClient;
import dev.orders.edge.support.EdgeClient.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both functions, as the webhook publisher reaches them: signature, freshness, payload, redelivery. */
class WebhookSignatureIT extends EdgeFunctionsTestBase {

    static final String LOGGER = "/functions/v1/logger";

    private Map<String, String> signed(String secret, String id, long timestamp, String body) {
        return Map.of(
                "webhook-id",
                id,
                "webhook-timestamp",
                String.valueOf(timestamp),
                "webhook-signature",
                EdgeClient.sign(secret, id, timestamp, body));
    }

    private String orderCreated(String orderId) {
        return EdgeClient.payload("order.created", order(orderId, "PENDING", List.of(line(newOrderId(), 1)), null));
    }

    private int loggedEventsOf(String orderId) {
        return client().admin("GET", LOGGER + "/events?orderId=" + orderId, null)
                .json()
                .get("items")
                .size();
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/unauthorized");
    }

    @Test
    void acceptsAValidSignature() {
        String orderId = newOrderId();
        String id = EdgeClient.newWebhookId();

        Answer answer = client().toLogger(id, orderCreated(orderId));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("webhookId").asString()).isEqualTo(id);
        assertThat(answer.json().get("duplicate").asBoolean()).isFalse();
        assertThat(loggedEventsOf(orderId)).isEqualTo(1);
    }

    @Test
    void rejectsATamperedBody() {
        String orderId = newOrderId();
        String body = orderCreated(orderId);
        String id = EdgeClient.newWebhookId();
        Map<String, String> headers =
                signed(EdgeClient.LOGGER_SECRET, id, Instant.now().getEpochSecond(), body);

        assertUnauthorized(client().post(LOGGER, headers, body.replace("PENDING", "CONFIRMED")));
        assertThat(loggedEventsOf(orderId)).isZero();
    }

    @Test
    void rejectsASignatureMadeWithAnotherFunctionsSecret() {
        String orderId = newOrderId();
        String body = orderCreated(orderId);

        Answer toLogger = client().deliver("logger", EdgeClient.NOTIFIER_SECRET, EdgeClient.newWebhookId(), body);
        Answer toNotifier = client().deliver("notifier", EdgeClient.LOGGER_SECRET, EdgeClient.newWebhookId(), body);

        assertUnauthorized(toLogger);
        assertUnauthorized(toNotifier);
        assertThat(loggedEventsOf(orderId)).isZero();
    }

    @Test
    void rejectsAStaleOrFutureTimestampEvenWhenCorrectlySigned() {
        String orderId = newOrderId();
        String body = orderCreated(orderId);
        long now = Instant.now().getEpochSecond();

        Answer stale = client().post(
                        LOGGER, signed(EdgeClient.LOGGER_SECRET, EdgeClient.newWebhookId(), now - 301, body), body);
        // well past the limit: the request may take a moment to arrive on a busy machine
        Answer future = client().post(
                        LOGGER, signed(EdgeClient.LOGGER_SECRET, EdgeClient.newWebhookId(), now + 330, body), body);

        assertUnauthorized(stale);
        assertThat(stale.json().get("detail").asString()).contains("5 minutes");
        assertUnauthorized(future);
        assertThat(loggedEventsOf(orderId)).isZero();
    }

    @Test
    void rejectsAMissingHeader() {
        String body = orderCreated(newOrderId());
        Map<String, String> all = signed(
                EdgeClient.LOGGER_SECRET,
                EdgeClient.newWebhookId(),
                Instant.now().getEpochSecond(),
                body);
        for (String missing : all.keySet()) {
            Map<String, String> headers = new java.util.HashMap<>(all);
            headers.remove(missing);
            assertUnauthorized(client().post(LOGGER, headers, body));
            assertUnauthorized(client().post("/functions/v1/notifier", headers, body));
        }
    }

    @Test
    void refusesAStaleTimestampBeforeReadingTheBody() throws Exception {
        long stale = Instant.now().getEpochSecond() - 3600;
        String head = "POST " + LOGGER + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 65536\r\nwebhook-id: " + EdgeClient.newWebhookId() + "\r\nwebhook-timestamp: "
                + stale + "\r\nwebhook-signature: v1,AAAA\r\n\r\n";
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // not one byte of the promised body is sent: only an answer from the headers alone can come back
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void refusesASignedBodyThatIsNotTheStandardPayload() {
        Answer notStandard = client().toLogger(EdgeClient.newWebhookId(), "{\"hello\":\"world\"}");
        Answer notJson = client().toNotifier(EdgeClient.newWebhookId(), "hello world");

        assertThat(notStandard.status()).isEqualTo(400);
        assertThat(notStandard.json().get("type").asString()).isEqualTo("/problems/validation-error");
        assertThat(notStandard.json().get("errors").findValuesAsString("field"))
                .containsExactly("type", "timestamp", "data");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("type").asString()).isEqualTo("/problems/malformed-request");
    }

    @Test
    void refusesABodyOverTheSizeLimitBeforeReadingIt() {
        String huge = "{\"type\":\"order.created\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";

        Answer answer = client().toLogger(EdgeClient.newWebhookId(), huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnOrderEventWhoseDataIsNotAnOrder() {
        Answer answer = client().toNotifier(
                        EdgeClient.newWebhookId(),
                        EdgeClient.payload("order.confirmed", Map.of("status", "CONFIRMED", "items", "none")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactly("data.id", "data.items");
    }

    @Test
    void storesARedeliveredWebhookOnce() {
        String orderId = newOrderId();
        String id = EdgeClient.newWebhookId();
        String body = orderCreated(orderId);

        Answer first = client().toLogger(id, body);
        Answer again = client().toLogger(id, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(loggedEventsOf(orderId)).isEqualTo(1);
    }

    @Test
    void sendsARedeliveredWebhookOnce() {
        long chat = newChatId();
        String orderId = newOrderId();
        String id = EdgeClient.newWebhookId();
        String body = EdgeClient.payload(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 2)), telegramCustomer(chat, "es")));

        Answer first = client().toNotifier(id, body);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("deliveries").asInt()).isEqualTo(1);
        assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("SENT");

        Answer again = client().toNotifier(id, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("deliveries").asInt()).isZero();

        // a later event to the same chat goes through, so the dispatcher had every chance to send a second copy
        String later = newOrderId();
        sendToNotifier(
                "order.confirmed",
                order(later, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));
        await().atMost(WAIT).until(() -> TELEGRAM.requestsTo(chat).size() == 2);
        assertThat(deliveriesOf(orderId)).hasSize(1);
        assertThat(TELEGRAM.requestsTo(chat))
                .filteredOn(r -> r.text().contains(orderId))
                .hasSize(1);
    }
}
