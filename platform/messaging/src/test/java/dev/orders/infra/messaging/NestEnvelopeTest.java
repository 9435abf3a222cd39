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
        assertThat(text(NestEnvelope.noHandlerReply("abc")))
                .isEqualTo(
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
        Incoming event =
                NestEnvelope.decode("{\"pattern\":\"order.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(event.request()).isFalse();
    }

    @Test
    void refusesBodiesThatAreNotNestPackets() {
        assertThatThrownBy(() -> NestEnvelope.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> NestEnvelope.decode("{\"total\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("no pattern");
        assertThatThrownBy(() -> NestEnvelope.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class);
    }

    private static String poisonReason(byte[] body) {
        try {
            NestEnvelope.decode(body);
        } catch (PoisonMessageException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded: " + new String(body, StandardCharsets.UTF_8));
    }

    private static String poisonReason(String body) {
        return poisonReason(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAnIdThatIsNotAShortString() {
        assertThat(poisonReason("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":{}}"))
                .isEqualTo("id must be a string, not an object");
        assertThat(poisonReason("{\"pattern\":\"orders.get\",\"data\":{\"id\":\"x\"},\"id\":[]}"))
                .isEqualTo("id must be a string, not an array");
        assertThat(poisonReason("{\"pattern\":\"orders.get\",\"data\":{},\"id\":7}"))
                .isEqualTo("id must be a string, not a number");
        assertThat(poisonReason("{\"pattern\":\"orders.get\",\"data\":{},\"id\":\"" + "i".repeat(256) + "\"}"))
                .isEqualTo("id must be at most 255 characters, not 256");
        assertThat(poisonReason("{\"pattern\":\"orders.get\",\"data\":{},\"id\":\"a\\u0000b\"}"))
                .contains("control characters");
        assertThat(NestEnvelope.decode(
                                "{\"pattern\":\"orders.get\",\"data\":{},\"id\":null}".getBytes(StandardCharsets.UTF_8))
                        .request())
                .isTrue();
    }

    @Test
    void acceptsStringObjectAndNumberPatternsOnly() {
        assertThat(NestEnvelope.decode("{\"pattern\":42,\"data\":{}}".getBytes(StandardCharsets.UTF_8))
                        .route())
                .isEqualTo("42");
        assertThat(NestEnvelope.decode("{\"pattern\":{\"cmd\":\"x\"},\"data\":{}}".getBytes(StandardCharsets.UTF_8))
                        .route())
                .isEqualTo("{\"cmd\":\"x\"}");
        assertThat(poisonReason("{\"pattern\":true,\"data\":{}}"))
                .isEqualTo("pattern must be a string or an object, not a boolean");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] prefix = "{\"pattern\":\"x\",\"data\":\"".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] {
            {(byte) 0xff},
            {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x82}
        }) {
            byte[] body = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(bad, 0, body, prefix.length, bad.length);
            body[body.length - 2] = '"';
            body[body.length - 1] = '}';
            assertThat(poisonReason(body)).isEqualTo("body is not UTF-8: malformed bytes at offset " + prefix.length);
        }
        // a real U+FFFD is fine
        assertThat(NestEnvelope.decode("{\"pattern\":\"x\",\"data\":\"\uFFFD\"}".getBytes(StandardCharsets.UTF_8))
                        .data()
                        .stringValue())
                .isEqualTo("\uFFFD");
    }

    @Test
    void refusesDocumentsBeyondTheReadLimits() {
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":" + "[".repeat(65) + "]".repeat(65) + "}"))
                .startsWith("body is not JSON: Document nesting depth (65) exceeds the maximum allowed (64");
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":[" + "0,".repeat(100_000) + "0]}"))
                .contains("Token count")
                .contains("exceeds the maximum allowed (100000");
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":" + "9".repeat(101) + "}"))
                .contains("Number value length (101) exceeds the maximum allowed (100");
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":{\"" + "k".repeat(1001) + "\":1}}"))
                .contains("Name length (1001) exceeds the maximum allowed (1000");
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":{}} trailing")).startsWith("body is not JSON");
        assertThat(poisonReason("{\"pattern\":\"x\",\"data\":{")).startsWith("body is not JSON");
        assertThat(poisonReason("")).contains("expected a JSON object");
    }
}
