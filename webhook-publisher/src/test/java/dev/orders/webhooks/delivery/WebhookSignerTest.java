package dev.orders.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.orders.webhooks.subscription.Secrets;
import dev.orders.webhooks.support.ReferenceVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // the known-answer vector of docs/webhooks.md
    static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    static final long TIMESTAMP = 1764201600L;
    static final String BODY = "{\"type\":\"order.confirmed\",\"timestamp\":\"2025-11-27T00:00:00Z\",\"data\":"
            + "{\"id\":\"7d9f1a3e-2b4c-4d5e-8f60-1a2b3c4d5e6f\",\"status\":\"CONFIRMED\"}}";
    static final String EXPECTED = "v1,puvPNlxupWwsal+vb3HWFYuJOWDC14XZ0p0NlZzw858=";

    @Test
    void reproducesTheSpecKnownAnswerVector() {
        assertThat(WebhookSigner.signatureHeader(List.of(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo(EXPECTED);
    }

    @Test
    void ourIndependentVerifierAcceptsTheVectorAndRejectsAnyChange() {
        Instant at = Instant.ofEpochSecond(TIMESTAMP);
        assertThat(ReferenceVerifier.verify(SECRET, ID, TIMESTAMP, EXPECTED, BODY, at))
                .isEmpty();
        assertThat(ReferenceVerifier.verify(SECRET, ID, TIMESTAMP, EXPECTED, BODY.replace("CONFIRMED", "REJECTED"), at))
                .contains("no signature matches");
        assertThat(ReferenceVerifier.verify(SECRET, ID + "x", TIMESTAMP, EXPECTED, BODY, at))
                .contains("no signature matches");
        assertThat(ReferenceVerifier.verify(SECRET, ID, TIMESTAMP, EXPECTED, BODY, at.plusSeconds(301)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than 5 minutes"));
        assertThat(ReferenceVerifier.verify(SECRET, ID, TIMESTAMP, EXPECTED, BODY, at.minusSeconds(300)))
                .isEmpty();
    }

    @Test
    void signsWithEveryActiveKeySoEitherVerifiesDuringARotation() throws Exception {
        String newer = Secrets.generate();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSigner.signatureHeader(List.of(newer, SECRET), ID, now, BODY);

        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        Map<String, List<String>> headers = Map.of(
                "webhook-id",
                List.of(ID),
                "webhook-timestamp",
                List.of(Long.toString(now)),
                "webhook-signature",
                List.of(header));
        new Webhook(newer).verify(BODY, headers);
        new Webhook(SECRET).verify(BODY, headers);
        assertThatThrownBy(() -> new Webhook(Secrets.generate()).verify(BODY, headers))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void anErrorNeverShowsTheSecret() {
        assertThatThrownBy(() -> WebhookSigner.signatureHeader(List.of("whsec_%%%not-base64"), ID, TIMESTAMP, BODY))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-base64"));
    }
}
