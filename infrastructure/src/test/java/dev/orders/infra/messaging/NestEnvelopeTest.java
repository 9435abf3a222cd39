package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestEnvelopeTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesRequestsWithNestKeyOrder() {
        assertThat(text(NestEnvelope.request("orders.create", Map.of("sku", "A"), "23de18f141f137ceee7a5")))
                .isEqualTo("{\"pattern\":\"orders.create\",\"data\":{\"sku\":\"A\"},\"id\":\"23de18f141f137ceee7a5\"}");
    }

    @Test
    void writesEventsWithoutId() {
        assertThat(text(NestEnvelope.event("order.created", Map.of("id", 7))))
                .isEqualTo("{\"pattern\":\"order.created\",\"data\":{\"id\":7}}");
    }

    @Test
    void writesObjectPatternsAsObjects() {
        assertThat(text(NestEnvelope.event("{\"role\":\"math\",\"cmd\":\"sum\"}", 1)))
                .isEqualTo("{\"pattern\":{\"role\":\"math\",\"cmd\":\"sum\"},\"data\":1}");
    }

    @Test
    void writesRepliesExactlyAsNestDoes() {
        assertThat(text(NestEnvelope.reply(6))).isEqualTo("{\"response\":6,\"isDisposed\":true}");
        assertThat(text(NestEnvelope.reply(null))).isEqualTo("{\"isDisposed\":true}");
        assertThat(text(NestEnvelope.errorReply("bad input", null, null)))
                .isEqualTo("{\"err\":{\"status\":\"error\",\"message\":\"bad input\"},\"isDisposed\":true}");
        assertThat(text(NestEnvelope.noHandlerReply("abc"))).isEqualTo(
                "{\"id\":\"abc\",\"err\":\"There is no matching message handler defined in the remote service.\","
                        + "\"status\":\"error\"}");
    }

    @Test
    void tellsRequestsFromEvents() {
        Incoming request = NestEnvelope.decode(
                "{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":\"r1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(request.request()).isTrue();
        assertThat(request.id()).isEqualTo("r1");
        assertThat(request.route()).isEqualTo("orders.get");
        Incoming event = NestEnvelope.decode("{\"pattern\":\"order.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(event.request()).isFalse();
    }

    @Test
    void refusesBodiesThatAreNotNestPackets() {
        assertThatThrownBy(() -> NestEnvelope.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> NestEnvelope.decode("{\"total\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("no pattern");
        assertThatThrownBy(() -> NestEnvelope.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class);
    }
}
