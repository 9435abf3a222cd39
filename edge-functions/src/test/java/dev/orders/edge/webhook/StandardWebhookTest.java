package dev.orders.edge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandardWebhookTest {

    @Test
    void readsTheStandardPayload() throws Exception {
        StandardWebhook w = StandardWebhook.parse("msg_1", """
                {"type":"order.confirmed","timestamp":"2025-11-27T00:00:00Z","data":{"id":"o-1","status":"CONFIRMED"}}""");

        assertThat(w.type()).isEqualTo("order.confirmed");
        assertThat(w.timestamp()).isEqualTo(Instant.parse("2025-11-27T00:00:00Z"));
        assertThat(w.data().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(w.orderId()).contains("o-1");
    }

    @Test
    void takesTheOrderIdOfAReservationFromOrderId() throws Exception {
        StandardWebhook w = StandardWebhook.parse("msg_1", """
                {"type":"product.stockReserved","timestamp":"2025-11-27T00:00:00+01:00",
                 "data":{"orderId":"o-2","approved":true,"items":[]}}""");

        assertThat(w.orderId()).contains("o-2");
        assertThat(w.timestamp()).isEqualTo(Instant.parse("2025-11-26T23:00:00Z"));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThatThrownBy(() -> StandardWebhook.parse("msg_1", "type=order.confirmed"))
                .isInstanceOfSatisfying(
                        InvalidWebhook.class, e -> assertThat(e.violations()).isEmpty());
    }

    @Test
    void namesEveryMissingOrWrongField() {
        assertThatThrownBy(() -> StandardWebhook.parse("msg_1", """
                {"type":"", "timestamp":"yesterday", "data":[1]}"""))
                .isInstanceOfSatisfying(
                        InvalidWebhook.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("type", "timestamp", "data"));
        assertThatThrownBy(() -> StandardWebhook.parse("msg_1", "[]")).isInstanceOf(InvalidWebhook.class);
        assertThatThrownBy(() -> StandardWebhook.parse("msg_1", """
                {"type":"order confirmed <b>","timestamp":"2025-11-27T00:00:00Z","data":{}}"""))
                .isInstanceOfSatisfying(
                        InvalidWebhook.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("type"));
    }

    @Test
    void refusesTheNulCharacterThatPostgresCannotStore() {
        assertThatThrownBy(() -> StandardWebhook.parse("msg_1", """
                {"type":"order.created","timestamp":"2025-11-27T00:00:00Z","data":{"items":[{"name":"a\\u0000b"}]}}""")).isInstanceOf(InvalidWebhook.class);
    }

    @Test
    void refusesAnOverlongWebhookId() {
        assertThatThrownBy(() -> StandardWebhook.parse("m".repeat(256), """
                {"type":"order.created","timestamp":"2025-11-27T00:00:00Z","data":{}}""")).isInstanceOf(InvalidWebhook.class);
    }
}
