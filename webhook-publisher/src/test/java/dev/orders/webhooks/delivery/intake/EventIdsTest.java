package dev.orders.webhooks.delivery.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.json.WireJson;
import dev.orders.webhooks.delivery.WebhookPayload;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventIdsTest {

    static JsonNode json(String text) {
        return WireJson.mapper().readTree(text);
    }

    @Test
    void theMessageIdIsTheEventId() {
        assertThat(EventIds.of("01a2-id", "order.confirmed", json("{\"id\":1}")))
                .isEqualTo("01a2-id");
    }

    @Test
    void withoutAMessageIdTheSameMessageGivesTheSameIdAndAnotherMessageAnother() {
        String a = EventIds.of(null, "order.confirmed", json("{\"id\":\"x\",\"updatedAt\":\"2025-11-27T00:00:00Z\"}"));
        String again =
                EventIds.of("", "order.confirmed", json("{\"id\":\"x\",\"updatedAt\":\"2025-11-27T00:00:00Z\"}"));
        String otherType =
                EventIds.of(null, "order.rejected", json("{\"id\":\"x\",\"updatedAt\":\"2025-11-27T00:00:00Z\"}"));
        String otherData =
                EventIds.of(null, "order.confirmed", json("{\"id\":\"x\",\"updatedAt\":\"2025-11-27T00:00:01Z\"}"));

        assertThat(a).startsWith("sha256:").hasSize(7 + 64).isEqualTo(again);
        assertThat(otherType).isNotEqualTo(a);
        assertThat(otherData).isNotEqualTo(a);
    }

    @Test
    void aTooLongMessageIdIsHashedToFitItsColumn() {
        assertThat(EventIds.of("x".repeat(300), "order.created", json("{}")))
                .startsWith("sha256:")
                .hasSize(71);
    }

    @Test
    void thePayloadKeepsTheDataAsItCameAndTakesTheOrderTimeAsTheEventTime() {
        JsonNode data =
                json("{\"id\":\"o1\",\"reason\":null,\"updatedAt\":\"2025-11-27T00:00:05Z\",\"extra\":[1,2.5]}");
        Instant received = Instant.parse("2025-11-27T00:00:09Z");
        Instant occurred = WebhookPayload.occurredAt(data, received);

        assertThat(occurred).isEqualTo(Instant.parse("2025-11-27T00:00:05Z"));
        assertThat(WebhookPayload.render("order.confirmed", occurred, data))
                .isEqualTo(
                        "{\"type\":\"order.confirmed\",\"timestamp\":\"2025-11-27T00:00:05Z\",\"data\":{\"id\":\"o1\","
                                + "\"reason\":null,\"updatedAt\":\"2025-11-27T00:00:05Z\",\"extra\":[1,2.5]}}");
        assertThat(WebhookPayload.occurredAt(json("{\"approved\":true}"), received))
                .isEqualTo(received);
        assertThat(WebhookPayload.occurredAt(json("{\"updatedAt\":\"yesterday\"}"), received))
                .isEqualTo(received);
    }
}
