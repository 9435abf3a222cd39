package dev.orders.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.contracts.Violation;
import dev.orders.infra.json.WireJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonBodyTest {

    private static JsonNode json(String text) {
        return WireJson.mapper().readTree(text);
    }

    @Test
    void readsEachKindOfFieldAtItsPath() {
        JsonNode body = json("{\"a\":{\"s\":\"x\",\"i\":7,\"l\":9000000000,\"d\":1.25}}");
        JsonBody r = new JsonBody();

        assertThat(r.string(body.get("a"), "s", "a", true)).isEqualTo("x");
        assertThat(r.integer(body.get("a"), "i", "a", true, 0, 10)).isEqualTo(7);
        assertThat(r.longInteger(body.get("a"), "l", "a")).isEqualTo(9_000_000_000L);
        assertThat(r.decimal(body.get("a"), "d", "a", true)).isEqualByComparingTo(new BigDecimal("1.25"));
        assertThat(r.violations()).isEmpty();
    }

    @Test
    void namesEachFieldThatIsMissingOrOfTheWrongKind() {
        JsonNode body = json("{\"s\":1,\"i\":11,\"l\":\"x\",\"d\":\"1\"}");
        JsonBody r = new JsonBody();

        assertThat(r.string(body, "s", "", true)).isNull();
        assertThat(r.integer(body, "i", "", true, 0, 10)).isNull();
        assertThat(r.longInteger(body, "l", "")).isNull();
        assertThat(r.decimal(body, "d", "", true)).isNull();
        assertThat(r.string(body, "missing", "p", true)).isNull();
        assertThat(r.string(body, "optional", "", false)).isNull();

        assertThat(r.violations())
                .containsExactly(
                        new Violation("s", "must be a string"),
                        new Violation("i", "must be an integer from 0 to 10"),
                        new Violation("l", "must be a 64-bit integer"),
                        new Violation("d", "must be a number"),
                        new Violation("p.missing", "is required"));
    }

    @Test
    void readsAFlatAdminBody() {
        JsonBody r = JsonBody.object(
                json("{\"on\":true,\"grace\":60,\"bad\":\"yes\",\"long\":999}"), Set.of("on", "grace", "bad", "long"));

        assertThat(r.bool("on")).isTrue();
        assertThat(r.seconds("grace", 0, 3600)).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.bool("bad")).isNull();
        assertThat(r.seconds("long", 0, 60)).isNull();
        assertThat(r.bool("absent")).isNull();

        assertThat(r.violations())
                .containsExactly(
                        new Violation("bad", "must be true or false"),
                        new Violation("long", "must be a whole number of seconds from 0 to 60"));
    }
}
