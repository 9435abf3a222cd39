package dev.orders.infra.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.Customer;
import dev.orders.contracts.ListOrders;
import dev.orders.contracts.OrderStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

class WireJsonTest {

    @Test
    void refusesANumberOrABooleanWhereTextBelongs() {
        for (String name : List.of("5", "1.5", "true")) {
            assertThatThrownBy(() -> WireJson.mapper().readValue("{\"name\":" + name + "}", Customer.class))
                    .as(name)
                    .isInstanceOf(MismatchedInputException.class);
        }
        assertThat(WireJson.mapper()
                        .readValue("{\"name\":\"5\"}", Customer.class)
                        .name())
                .isEqualTo("5");
    }

    @Test
    void refusesAnEnumByIndex() {
        assertThatThrownBy(() -> WireJson.mapper().readValue("{\"status\":1}", ListOrders.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThat(WireJson.mapper()
                        .readValue("{\"status\":\"CONFIRMED\"}", ListOrders.class)
                        .status())
                .isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void readsWithinItsLimits() {
        assertThat(WireJson.mapper().readTree("[".repeat(64) + "]".repeat(64)).isArray())
                .isTrue();
        assertThatThrownBy(() -> WireJson.mapper().readTree("[".repeat(65) + "]".repeat(65)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> WireJson.mapper().readTree("[" + "1,".repeat(100_000) + "1]"))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Token count");
        assertThatThrownBy(() -> WireJson.mapper().readTree("1" + "0".repeat(100)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Number value length");
    }
}
