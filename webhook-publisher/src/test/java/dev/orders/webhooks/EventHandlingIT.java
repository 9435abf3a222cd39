package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Which events become deliveries: deduplication and event-type matching. */
class EventHandlingIT extends PublisherTestSupport {

    @Test
    void theSameEventConsumedTwiceGivesOneDeliveryPerSubscription() {
        Receiver first = receiver();
        Receiver second = receiver();
        String a = subscribe(first, "order.*").get("id").asString();
        String b = subscribe(second, "order.confirmed").get("id").asString();
        double duplicatesBefore = duplicates();
        String order = EventPublisher.order("CONFIRMED");
        String nestOrder = EventPublisher.order("CONFIRMED");

        // our outbox after a crash: the same message id twice
        String eventId = events.publish("order.confirmed", order);
        events.publish("order.confirmed", order, eventId);
        // a NestJS emitter sets no message id: the same body twice
        events.publishWithoutId("order.confirmed", nestOrder);
        events.publishWithoutId("order.confirmed", nestOrder);

        await().until(() -> duplicates() - duplicatesBefore >= 2);
        await().until(() -> first.count() == 2 && second.count() == 2);
        for (String subscription : List.of(a, b)) {
            List<JsonNode> deliveries = admin.deliveries("subscriptionId=" + subscription);
            assertThat(deliveries).hasSize(2);
            assertThat(deliveries)
                    .extracting(d -> d.get("eventId").asString())
                    .doesNotHaveDuplicates()
                    .contains(eventId)
                    .anyMatch(id -> id.startsWith("sha256:"));
            deliveries.forEach(d -> awaitDelivery(subscription, d.get("eventId").asString(), "SUCCEEDED"));
        }
        assertThat(first.count()).isEqualTo(2);
        assertThat(second.count()).isEqualTo(2);
        assertThat(first.requests()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
    }

    @Test
    void aWildcardSubscriptionGetsOrderEventsAndNotStockEvents() {
        Receiver orders = receiver();
        Receiver stock = receiver();
        String wildcard = subscribe(orders, "order.*").get("id").asString();
        String reservations =
                subscribe(stock, "product.stockReserved").get("id").asString();
        String stockEvent = "{\"orderId\":\"" + java.util.UUID.randomUUID() + "\",\"idempotencyKey\":\"k-1\","
                + "\"approved\":true,\"items\":[]}";

        String reserved = events.publish("product.stockReserved", stockEvent);
        String created = events.publish("order.created", EventPublisher.order("PENDING"));
        String cancelled = events.publish("order.cancelled", EventPublisher.order("CANCELLED"));

        awaitDelivery(reservations, reserved, "SUCCEEDED");
        awaitDelivery(wildcard, created, "SUCCEEDED");
        awaitDelivery(wildcard, cancelled, "SUCCEEDED");
        // the stock event was handled (its delivery to the other subscription exists), and created none for order.*
        assertThat(admin.deliveriesOf(wildcard, reserved)).isEmpty();
        assertThat(admin.deliveries("subscriptionId=" + wildcard))
                .extracting(d -> d.get("eventType").asString())
                .containsExactlyInAnyOrder("order.created", "order.cancelled");
        assertThat(orders.requests()).extracting(r -> r.bodyText()).noneMatch(body -> body.contains("stockReserved"));
        assertThat(stock.count()).isEqualTo(1);
        assertThat(stock.requests().getFirst().bodyText()).startsWith("{\"type\":\"product.stockReserved\"");
    }

    @Test
    void aBurstOfEventsEachSentTwiceGivesOneDeliveryPerSubscriptionAndEverySucceeds() {
        // events arriving together are stored in shared transactions and their attempts begun and recorded in
        // shared statements: nothing may be lost, doubled or mixed up between the events of one batch
        Receiver first = receiver();
        Receiver second = receiver();
        String a = subscribe(first, "order.*").get("id").asString();
        String b = subscribe(second, "order.confirmed").get("id").asString();
        double duplicatesBefore = duplicates();
        int count = 150;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String order = EventPublisher.order("CONFIRMED");
            String eventId = events.publish("order.confirmed", order);
            events.publish("order.confirmed", order, eventId);
            ids.add(eventId);
        }

        await().until(() -> duplicates() - duplicatesBefore >= count);
        await().until(() -> first.count() >= count && second.count() >= count);
        for (String subscription : List.of(a, b)) {
            await().until(() -> admin.deliveries("subscriptionId=" + subscription + "&status=PENDING")
                    .isEmpty());
            assertThat(admin.deliveries("subscriptionId=" + subscription + "&status=FAILED"))
                    .isEmpty();
        }
        for (Receiver receiver : List.of(first, second)) {
            assertThat(receiver.count()).isEqualTo(count);
            assertThat(receiver.requests())
                    .extracting(r -> r.header("webhook-id"))
                    .doesNotHaveDuplicates();
            assertThat(receiver.requests())
                    .extracting(r -> r.bodyText())
                    .allSatisfy(body -> assertThat(body).startsWith("{\"type\":\"order.confirmed\""));
        }
        // the history of a batched attempt is the same as a lone one's
        List<JsonNode> attempts = RetryIT.attempts(awaitDelivery(a, ids.getLast(), "SUCCEEDED"));
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getFirst().get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempts.getFirst().get("httpStatus").asInt()).isEqualTo(200);
    }

    @Test
    void aDeliveryToASubscriptionWithNothingWaitingStartsStraightFromTheIntake() {
        Receiver receiver = receiver();
        String subscription = subscribe(receiver, "order.confirmed").get("id").asString();
        double fromIntakeBefore = started("intake");

        String eventId = events.publish("order.confirmed", EventPublisher.order("CONFIRMED"));

        // stored leased to this process with attempt 1 begun, and sent once committed, with no claim and no begin of
        // its own (its history is the same)
        JsonNode delivery = awaitDelivery(subscription, eventId, "SUCCEEDED");
        assertThat(started("intake") - fromIntakeBefore).isEqualTo(1);
        List<JsonNode> attempts = RetryIT.attempts(delivery);
        assertThat(attempts).hasSize(1);
        JsonNode attempt = attempts.getFirst();
        assertThat(attempt.get("number").asInt()).isEqualTo(1);
        assertThat(attempt.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempt.get("url").asString()).isEqualTo(receiver.url());
        Receiver.Request request = receiver.requests().getFirst();
        assertThat(request.header("webhook-id"))
                .isEqualTo("msg_" + delivery.get("id").asString());
        assertThat(request.header("webhook-timestamp"))
                .isEqualTo(attempt.get("webhookTimestamp").asString());
    }

    @Test
    void aNewDeliveryWaitsBehindTheDueOnesOfItsSubscription() {
        Receiver slow = receiver().replyInOrder(Reply.hang(), Reply.hang());
        String subscription = subscribe(slow, "order.confirmed").get("id").asString();
        List<String> ids = new ArrayList<>();
        // two hold the subscription's permits (PER_SUBSCRIPTION = 2) and the third waits, due
        for (int i = 0; i < PER_SUBSCRIPTION + 1; i++) {
            ids.add(events.publish("order.confirmed", EventPublisher.order("CONFIRMED")));
        }
        await().until(() -> slow.inProgress() == PER_SUBSCRIPTION);
        double fromIntakeBefore = started("intake");

        ids.add(events.publish("order.confirmed", EventPublisher.order("CONFIRMED")));
        await().until(() -> admin.deliveries("subscriptionId=" + subscription).size() == ids.size());
        slow.releaseHangs();

        ids.forEach(id -> awaitDelivery(subscription, id, "SUCCEEDED"));
        // the fourth found the permits taken and a delivery waiting: it was left to the claim, in its turn
        assertThat(started("intake") - fromIntakeBefore).isZero();
        assertThat(slow.requests())
                .extracting(r -> r.header("webhook-id"))
                .hasSize(ids.size())
                .doesNotHaveDuplicates();
    }

    private double started(String via) {
        return meters.find("webhook.deliveries.started").tag("via", via).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double duplicates() {
        return meters.find("webhook.events.received").tag("outcome", "duplicate").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
