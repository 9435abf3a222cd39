package dev.orders.webhooks.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.Violation;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void wildcardsMatchTypesUnderTheirPrefixOnly() {
        assertThat(EventTypes.matches(List.of("order.*"), "order.confirmed")).isTrue();
        assertThat(EventTypes.matches(List.of("order.*"), "product.stockReserved"))
                .isFalse();
        assertThat(EventTypes.matches(List.of("order.*"), "orders.created")).isFalse();
        assertThat(EventTypes.matches(List.of("*"), "product.stockReserved")).isTrue();
        assertThat(EventTypes.matches(List.of("order.created", "product.*"), "product.stockReserved"))
                .isTrue();
        assertThat(EventTypes.matches(List.of("order.created"), "order.confirmed"))
                .isFalse();
    }

    @Test
    void refusesUnknownTypesAndWildcardsThatMatchNothingNamingTheEntry() {
        assertThat(EventTypes.validate(List.of("order.confirmed", "order.*", "*", "product.stockReserved"), "t"))
                .isEmpty();
        assertThat(EventTypes.validate(List.of("order.confirmed", "order.shipped"), "t"))
                .extracting(Violation::field)
                .containsExactly("t[1]");
        assertThat(EventTypes.validate(List.of("invoice.*"), "t"))
                .extracting(Violation::field)
                .containsExactly("t[0]");
        assertThat(EventTypes.validate(List.of("Order.Confirmed"), "t")).hasSize(1);
        assertThat(EventTypes.validate(List.of(), "t"))
                .extracting(Violation::message)
                .allMatch(m -> m.contains("at least one"));
        assertThat(EventTypes.validate(null, "t")).hasSize(1);
    }

    @Test
    void secretsAreStandardWebhooksSecretsOf32RandomBytes() {
        String a = Secrets.generate();
        String b = Secrets.generate();

        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    }

    @Test
    void signingSecretsNeverPrintAKeyAndDropThePreviousOneAfterItsGrace() {
        var now = java.time.Instant.parse("2025-11-27T10:00:00Z");
        SigningSecrets rotated = new SigningSecrets("whsec_old", null, null).rotate("whsec_new", now.plusSeconds(60));

        assertThat(rotated.activeAt(now)).containsExactly("whsec_new", "whsec_old");
        assertThat(rotated.activeAt(now.plusSeconds(60))).containsExactly("whsec_new");
        assertThat(rotated.toString()).doesNotContain("whsec_old").doesNotContain("whsec_new");
    }
}
