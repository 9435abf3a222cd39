package dev.orders.edge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    // the known-answer vector of docs/webhooks.md
    static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    static final long TIMESTAMP = 1764201600L;
    static final String BODY = "{\"type\":\"order.confirmed\",\"timestamp\":\"2025-11-27T00:00:00Z\",\"data\":"
            + "{\"id\":\"7d9f1a3e-2b4c-4d5e-8f60-1a2b3c4d5e6f\",\"status\":\"CONFIRMED\"}}";
    static final String SIGNATURE = "v1,puvPNlxupWwsal+vb3HWFYuJOWDC14XZ0p0NlZzw858=";
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    static WebhookVerifier at(long epochSecond, String secret) {
        return new WebhookVerifier(
                secret, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), FIVE_MINUTES);
    }

    static Map<String, String> headers(String id, String timestamp, String signature) {
        Map<String, String> h = new HashMap<>();
        if (id != null) {
            h.put("webhook-id", id);
        }
        if (timestamp != null) {
            h.put("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            h.put("webhook-signature", signature);
        }
        return h;
    }

    static WebhookVerifier.Verified verify(WebhookVerifier verifier, Map<String, String> headers, String body)
            throws WebhookRejected {
        // header names are case-insensitive on the wire
        return verifier.verify(
                name -> headers.get(name.toLowerCase(Locale.ROOT)), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void referenceLibrarySignsTheKnownAnswerVector() throws Exception {
        assertThat(new Webhook(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsTheKnownAnswerVectorWithinFiveMinutesOfItsTimestamp() throws Exception {
        WebhookVerifier.Verified verified =
                verify(at(TIMESTAMP + 299, SECRET), headers(ID, String.valueOf(TIMESTAMP), SIGNATURE), BODY);

        assertThat(verified.id()).isEqualTo(ID);
        assertThat(verified.sentAt()).isEqualTo(Instant.ofEpochSecond(TIMESTAMP));
        assertThat(verified.body()).isEqualTo(BODY);
    }

    @Test
    void acceptsExactlyFiveMinutesEitherWay() throws Exception {
        Map<String, String> h = headers(ID, String.valueOf(TIMESTAMP), SIGNATURE);
        assertThat(verify(at(TIMESTAMP + 300, SECRET), h, BODY).id()).isEqualTo(ID);
        assertThat(verify(at(TIMESTAMP - 300, SECRET), h, BODY).id()).isEqualTo(ID);
    }

    @Test
    void rejectsATimestampMoreThanFiveMinutesOld() {
        assertThatThrownBy(() ->
                        verify(at(TIMESTAMP + 301, SECRET), headers(ID, String.valueOf(TIMESTAMP), SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("5 minutes");
    }

    @Test
    void rejectsATimestampMoreThanFiveMinutesAhead() {
        assertThatThrownBy(() ->
                        verify(at(TIMESTAMP - 301, SECRET), headers(ID, String.valueOf(TIMESTAMP), SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("5 minutes");
    }

    @Test
    void rejectsATamperedBody() {
        String tampered = BODY.replace("CONFIRMED", "REJECTED");
        assertThatThrownBy(() ->
                        verify(at(TIMESTAMP, SECRET), headers(ID, String.valueOf(TIMESTAMP), SIGNATURE), tampered))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("No webhook-signature matches");
    }

    @Test
    void rejectsAnotherMessageIdOrTimestampUnderTheSameSignature() {
        assertThatThrownBy(() ->
                        verify(at(TIMESTAMP, SECRET), headers("msg_other", String.valueOf(TIMESTAMP), SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() ->
                        verify(at(TIMESTAMP, SECRET), headers(ID, String.valueOf(TIMESTAMP + 1), SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String other = "whsec_ZWRnZS1sb2dnZXItREVWLU9OTFktc2VjcmV0LTAwMDE=";
        assertThatThrownBy(() -> verify(at(TIMESTAMP, other), headers(ID, String.valueOf(TIMESTAMP), SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void rejectsAMissingHeader() {
        String ts = String.valueOf(TIMESTAMP);
        for (Map<String, String> h : new Map[] {
            headers(null, ts, SIGNATURE), headers(ID, null, SIGNATURE), headers(ID, ts, null), headers(ID, ts, " ")
        }) {
            assertThatThrownBy(() -> verify(at(TIMESTAMP, SECRET), h, BODY))
                    .isInstanceOf(WebhookRejected.class)
                    .hasMessageContaining("headers are required");
        }
    }

    @Test
    void rejectsATimestampThatIsNotUnixSeconds() {
        assertThatThrownBy(() -> verify(at(TIMESTAMP, SECRET), headers(ID, "2025-11-27T00:00:00Z", SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("Unix time");
        assertThatThrownBy(() -> verify(at(TIMESTAMP, SECRET), headers(ID, "99999999999999999999", SIGNATURE), BODY))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() throws Exception {
        // a sender rotating its secret signs with both; other versions are ignored
        String several = "v1a,abc v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SIGNATURE;
        assertThat(verify(at(TIMESTAMP, SECRET), headers(ID, String.valueOf(TIMESTAMP), several), BODY)
                        .id())
                .isEqualTo(ID);
    }

    @Test
    void ignoresASignatureOfAnotherVersion() {
        String v2 = SIGNATURE.replace("v1,", "v2,");
        assertThatThrownBy(() -> verify(at(TIMESTAMP, SECRET), headers(ID, String.valueOf(TIMESTAMP), v2), BODY))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void rejectsABodyThatIsNotUtf8() {
        byte[] latin1 = "{\"type\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> h = headers(ID, String.valueOf(TIMESTAMP), SIGNATURE);
        assertThatThrownBy(() -> at(TIMESTAMP, SECRET).verify(h::get, latin1))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void refusesASecretThatIsNotBase64WithoutEchoingIt() {
        assertThatThrownBy(() -> at(TIMESTAMP, "whsec_not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> at(TIMESTAMP, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
