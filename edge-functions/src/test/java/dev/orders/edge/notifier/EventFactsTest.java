package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.Violation;
import dev.orders.edge.webhook.InvalidWebhook;
import dev.orders.edge.webhook.StandardWebhook;
import org.junit.jupiter.api.Test;

class EventFactsTest {

    static EventFacts of(String type, String data) throws InvalidWebhook {
        return EventFacts.of(StandardWebhook.parse(
                "msg_1", "{\"type\":\"" + type + "\",\"timestamp\":\"2025-11-27T00:00:00Z\",\"data\":" + data + "}"));
    }

    @Test
    void readsAnOrderWithItsLinesAndContact() throws Exception {
        EventFacts facts = of("order.confirmed", """
                {"id":"o-1","status":"CONFIRMED","items":[{"productId":"p-1","quantity":2},
                 {"productId":"p-2","name":"Tuerca","quantity":1}],
                 "customer":{"name":"Ana","telegramChatId":-1001234567890123,"email":"ana@example.com","locale":"es"}}""");

        assertThat(facts.orderId()).isEqualTo("o-1");
        assertThat(facts.lines())
                .containsExactly(new EventFacts.Line("p-1", null, 2), new EventFacts.Line("p-2", "Tuerca", 1));
        assertThat(facts.contact())
                .isEqualTo(new EventFacts.Contact("Ana", -1001234567890123L, "ana@example.com", "es"));
    }

    @Test
    void takesOnlyATrueNotifyCustomerAsConsent() throws Exception {
        assertThat(of("order.confirmed", "{\"id\":\"o-1\",\"notifyCustomer\":true}")
                        .notifyCustomer())
                .isTrue();
        assertThat(of("order.confirmed", "{\"id\":\"o-1\",\"notifyCustomer\":false}")
                        .notifyCustomer())
                .isFalse();
        assertThat(of("order.confirmed", "{\"id\":\"o-1\"}").notifyCustomer())
                .as("absent")
                .isFalse();
        assertThat(of("order.confirmed", "{\"id\":\"o-1\",\"notifyCustomer\":\"true\"}")
                        .notifyCustomer())
                .as("not a boolean")
                .isFalse();
    }

    @Test
    void acceptsAChatIdSentAsAString() throws Exception {
        assertThat(of("order.confirmed", """
                {"id":"o-1","customer":{"telegramChatId":"9007199254740993"}}""").contact().telegramChatId()).isEqualTo(9007199254740993L);
    }

    @Test
    void readsAReservation() throws Exception {
        EventFacts facts = of("product.stockReserved", """
                {"orderId":"o-2","idempotencyKey":"k","approved":false,"reason":"OUT_OF_STOCK","items":[]}""");

        assertThat(facts.orderId()).isEqualTo("o-2");
        assertThat(facts.approved()).isFalse();
        assertThat(facts.reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void refusesAContactTheGatewayWouldHaveRefused() {
        assertThatThrownBy(() -> of("order.confirmed", """
                {"id":"o-1","customer":{"telegramChatId":12.5,"email":"nope","locale":"spanish please"}}"""))
                .isInstanceOfSatisfying(
                        InvalidWebhook.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly(
                                        "data.customer.telegramChatId", "data.customer.email", "data.customer.locale"));
    }

    @Test
    void refusesAReservationWithoutItsOutcome() {
        assertThatThrownBy(() -> of("product.stockReserved", "{\"orderId\":\"o-2\"}"))
                .isInstanceOfSatisfying(
                        InvalidWebhook.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("data.approved"));
    }

    @Test
    void takesAnyOtherEventAsIs() throws Exception {
        EventFacts facts = of("invoice.paid", "{\"orderId\":\"o-3\",\"total\":10}");

        assertThat(facts.orderId()).isEqualTo("o-3");
        assertThat(facts.lines()).isEmpty();
    }
}
