package dev.orders.webhooks.delivery.history.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.json.WireJson;
import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.AttemptOutcome;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.history.DeliveryHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeliveryDetailsResponseTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void showsTheListingFieldsFlatBesideThePayloadAndTheAttemptsWithoutTheirDeliveryId() {
        Delivery delivery = Delivery.create("d1", "e1", "s1", "order.created", NOW);
        Attempt attempt = new Attempt(
                "d1", 1, AttemptOutcome.SUCCEEDED, NOW, NOW.getEpochSecond(), "http://x", 200, 5L, "", null);

        JsonNode json = WireJson.mapper()
                .valueToTree(DeliveryDetailsResponse.of(
                        new DeliveryHistory.Details(delivery, List.of(attempt), "{\"a\":1}")));

        assertThat(json.get("id").asString()).isEqualTo("d1");
        assertThat(json.get("webhookId").asString()).isEqualTo("msg_d1");
        assertThat(json.get("attemptCount").asInt()).isZero();
        assertThat(json.has("delivery")).isFalse();
        assertThat(json.get("payload").get("a").asInt()).isEqualTo(1);
        JsonNode first = json.get("attempts").get(0);
        assertThat(first.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(first.has("deliveryId")).isFalse();
    }
}
