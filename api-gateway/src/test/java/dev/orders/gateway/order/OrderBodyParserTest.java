package dev.orders.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.CreateOrder;
import dev.orders.contracts.Customer;
import dev.orders.contracts.OrderLine;
import dev.orders.contracts.Violation;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrderBodyParserTest {

    static final String P1 = "00000000-0000-4000-8000-000000000001";
    static final String P2 = "00000000-0000-4000-8000-000000000002";

    @Test
    void readsTheSeedsSingleLineForm() {
        CreateOrder order =
                OrderBodyParser.read(json("{\"productId\":\"" + P1.toUpperCase() + "\",\"quantity\":2}"), "key-1");

        assertThat(order.items()).containsExactly(new OrderLine(P1, 2));
        assertThat(order.requestKey()).isEqualTo("key-1");
        assertThat(order.customer()).isNull();
    }

    @Test
    void readsManyLinesAndACustomer() {
        CreateOrder order = OrderBodyParser.read(json("""
                {"items":[{"productId":"%s","quantity":1},{"productId":"%s","quantity":3}],
                 "customer":{"name":"Ana","email":"ana@example.com","locale":"es"}}""".formatted(P1, P2)), null);

        assertThat(order.items()).containsExactly(new OrderLine(P1, 1), new OrderLine(P2, 3));
        assertThat(order.customer()).isEqualTo(new Customer("Ana", null, "ana@example.com", "es"));
    }

    @Test
    void refusesBothFormsAtOnce() {
        assertThat(violations("{\"productId\":\"" + P1 + "\",\"quantity\":1,\"items\":[]}"))
                .containsExactly(new Violation("items", "give either productId and quantity, or items, not both"));
    }

    @Test
    void refusesTheSameProductOnTwoLines() {
        assertThat(violations(
                        "{\"items\":[{\"productId\":\"%s\",\"quantity\":1},{\"productId\":\"%s\",\"quantity\":2}]}"
                                .formatted(P1, P1)))
                .extracting(Violation::field)
                .containsExactly("items[1].productId");
    }

    @Test
    void namesTheSingleLineFieldsWithoutAnItemsPath() {
        assertThat(violations("{\"productId\":\"not-a-uuid\",\"quantity\":1}"))
                .containsExactly(new Violation("productId", "must be a UUID"));
    }

    @Test
    void refusesUnknownFields() {
        assertThat(violations("{\"productId\":\"" + P1 + "\",\"quantity\":1,\"price\":0}"))
                .extracting(Violation::field)
                .contains("price");
    }

    private static List<Violation> violations(String body) {
        try {
            OrderBodyParser.read(json(body), null);
        } catch (ProblemException e) {
            return e.violations();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> OrderBodyParser.read(json("[]"), null)).isInstanceOf(ProblemException.class);
    }

    private static JsonNode json(String text) {
        return WireJson.mapper().readTree(text);
    }
}
