package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole flow through the real services: an order placed at the gateway ends as logger rows for its
 * events and as one Telegram message to the customer's chat, in Spanish, through signed webhooks.
 */
@Order(3)
class WebhookFlowIT {

    static final String LOGGER_SECRET = "whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=";
    static final String NOTIFIER_SECRET = "whsec_ZWRnZS1ub3RpZmllci1ERVYtT05MWS1zZWNyZXQtMDE=";
    static final Duration WAIT = Duration.ofSeconds(30);
    static FakeTelegram telegram;
    static Stack stack;
    static Api api;

    @BeforeAll
    static void start() {
        telegram = new FakeTelegram();
        stack = Stack.named("hooks").webhooks(telegram.url()).start();
        api = stack.api();
        String edge = stack.edgeFunctions().base().toString();
        stack.subscribe(edge + "/functions/v1/logger", "[\"*\"]", LOGGER_SECRET);
        stack.subscribe(edge + "/functions/v1/notifier", "[\"order.*\"]", NOTIFIER_SECRET);
    }

    @AfterAll
    static void stop() {
        stack.close();
        telegram.close();
    }

    private JsonNode logged(String orderId) {
        return edge("/functions/v1/logger/events?orderId=" + orderId + "&limit=50")
                .get("items");
    }

    private JsonNode edge(String path) {
        Api edgeApi = new Api(stack.edgeFunctions().base(), Stack.ADMIN_KEY, null);
        Api.Reply reply = edgeApi.call("GET", path, null, "Authorization", "Bearer " + Stack.ADMIN_KEY);
        assertThat(reply.status()).as("GET %s: %s", path, reply.body()).isEqualTo(200);
        return reply.body();
    }

    @Test
    void anOrderEndsAsLoggedEventsAndOneTelegramMessageInTheCustomersLanguage() {
        String product = api.createProduct("Lámpara <LED> & más", 10);
        long chat = 4242;
        Api.Reply placed = api.call(
                "POST",
                "/orders",
                "{\"productId\":\"" + product + "\",\"quantity\":1," + "\"customer\":{\"telegramChatId\":" + chat
                        + ",\"locale\":\"es\"}}");
        assertThat(placed.status()).isEqualTo(201);
        String id = placed.field("id");
        assertThat(api.awaitFinal(id, WAIT).get("status").asString()).isEqualTo("CONFIRMED");

        await("logger rows")
                .atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(logged(id).findValuesAsString("type")).contains("order.created", "order.confirmed"));
        await("telegram message")
                .atMost(WAIT)
                .until(() -> !telegram.sentTo(chat).isEmpty());
        await("notifier deliveries final").atMost(WAIT).until(() -> {
            JsonNode items =
                    edge("/functions/v1/notifier/deliveries?orderId=" + id).get("items");
            return !items.isEmpty()
                    && items.findValuesAsString("status").stream()
                            .allMatch(s -> s.equals("SENT") || s.equals("FAILED") || s.equals("SKIPPED"));
        });
        List<FakeTelegram.Sent> messages = telegram.sentTo(chat);
        assertThat(messages).hasSize(1);
        String text = messages.getFirst().body().get("text").asString();
        assertThat(text).contains("Tu orden ha sido confirmada").contains(id);
        assertThat(messages.getFirst().body().get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(messages.getFirst().path()).isEqualTo("/bot123456:E2Etoken/sendMessage");

        // the publisher records a success after the subscriber answered: wait for the record, not only the answer
        await("webhook deliveries recorded").atMost(WAIT).untilAsserted(() -> {
            JsonNode deliveries = api.call(
                            "GET",
                            "/webhooks/deliveries?eventType=order.confirmed&limit=50",
                            null,
                            "Authorization",
                            "Bearer " + Stack.ADMIN_KEY)
                    .body()
                    .get("items");
            assertThat(deliveries.findValuesAsString("status")).containsOnly("SUCCEEDED");
        });
    }
}
