package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.EdgeClient;
import dev.orders.edge.support.Events;
import dev.orders.edge.support.FakeTelegram;
import dev.orders.edge.support.FakeTelegram.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The notifier through the whole app: webhook in, delivery row, Telegram Bot API (the fake) out. */
class NotifierTelegramIT extends EdgeFunctionsTestBase {

    @Autowired
    JdbcClient jdbc;

    private JsonNode recipientAt(long chat) {
        JsonNode items = client().admin(
                        "GET", "/functions/v1/notifier/recipients?channel=TELEGRAM&address=" + chat, null)
                .json()
                .get("items");
        assertThat(items.size()).isEqualTo(1);
        return items.get(0);
    }

    @Test
    void tellsTheCustomerInSpanishThatTheOrderIsConfirmed() {
        long chat = newChatId();
        String orderId = newOrderId();
        String product = newOrderId();

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(product, 2)), telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("channel").asString()).isEqualTo("TELEGRAM");
        assertThat(delivery.get("address").asString()).isEqualTo(String.valueOf(chat));
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("providerMessageId").asString()).matches("\\d+");
        FakeTelegram.Request sent = TELEGRAM.requestsTo(chat).getFirst();
        assertThat(sent.chatIdWasNumber()).isTrue();
        assertThat(sent.parseMode()).isEqualTo("HTML");
        assertThat(sent.text())
                .isEqualTo("<b>Tu orden ha sido confirmada</b>\nOrden: <code>" + orderId
                        + "</code>\n\u2022 2 \u00d7 <code>" + product + "</code>");
    }

    @Test
    void concurrentWebhooksEachSentTwiceQueueOneMessageEachAndGetTheirOwnAnswers() throws Exception {
        // requests arriving together share one inbox insert: each id is acted on once, and each request is answered
        // on its own (202 for the one that queued the message, 200 duplicate for the other)
        int count = 40;
        Map<String, List<Future<EdgeClient.Answer>>> answers = new LinkedHashMap<>();
        Map<String, String> orderOf = new HashMap<>();
        Map<String, Long> chatOf = new HashMap<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                String id = EdgeClient.newWebhookId();
                String orderId = newOrderId();
                long chat = newChatId();
                String body = EdgeClient.payload(
                        "order.confirmed",
                        order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "en")));
                orderOf.put(id, orderId);
                chatOf.put(id, chat);
                answers.put(
                        id,
                        List.of(
                                senders.submit(() -> client().toNotifier(id, body)),
                                senders.submit(() -> client().toNotifier(id, body))));
            }
        }

        for (Map.Entry<String, List<Future<EdgeClient.Answer>>> sent : answers.entrySet()) {
            List<EdgeClient.Answer> two = new ArrayList<>();
            for (Future<EdgeClient.Answer> answer : sent.getValue()) {
                two.add(answer.get());
            }
            assertThat(two).extracting(EdgeClient.Answer::status).containsExactlyInAnyOrder(202, 200);
            for (EdgeClient.Answer answer : two) {
                assertThat(answer.json().get("webhookId").asString()).isEqualTo(sent.getKey());
                assertThat(answer.json().get("duplicate").asBoolean()).isEqualTo(answer.status() == 200);
                assertThat(answer.json().get("deliveries").asInt()).isEqualTo(answer.status() == 202 ? 1 : 0);
            }
            String orderId = orderOf.get(sent.getKey());
            assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("SENT");
            assertThat(deliveriesOf(orderId)).hasSize(1);
            assertThat(TELEGRAM.requestsTo(chatOf.get(sent.getKey()))).hasSize(1);
        }
    }

    @Test
    void tellsAnEnglishCustomerInEnglish() {
        long chat = newChatId();
        String orderId = newOrderId();

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "en")));

        assertThat(finalDeliveryOf(orderId).get("locale").asString()).isEqualTo("en");
        assertThat(TELEGRAM.requestsTo(chat).getFirst().text()).startsWith("<b>Your order has been confirmed</b>");
    }

    @Test
    void doesNotWriteToTheCustomerWhenTheOrderIsOnlyCreated() {
        long chat = newChatId();
        String orderId = newOrderId();

        EdgeClient.Answer answer = client().toNotifier(
                        EdgeClient.newWebhookId(),
                        EdgeClient.payload(
                                "order.created",
                                order(
                                        orderId,
                                        "PENDING",
                                        List.of(line(newOrderId(), 1)),
                                        telegramCustomer(chat, "es"))));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("deliveries").asInt()).isZero();
        assertThat(deliveriesOf(orderId)).isEmpty();
    }

    @Test
    void escapesProductNamesAndReasons() {
        long chat = newChatId();
        String orderId = newOrderId();
        Map<String, Object> rejected = order(
                orderId,
                "REJECTED",
                List.of(namedLine(newOrderId(), "Tornillos <M8> & tuercas", 3)),
                telegramCustomer(chat, "en"));
        rejected.put("reason", "<b>odd</b> & reason");

        sendToNotifier("order.rejected", rejected);

        assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("SENT");
        assertThat(TELEGRAM.requestsTo(chat).getFirst().text())
                .contains("<b>Your order has been rejected</b>")
                .contains("Reason: &lt;b&gt;odd&lt;/b&gt; &amp; reason")
                .contains("\u2022 3 \u00d7 Tornillos &lt;M8&gt; &amp; tuercas")
                .doesNotContain("<M8>");
    }

    @Test
    void waitsTheRetryAfterOfA429BeforeSendingAgain() {
        long chat = newChatId();
        String orderId = newOrderId();
        TELEGRAM.script(chat, Reply.tooManyRequests(1));

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("lastError").asString()).contains("429");
        List<FakeTelegram.Request> requests = TELEGRAM.requestsTo(chat);
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesServerErrorsWithBackoffUntilTheMessageGoesThrough() {
        long chat = newChatId();
        String orderId = newOrderId();
        TELEGRAM.script(chat, Reply.serverError(), Reply.serverError());

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        List<FakeTelegram.Request> requests = TELEGRAM.requestsTo(chat);
        assertThat(requests).hasSize(3);
        // backoff 200 ms, then 400 ms (plus jitter)
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void givesUpAfterBoundedRetriesWithoutTheTokenInTheError() {
        long chat = newChatId();
        String orderId = newOrderId();
        TELEGRAM.always(chat, Reply.serverError());

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        assertThat(delivery.get("lastError").asString())
                .isEqualTo("gave up after 4 failed attempts: Telegram 500: Internal Server Error")
                .doesNotContain(FakeTelegram.TOKEN);
        assertThat(TELEGRAM.requestsTo(chat)).hasSize(4);
    }

    @Test
    void aChatThatBlockedTheBotIsDeactivatedAndGetsNothingMore() {
        long chat = newChatId();
        String first = newOrderId();
        String later = newOrderId();
        TELEGRAM.always(chat, Reply.blocked());

        sendToNotifier(
                "order.confirmed",
                order(first, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode failed = finalDeliveryOf(first);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asString())
                .contains("403")
                .contains("bot was blocked by the user")
                .contains("recipient deactivated");
        JsonNode recipient = recipientAt(chat);
        assertThat(recipient.get("active").asBoolean()).isFalse();
        assertThat(recipient.get("deactivatedReason").asString()).contains("bot was blocked by the user");

        EdgeClient.Answer answer = client().toNotifier(
                        EdgeClient.newWebhookId(),
                        EdgeClient.payload(
                                "order.cancelled",
                                order(
                                        later,
                                        "CANCELLED",
                                        List.of(line(newOrderId(), 1)),
                                        telegramCustomer(chat, "es"))));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("deliveries").asInt()).isZero();
        assertThat(deliveriesOf(later)).isEmpty();
        assertThat(TELEGRAM.requestsTo(chat)).hasSize(1);
    }

    @Test
    void aDeliveryWaitingForARecipientDeactivatedMeanwhileIsSkipped() {
        long chat = newChatId();
        String orderId = newOrderId();
        // time enough to deactivate the recipient before the retry falls due, on a slow machine too
        TELEGRAM.script(chat, Reply.tooManyRequests(6));

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));
        await().atMost(WAIT).until(() -> TELEGRAM.requestsTo(chat).size() == 1);
        JsonNode recipient = recipientAt(chat);
        EdgeClient.Answer off = client().admin(
                        "PUT",
                        "/functions/v1/notifier/recipients/"
                                + recipient.get("id").asString(),
                        """
                {"channel":"TELEGRAM","address":"%d","eventTypes":[],"active":false}""".formatted(chat));
        assertThat(off.status()).as(off.body()).isEqualTo(200);

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(delivery.get("lastError").asString())
                .isEqualTo("the recipient is inactive: deactivated by an admin");
        assertThat(TELEGRAM.requestsTo(chat)).hasSize(1);
    }

    @Test
    void aDeactivatedUserIsDeactivatedToo() {
        long chat = newChatId();
        String orderId = newOrderId();
        TELEGRAM.script(chat, Reply.deactivated());

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("FAILED");
        assertThat(recipientAt(chat).get("active").asBoolean()).isFalse();
    }

    @Test
    void anUnknownChatIsRecordedAsFailedOnce() {
        long chat = newChatId();
        String orderId = newOrderId();
        TELEGRAM.script(chat, Reply.chatNotFound());

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastError").asString()).isEqualTo("Telegram 400: Bad Request: chat not found");
        assertThat(TELEGRAM.requestsTo(chat)).hasSize(1);
    }

    @Test
    void followsAGroupMigratedToASupergroup() {
        long group = -newChatId();
        long supergroup = -1_000_000_000_000L - newChatId();
        String orderId = newOrderId();
        TELEGRAM.script(group, Reply.migrated(supergroup));

        sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(group, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("address").asString()).isEqualTo(String.valueOf(supergroup));
        assertThat(TELEGRAM.requestsTo(group)).hasSize(1);
        assertThat(TELEGRAM.requestsTo(supergroup)).hasSize(1);
        assertThat(TELEGRAM.requestsTo(supergroup).getFirst().text())
                .isEqualTo(TELEGRAM.requestsTo(group).getFirst().text());
        JsonNode recipient = recipientAt(supergroup);
        assertThat(recipient.get("migratedFrom").asString()).isEqualTo(String.valueOf(group));

        // the next order still carries the old id: it goes straight to the new one
        String next = newOrderId();
        sendToNotifier(
                "order.confirmed",
                order(next, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(group, "es")));
        assertThat(finalDeliveryOf(next).get("address").asString()).isEqualTo(String.valueOf(supergroup));
        assertThat(TELEGRAM.requestsTo(group)).hasSize(1);
    }

    @Test
    void splitsAMessageOverTelegramsLimitAtLineBoundaries() {
        long chat = newChatId();
        String orderId = newOrderId();
        List<Map<String, Object>> lines = IntStream.range(0, 100)
                .mapToObj(i ->
                        namedLine(UUID.randomUUID().toString(), "Producto <" + i + "> & accesorios de montaje", i + 1))
                .toList();

        sendToNotifier("order.confirmed", order(orderId, "CONFIRMED", lines, telegramCustomer(chat, "es")));

        JsonNode delivery = finalDeliveryOf(orderId);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        List<FakeTelegram.Request> parts = TELEGRAM.requestsTo(chat);
        assertThat(parts)
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(4096));
        assertThat(delivery.get("providerMessageId").asString().split(",")).hasSize(parts.size());
        assertThat(delivery.get("attempts").asInt()).isEqualTo(parts.size());
        String whole =
                String.join("\n", parts.stream().map(FakeTelegram.Request::text).toList());
        assertThat(whole)
                .startsWith("<b>Tu orden ha sido confirmada</b>")
                .contains("\u2022 1 \u00d7 Producto &lt;0&gt; &amp; accesorios de montaje")
                .endsWith("\u2022 100 \u00d7 Producto &lt;99&gt; &amp; accesorios de montaje");
        assertThat(parts.get(1).text()).startsWith("\u2022 ");
        // about one message per second to a chat (paced from the first request's start, not its arrival: a first
        // request slow to arrive shortens the gap seen here; unpaced, it would be milliseconds)
        assertThat(Duration.between(parts.get(0).at(), parts.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void sendsToSubscribersOfTheEventTypeWithWildcards() {
        long everything = newChatId();
        long onlyConfirmed = newChatId();
        String all = createSubscriber(everything, List.of("order.*"), "en");
        String confirmed = createSubscriber(onlyConfirmed, List.of("order.confirmed"), "es");
        try {
            String orderId = newOrderId();
            Map<String, Object> rejected = order(orderId, "REJECTED", List.of(line(newOrderId(), 1)), null);
            rejected.put("reason", "OUT_OF_STOCK");

            sendToNotifier("order.rejected", rejected);

            JsonNode delivery = finalDeliveryOf(orderId);
            assertThat(delivery.get("recipientId").asString()).isEqualTo(all);
            assertThat(TELEGRAM.requestsTo(everything).getFirst().text())
                    .contains("Your order has been rejected")
                    .contains("Reason: not enough stock");
            assertThat(TELEGRAM.requestsTo(onlyConfirmed)).isEmpty();
        } finally {
            client().admin("DELETE", "/functions/v1/notifier/recipients/" + all, null);
            client().admin("DELETE", "/functions/v1/notifier/recipients/" + confirmed, null);
        }
    }

    @Test
    void aDeliveryLeftBehindByACrashedInstanceIsSentOnceItsLeaseRunsOut() {
        long chat = newChatId();
        String orderId = newOrderId();
        String recipient = UUID.randomUUID().toString();
        Instant now = Instant.now();
        jdbc.sql("""
                        INSERT INTO recipients (id, kind, channel, address, event_types, active, created_at, updated_at)
                        VALUES (?, 'CUSTOMER', 'TELEGRAM', ?, '[]'::jsonb, TRUE, ?, ?)""")
                .params(
                        UUID.fromString(recipient),
                        String.valueOf(chat),
                        now.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update();
        // claimed by an instance that died mid-send: SENDING, lease ran out a second ago
        jdbc.sql("""
                        INSERT INTO deliveries (id, webhook_id, event_type, order_id, recipient_id, channel, address,
                                                locale, subject, body, status, attempts, failures, parts_sent,
                                                next_attempt_at, claim_token, claimed_by, created_at, updated_at)
                        VALUES (?, ?, 'order.confirmed', ?, ?, 'TELEGRAM', ?, 'es', 's', 'recovered', 'SENDING',
                                0, 0, 0, ?, ?, 'crashed-instance', ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        EdgeClient.newWebhookId(),
                        orderId,
                        UUID.fromString(recipient),
                        String.valueOf(chat),
                        now.minusSeconds(1).atOffset(ZoneOffset.UTC),
                        UUID.randomUUID(),
                        now.minusSeconds(61).atOffset(ZoneOffset.UTC),
                        now.minusSeconds(61).atOffset(ZoneOffset.UTC))
                .update();

        assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("SENT");
        assertThat(TELEGRAM.requestsTo(chat))
                .extracting(FakeTelegram.Request::text)
                .containsExactly("recovered");
    }

    @Test
    void aCustomerWhoseOrderCarriesNoConsentGetsNoMessageAndIsNotRecorded() {
        long chat = newChatId();
        String orderId = newOrderId();

        EdgeClient.Answer answer = client().toNotifier(
                        EdgeClient.newWebhookId(),
                        EdgeClient.payload(
                                "order.confirmed",
                                Events.orderWithoutConsent(
                                        orderId,
                                        "CONFIRMED",
                                        List.of(line(newOrderId(), 1)),
                                        telegramCustomer(chat, "es"))));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("deliveries").asInt()).isZero();
        assertThat(deliveriesOf(orderId)).isEmpty();
        assertThat(client().admin("GET", "/functions/v1/notifier/recipients?address=" + chat, null)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(TELEGRAM.requestsTo(chat)).isEmpty();
    }

    @Test
    void anAddressAnAdminRegisteredIsToldAboutAnOrderWithoutConsent() {
        long chat = newChatId();
        String orderId = newOrderId();
        createSubscriber(chat, List.of("product.stockReserved"), "es");

        sendToNotifier(
                "order.confirmed",
                Events.orderWithoutConsent(
                        orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        assertThat(finalDeliveryOf(orderId).get("status").asString()).isEqualTo("SENT");
        assertThat(TELEGRAM.requestsTo(chat)).hasSize(1);
    }

    @Test
    void aRegisteredChatThatRefusesTheBotStaysRegisteredAndItsCustomerRowStops() {
        long chat = newChatId();
        String first = newOrderId();
        String second = newOrderId();
        String subscriber = createSubscriber(chat, List.of("order.rejected"), "es");
        TELEGRAM.script(chat, Reply.neverStarted(), Reply.neverStarted());

        // the customer row at the chat and the subscriber both get a refusal
        sendToNotifier(
                "order.confirmed",
                order(first, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));
        JsonNode asCustomer = finalDeliveryOf(first);
        assertThat(asCustomer.get("status").asString()).isEqualTo("FAILED");
        assertThat(asCustomer.get("lastError").asString()).contains("403").contains("recipient deactivated");
        sendToNotifier("order.rejected", order(second, "REJECTED", List.of(line(newOrderId(), 1)), null));
        JsonNode asSubscriber = finalDeliveryOf(second);
        assertThat(asSubscriber.get("status").asString()).isEqualTo("FAILED");
        assertThat(asSubscriber.get("lastError").asString()).contains("403").contains("recipient kept");

        JsonNode registered = client().admin("GET", "/functions/v1/notifier/recipients/" + subscriber, null)
                .json();
        assertThat(registered.get("active").asBoolean())
                .as("the admin's recipient")
                .isTrue();
        JsonNode customers = client().admin(
                        "GET", "/functions/v1/notifier/recipients?kind=CUSTOMER&channel=TELEGRAM&address=" + chat, null)
                .json();
        assertThat(customers.get("items").get(0).get("active").asBoolean()).isFalse();

        // once the chat lets the bot in (the fake answers ok after its script), the registered recipient is reached
        String third = newOrderId();
        sendToNotifier("order.rejected", order(third, "REJECTED", List.of(line(newOrderId(), 1)), null));
        assertThat(finalDeliveryOf(third).get("status").asString()).isEqualTo("SENT");
    }

    private String createSubscriber(long chat, List<String> types, String locale) {
        EdgeClient.Answer created = client().admin("POST", "/functions/v1/notifier/recipients", """
                {"channel":"TELEGRAM","address":"%d","name":"ops","eventTypes":%s,"locale":"%s"}""".formatted(
                        chat, types.stream().map(t -> "\"" + t + "\"").toList(), locale));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
