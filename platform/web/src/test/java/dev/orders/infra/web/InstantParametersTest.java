package dev.orders.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.contracts.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstantParametersTest {

    @Test
    void readsAnInstantWithATrailingZOrAnOffset() {
        List<Violation> violations = new ArrayList<>();

        assertThat(JsonBody.parseInstant("2030-01-02T03:04:05Z", "at", violations))
                .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(JsonBody.parseInstant("2030-01-02T04:04:05+01:00", "at", violations))
                .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(violations).isEmpty();
    }

    @Test
    void tellsWhatAnInstantLooksLikeWithoutNamingADate() {
        List<Violation> violations = new ArrayList<>();

        assertThat(JsonBody.parseInstant("yesterday", "at", violations)).isNull();

        assertThat(violations)
                .containsExactly(new Violation("at", "must be an ISO-8601 instant (UTC, e.g. with a trailing Z)"));
        assertThatThrownBy(() -> Paging.instant("2030-01-02", "from"))
                .isInstanceOf(ProblemException.class)
                .hasMessage("from must be an ISO-8601 instant (UTC, e.g. with a trailing Z)");
    }
}
