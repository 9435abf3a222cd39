package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientTest {

    @Test
    void matchesExactTypesWildcardsAndEverything() {
        assertThat(Recipient.matches("order.confirmed", "order.confirmed")).isTrue();
        assertThat(Recipient.matches("order.confirmed", "order.created")).isFalse();
        assertThat(Recipient.matches("order.*", "order.rejected")).isTrue();
        assertThat(Recipient.matches("order.*", "orders.rejected")).isFalse();
        assertThat(Recipient.matches("order.*", "order")).isFalse();
        assertThat(Recipient.matches("order.*", "product.stockReserved")).isFalse();
        assertThat(Recipient.matches("*", "product.stockReserved")).isTrue();
    }

    @Test
    void acceptsOnlyWellFormedPatterns() {
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("order.*").matches()).isTrue();
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("*").matches()).isTrue();
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("product.stockReserved").matches())
                .isTrue();
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("order.*.x").matches()).isFalse();
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("*.created").matches()).isFalse();
        assertThat(Recipient.EVENT_TYPE_PATTERN.matcher("").matches()).isFalse();
    }
}
