package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import dev.orders.infra.json.WireJson;
import dev.orders.webhooks.subscription.Secrets;
import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.NodeVerifier;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.ReferenceVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SignedDeliveryIT extends PublisherTestSupport {

    @Test
    void anOrderConfirmedEventReachesTheSubscriberSignedSoThatEveryVerifierAcceptsIt() throws Exception {
        Receiver receiver = receiver();
        JsonNode subscription = subscribe(receiver, "order.confirmed");
        String secret = subscription.get("secret").asString();
        String order = EventPublisher.order("CONFIRMED")
                .replace("}]", "}],\"loyalty\":{\"tier\":\"gold\",\"since\":null},\"note\":\"añadido\"");
        String eventId = events.publish("order.confirmed", order);

        await().until(() -> receiver.count() == 1);
        Receiver.Request request = receiver.requests().getFirst();
        JsonNode delivery = awaitDelivery(subscription.get("id").asString(), eventId, "SUCCEEDED");

        // payload: exactly {type, timestamp, data}, data as emitted, new fields included
        JsonNode body = WireJson.mapper().readTree(request.body());
        assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
        assertThat(body.get("type").asString()).isEqualTo("order.confirmed");
        assertThat(body.get("data")).isEqualTo(WireJson.mapper().readTree(order));
        assertThat(body.get("timestamp").asString())
                .isEqualTo(body.get("data").get("updatedAt").asString());
        assertThat(body.get("data").get("loyalty").has("since")).isTrue();
        // headers: the id is the delivery's, the timestamp is now
        assertThat(request.header("webhook-id"))
                .isEqualTo("msg_" + delivery.get("id").asString())
                .isEqualTo(delivery.get("webhookId").asString());
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(request.header("webhook-signature")).matches("v1,[A-Za-z0-9+/=]+");
        assertThat(request.header("content-type")).startsWith("application/json");
        // the history keeps the exact body that was signed
        assertThat(delivery.get("payload")).isEqualTo(body);

        // the official npm package, our own verifier, and the Java reference library all accept it
        NodeVerifier.Result node = NodeVerifier.verify(secret, request);
        assertThat(node.exitCode()).as(node.output()).isZero();
        assertThat(node.output()).contains("\"verified\":true");
        assertThat(ReferenceVerifier.verify(secret, request)).isEmpty();
        new Webhook(secret)
                .verify(
                        request.bodyText(),
                        Map.of(
                                "webhook-id", List.of(request.header("webhook-id")),
                                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                                "webhook-signature", List.of(request.header("webhook-signature"))));

        // and they reject what they must
        String otherSecret = Secrets.generate();
        assertThat(NodeVerifier.verify(otherSecret, request).exitCode()).isEqualTo(1);
        byte[] tampered = request.bodyText().replace("CONFIRMED", "REJECTED").getBytes(StandardCharsets.UTF_8);
        assertThat(NodeVerifier.verify(
                                secret,
                                request.header("webhook-id"),
                                request.header("webhook-timestamp"),
                                request.header("webhook-signature"),
                                tampered)
                        .exitCode())
                .isEqualTo(1);
        assertThat(ReferenceVerifier.verify(otherSecret, request)).isPresent();
    }

    @Test
    void duringARotationGraceBothKeysSignAndAfterItOnlyTheNewOne() {
        Receiver receiver = receiver();
        JsonNode subscription = subscribe(receiver, "order.*");
        String id = subscription.get("id").asString();
        String original = subscription.get("secret").asString();

        AdminClientResponse rotated = rotate(id, "{}");
        String second = rotated.secret();
        assertThat(second).startsWith("whsec_").isNotEqualTo(original);
        assertThat(rotated.previousExpiresAt()).isAfter(Instant.now().plusSeconds(23 * 3600));
        assertThat(admin.get("/webhooks/subscriptions/" + id).raw()).doesNotContain("whsec_");

        events.publish("order.created", EventPublisher.order("PENDING"));
        await().until(() -> receiver.count() == 1);
        Receiver.Request duringGrace = receiver.requests().getFirst();
        assertThat(duringGrace.header("webhook-signature").split(" ")).hasSize(2);
        for (String secret : List.of(original, second)) {
            assertThat(NodeVerifier.verify(secret, duringGrace).exitCode()).isZero();
            assertThat(ReferenceVerifier.verify(secret, duringGrace)).isEmpty();
        }

        String third = rotate(id, "{\"gracePeriodSeconds\":0}").secret();
        events.publish("order.created", EventPublisher.order("PENDING"));
        await().until(() -> receiver.count() == 2);
        Receiver.Request afterGrace = receiver.requests().get(1);
        assertThat(afterGrace.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(NodeVerifier.verify(third, afterGrace).exitCode()).isZero();
        assertThat(NodeVerifier.verify(second, afterGrace).exitCode()).isEqualTo(1);
        assertThat(ReferenceVerifier.verify(original, afterGrace)).isPresent();
    }

    @Test
    void aSubscriptionMayBringTheSecretItsReceiverIsConfiguredWith() {
        Receiver receiver = receiver();
        // the edge logger's development secret: a receiver with a key fixed in its own configuration
        String fixed = "whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=";
        var created = admin.post(
                "/webhooks/subscriptions",
                "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"*\"],\"secret\":\"" + fixed + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asString();
        admin.delete("/webhooks/subscriptions/" + id);
        var resubscribed = admin.post(
                "/webhooks/subscriptions",
                "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"*\"],\"secret\":\"" + fixed + "\"}");
        assertThat(resubscribed.json().get("secret").asString()).isEqualTo(fixed);

        events.publish(
                "product.stockReserved",
                "{\"orderId\":\"" + java.util.UUID.randomUUID()
                        + "\",\"idempotencyKey\":\"k\",\"approved\":false,\"reason\":\"OUT_OF_STOCK\",\"items\":[]}");
        await().until(() -> receiver.count() == 1);
        assertThat(ReferenceVerifier.verify(fixed, receiver.requests().getFirst()))
                .isEmpty();
        admin.delete("/webhooks/subscriptions/" + resubscribed.json().get("id").asString());

        for (String bad : List.of("not-a-secret", "whsec_c2hvcnQ=", "whsec_%%%")) {
            var refused = admin.post(
                    "/webhooks/subscriptions",
                    "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"*\"],\"secret\":\"" + bad + "\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("secret");
            assertThat(refused.raw()).doesNotContain(bad);
        }
    }

    record AdminClientResponse(String secret, Instant previousExpiresAt) {}

    private AdminClientResponse rotate(String id, String body) {
        var response = admin.post("/webhooks/subscriptions/" + id + "/rotate-secret", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return new AdminClientResponse(
                response.json().get("secret").asString(),
                Instant.parse(response.json().get("previousSecretExpiresAt").asString()));
    }
}
