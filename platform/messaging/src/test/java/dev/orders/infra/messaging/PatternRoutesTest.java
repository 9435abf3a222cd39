package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.json.WireJson;
import org.junit.jupiter.api.Test;

class PatternRoutesTest {

    @Test
    void keepsPlainStringPatternsAsTheyAre() {
        assertThat(PatternRoutes.fromString("orders.create")).isEqualTo("orders.create");
        assertThat(PatternRoutes.route(WireJson.mapper().readTree("\"orders.create\"")))
                .isEqualTo("orders.create");
    }

    @Test
    void sortsObjectPatternKeysLikeNestJs() {
        String expected = "{\"cmd\":\"sum\",\"role\":\"math\"}";
        assertThat(PatternRoutes.route(WireJson.mapper().readTree("{\"role\":\"math\",\"cmd\":\"sum\"}")))
                .isEqualTo(expected);
        assertThat(PatternRoutes.route(WireJson.mapper().readTree("{\"cmd\":\"sum\",\"role\":\"math\"}")))
                .isEqualTo(expected);
    }

    @Test
    void matchesAnObjectPatternSentAsAJsonString() {
        String asString = WireJson.mapper().writeValueAsString("{\"role\":\"math\",\"cmd\":\"sum\"}");
        assertThat(PatternRoutes.route(WireJson.mapper().readTree(asString)))
                .isEqualTo("{\"cmd\":\"sum\",\"role\":\"math\"}");
    }

    @Test
    void writesNumbersAndBooleansBareAndNestsObjects() {
        assertThat(PatternRoutes.fromString("{\"v\":2,\"b\":true,\"n\":{\"z\":1,\"a\":\"x\"}}"))
                .isEqualTo("{\"b\":true,\"n\":{\"a\":\"x\",\"z\":1},\"v\":2}");
    }

    @Test
    void escapesQuotesAndBackslashesInStringValues() {
        assertThat(PatternRoutes.fromString("{\"cmd\":\"say \\\"hi\\\" \\\\ bye\"}"))
                .isEqualTo("{\"cmd\":\"say \\\"hi\\\" \\\\ bye\"}");
    }

    @Test
    void sortsKeysCaseInsensitivelyFirstLikeLocaleCompare() {
        // localeCompare puts "a" before "B"; a plain code-point sort would not
        assertThat(PatternRoutes.fromString("{\"B\":1,\"a\":2}")).isEqualTo("{\"a\":2,\"B\":1}");
    }
}
