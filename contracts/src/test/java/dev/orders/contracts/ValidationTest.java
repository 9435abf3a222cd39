package dev.orders.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ana\u0000", "Ana\nLópez", "\tAna", "Ana\u001F", "Ana\u007F", "Ana\u0085", "Ana\u009F"})
    void refusesControlCharactersInEveryCustomerField(String text) {
        List<Violation> violations =
                Validation.customer(new Customer(text, null, text + "@example.com", text), "customer");

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactly("customer.name", "customer.email", "customer.locale");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).startsWith("must not contain control"));
    }

    @Test
    void refusesHalfASurrogatePairButKeepsWholeOnes() {
        assertThat(Validation.lineTextProblem("Ana \uD83D")).contains("surrogate");
        assertThat(Validation.lineTextProblem("\uDE00 Ana")).contains("surrogate");
        assertThat(Validation.lineTextProblem("Ana \uD83D\uDE00 López 李")).isNull();
    }

    @Test
    void acceptsOrdinaryTextAndAbsentFields() {
        assertThat(Validation.customer(new Customer("Ana López-Núñez", 42L, "ana@example.com", "es-ES"), "customer"))
                .isEmpty();
        assertThat(Validation.customer(new Customer(null, null, null, null), "customer"))
                .isEmpty();
    }

    @Test
    void refusesControlCharactersInAProductName() {
        assertThat(Validation.createProduct(new CreateProduct("Lamp\u0000", new java.math.BigDecimal("1.00"), 1)))
                .extracting(Violation::field)
                .containsExactly("name");
    }
}
