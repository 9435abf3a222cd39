package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RetryIT extends PublisherTestSupport {

    @Test
    void retriesFailuresOnTheScheduleAndRecordsEveryAttempt() {
        Receiver receiver = receiver()
                .replyInOrder(Reply.status(500, "down"), Reply.status(500, "still down"), Reply.status(200, "ok"));
        String subscription = subscribe(receiver, "order.confirmed").get("id").asString();
        String eventId = events.publish("order.confirmed", EventPublisher.order("CONFIRMED"));

        JsonNode delivery = awaitDelivery(subscription, eventId, "SUCCEEDED");

        List<JsonNode> attempts = attempts(delivery);
        assertThat(attempts).extracting(a -> a.get("number").asInt()).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(a -> a.get("httpStatus").asInt()).containsExactly(500, 500, 200);
        assertThat(attempts)
                .extracting(a -> a.get("outcome").asString())
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(attempts)
                .extracting(a -> a.get("responseBody").asString())
                .containsExactly("down", "still down", "ok");
        assertThat(attempts)
                .allSatisfy(a -> assertThat(a.get("durationMs").asLong()).isNotNegative());
        // spaced per the schedule: the n-th wait is at least the n-th delay, and not much more
        List<Duration> gaps = gaps(attempts);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(RETRY_DELAYS.get(0)).isLessThan(Duration.ofSeconds(3));
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(RETRY_DELAYS.get(1)).isLessThan(Duration.ofSeconds(3));
        // the same webhook-id on every attempt, a fresh timestamp on each
        assertThat(receiver.requests())
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(delivery.get("webhookId").asString());
        assertThat(attempts)
                .extracting(a -> a.get("webhookTimestamp").asLong())
                .containsExactlyElementsOf(receiver.requests().stream()
                        .map(r -> Long.parseLong(r.header("webhook-timestamp")))
                        .toList());
        assertThat(delivery.get("attemptCount").asInt()).isEqualTo(3);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);
    }

    @Test
    void everyAttemptSendsTheEventsTraceOnWithASpanOfItsOwn() {
        Receiver receiver = receiver().replyInOrder(Reply.status(500, "down"), Reply.status(200, "ok"));
        String subscription = subscribe(receiver, "order.confirmed").get("id").asString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String producerSpanId = "00f067aa0ba902b7";
        String eventId = events.publishTraced(
                "order.confirmed", EventPublisher.order("CONFIRMED"), "00-" + traceId + "-" + producerSpanId + "-01");

        awaitDelivery(subscription, eventId, "SUCCEEDED");

        List<String> traceparents =
                receiver.requests().stream().map(r -> r.header("traceparent")).toList();
        assertThat(traceparents)
                .hasSize(2)
                .allSatisfy(t -> assertThat(t).matches("00-" + traceId + "-[0-9a-f]{16}-01"))
                .doesNotHaveDuplicates()
                .noneMatch(t -> t.contains(producerSpanId));
    }

    @Test
    void failsAfterTheConfiguredAttemptsAndAReplaySucceedsOnceTheReceiverIsFixed() {
        Receiver receiver = receiver().replyAlways(Reply.status(503, "maintenance"));
        String subscription = subscribe(receiver, "order.rejected").get("id").asString();
        String eventId = events.publish("order.rejected", EventPublisher.order("REJECTED"));

        JsonNode failed = awaitDelivery(subscription, eventId, "FAILED");
        assertThat(attempts(failed))
                .hasSize(MAX_ATTEMPTS)
                .allSatisfy(a -> assertThat(a.get("httpStatus").asInt()).isEqualTo(503));
        assertThat(failed.get("lastError").asString()).isEqualTo("HTTP 503");
        assertThat(receiver.count()).isEqualTo(MAX_ATTEMPTS);
        assertThat(admin.get("/webhooks/subscriptions/" + subscription)
                        .json()
                        .get("consecutiveFailures")
                        .asInt())
                .isEqualTo(1);

        receiver.replyAlways(Reply.status(204));
        var replay = admin.post("/webhooks/deliveries/" + failed.get("id").asString() + "/replay", null);
        assertThat(replay.status()).as(replay.raw()).isEqualTo(202);
        assertThat(replay.json().get("status").asString()).isEqualTo("PENDING");

        JsonNode replayed = awaitDelivery(subscription, eventId, "SUCCEEDED");
        assertThat(attempts(replayed)).extracting(a -> a.get("number").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(attempts(replayed).getLast().get("httpStatus").asInt()).isEqualTo(204);
        assertThat(replayed.get("replays").asInt()).isEqualTo(1);
        assertThat(receiver.requests())
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(replayed.get("webhookId").asString());
        assertThat(admin.get("/webhooks/subscriptions/" + subscription)
                        .json()
                        .get("consecutiveFailures")
                        .asInt())
                .isZero();
    }

    @Test
    void replaysEveryFailedDeliveryOfASubscriptionSinceATime() {
        Receiver receiver = receiver().replyAlways(Reply.status(500));
        String subscription = subscribe(receiver, "order.cancelled").get("id").asString();
        Instant before = Instant.now().minusSeconds(1);
        String first = events.publish("order.cancelled", EventPublisher.order("CANCELLED"));
        String second = events.publish("order.cancelled", EventPublisher.order("CANCELLED"));
        awaitDelivery(subscription, first, "FAILED");
        awaitDelivery(subscription, second, "FAILED");

        receiver.replyAlways(Reply.status(200));
        var none = admin.post(
                "/webhooks/subscriptions/" + subscription + "/replay-failed",
                "{\"since\":\"" + Instant.now().plusSeconds(60) + "\"}");
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.json().get("replayed").asInt()).isZero();

        var all = admin.post(
                "/webhooks/subscriptions/" + subscription + "/replay-failed", "{\"since\":\"" + before + "\"}");
        assertThat(all.status()).as(all.raw()).isEqualTo(202);
        assertThat(all.json().get("replayed").asInt()).isEqualTo(2);
        awaitDelivery(subscription, first, "SUCCEEDED");
        awaitDelivery(subscription, second, "SUCCEEDED");

        assertThat(admin.post("/webhooks/subscriptions/" + subscription + "/replay-failed", "{}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void honoursRetryAfterAndDoesNotFollowRedirects() {
        Receiver elsewhere = receiver();
        Receiver receiver = receiver()
                .replyInOrder(
                        Reply.withHeader(429, "Retry-After", "1"),
                        Reply.withHeader(302, "Location", elsewhere.url()),
                        Reply.status(200));
        String subscription = subscribe(receiver, "order.rejected").get("id").asString();
        String eventId = events.publish("order.rejected", EventPublisher.order("REJECTED"));

        JsonNode delivery = awaitDelivery(subscription, eventId, "SUCCEEDED");

        List<JsonNode> attempts = attempts(delivery);
        assertThat(attempts).extracting(a -> a.get("httpStatus").asInt()).containsExactly(429, 302, 200);
        // the schedule says 100 ms, the receiver asked for 1 s
        assertThat(gaps(attempts).get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(elsewhere.count()).isZero();
    }

    @Test
    void aSubscriptionThatKeepsFailingIsDisabledAndSaysWhy() {
        double alertsBefore = autoDisabledCount();
        Receiver receiver = receiver().replyAlways(Reply.status(500));
        String subscription = subscribe(receiver, "order.created").get("id").asString();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < AUTO_DISABLE_AFTER; i++) {
            eventIds.add(events.publish("order.created", EventPublisher.order("PENDING")));
        }
        eventIds.forEach(id -> awaitDelivery(subscription, id, "FAILED"));

        JsonNode disabled = admin.get("/webhooks/subscriptions/" + subscription).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        // an alert, not a silence: the counter an operator alerts on went up
        assertThat(autoDisabledCount()).isEqualTo(alertsBefore + 1);
        assertThat(disabled.get("disabledReason").asString())
                .isEqualTo("disabled automatically after " + AUTO_DISABLE_AFTER + " failed deliveries in a row");
        assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(AUTO_DISABLE_AFTER);

        // a disabled subscription gets no new deliveries (the witness proves the event was handled: its delivery is
        // created in the same transaction as any other) and cannot be replayed until enabled again
        String witness = subscribe(receiver(), "order.created").get("id").asString();
        String ignored = events.publish("order.created", EventPublisher.order("PENDING"));
        awaitDelivery(witness, ignored, "SUCCEEDED");
        assertThat(admin.deliveriesOf(subscription, ignored)).isEmpty();
        String failedId = admin.deliveriesOf(subscription, eventIds.getFirst())
                .getFirst()
                .get("id")
                .asString();
        assertThat(admin.post("/webhooks/deliveries/" + failedId + "/replay", null)
                        .status())
                .isEqualTo(409);

        receiver.replyAlways(Reply.status(200));
        var enabled = admin.patch("/webhooks/subscriptions/" + subscription, "{\"enabled\":true}");
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("consecutiveFailures").asInt()).isZero();
        assertThat(enabled.json().has("disabledReason")).isFalse();
        assertThat(admin.post("/webhooks/deliveries/" + failedId + "/replay", null)
                        .status())
                .isEqualTo(202);
        awaitDelivery(subscription, eventIds.getFirst(), "SUCCEEDED");
    }

    @Test
    void aReceiverThatRefusesThePayloadsIsNotDisabled() {
        // the edge functions answer 400 to an event they cannot take; that says nothing about the next event
        Receiver receiver = receiver().replyAlways(Reply.status(400, "{\"title\":\"bad payload\"}"));
        String subscription = subscribe(receiver, "order.cancelled").get("id").asString();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < AUTO_DISABLE_AFTER + 1; i++) {
            eventIds.add(events.publish("order.cancelled", EventPublisher.order("CANCELLED")));
        }
        eventIds.forEach(id -> awaitDelivery(subscription, id, "FAILED"));

        JsonNode still = admin.get("/webhooks/subscriptions/" + subscription).json();
        assertThat(still.get("enabled").asBoolean()).isTrue();
        assertThat(still.get("consecutiveFailures").asInt()).isZero();
        receiver.replyAlways(Reply.status(200));
        String next = events.publish("order.cancelled", EventPublisher.order("CANCELLED"));
        awaitDelivery(subscription, next, "SUCCEEDED");
    }

    @Test
    void aReceiverThatIsGoneIsDisabled() {
        Receiver receiver = receiver().replyAlways(Reply.status(410));
        String subscription = subscribe(receiver, "order.rejected").get("id").asString();
        for (int i = 0; i < AUTO_DISABLE_AFTER; i++) {
            awaitDelivery(subscription, events.publish("order.rejected", EventPublisher.order("REJECTED")), "FAILED");
        }

        assertThat(admin.get("/webhooks/subscriptions/" + subscription)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
    }

    private double autoDisabledCount() {
        var counter = meters.find("webhook.subscriptions.auto.disabled").counter();
        assertThat(counter)
                .as("webhook_subscriptions_auto_disabled_total is registered")
                .isNotNull();
        return counter.count();
    }

    static List<JsonNode> attempts(JsonNode delivery) {
        List<JsonNode> out = new ArrayList<>();
        delivery.get("attempts").forEach(out::add);
        return out;
    }

    /** From the end of each attempt to the start of the next, as the publisher recorded them. */
    static List<Duration> gaps(List<JsonNode> attempts) {
        List<Duration> out = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            Instant previousEnd = Instant.parse(
                            attempts.get(i - 1).get("attemptedAt").asString())
                    .plusMillis(attempts.get(i - 1).get("durationMs").asLong());
            out.add(Duration.between(
                    previousEnd,
                    Instant.parse(attempts.get(i).get("attemptedAt").asString())));
        }
        return out;
    }
}
