package dev.orders.webhooks.delivery.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.infra.egress.Allowlist;
import dev.orders.infra.egress.DestinationPolicy;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.dispatch.OutgoingWebhook;
import dev.orders.webhooks.delivery.dispatch.SendResult;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Against a real local HTTP server: what the sender puts on the wire and how it treats what comes back. */
class HttpClientWebhookSenderTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String BODY =
            "{\"type\":\"order.confirmed\",\"timestamp\":\"2025-11-27T00:00:00Z\",\"data\":{\"n\":\"ñ\"}}";

    private final Receiver receiver = Receiver.start();
    private final Receiver elsewhere = Receiver.start();
    private HttpClientWebhookSender sender = sender(Duration.ofSeconds(5), "127.0.0.1/32");

    static HttpClientWebhookSender sender(Duration timeout, String allowlist) {
        DeliveryProperties properties = new DeliveryProperties(
                timeout,
                Duration.ofSeconds(1),
                List.of(Duration.ofSeconds(1)),
                null,
                Duration.ofMinutes(5),
                8,
                2,
                20,
                DataSize.ofBytes(16),
                Duration.ofSeconds(1),
                Duration.ofMillis(10),
                Duration.ZERO,
                Duration.ZERO,
                timeout.plusSeconds(5),
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofHours(1));
        return new HttpClientWebhookSender(
                properties,
                new DestinationPolicy(
                        Allowlist.parse("WEBHOOK_URL_ALLOWLIST", allowlist.isEmpty() ? List.of() : List.of(allowlist))),
                Clock.systemUTC());
    }

    OutgoingWebhook webhook(String url) {
        return new OutgoingWebhook(
                URI.create(url),
                "msg_abc",
                1764201600L,
                "v1,c2ln v1,b3RoZXI=",
                BODY.getBytes(StandardCharsets.UTF_8),
                Map.of("traceparent", TRACEPARENT));
    }

    @AfterEach
    void close() throws Exception {
        sender.destroy();
        receiver.close();
        elsewhere.close();
    }

    @Test
    void postsTheExactBytesWithTheStandardWebhooksHeaders() {
        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.succeeded()).isTrue();
        Receiver.Request request = receiver.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("webhook-id")).isEqualTo("msg_abc");
        assertThat(request.header("webhook-timestamp")).isEqualTo("1764201600");
        assertThat(request.header("webhook-signature")).isEqualTo("v1,c2ln v1,b3RoZXI=");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("user-agent")).isEqualTo(HttpClientWebhookSender.USER_AGENT);
        assertThat(request.header("traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void keepsOnlyTheFirstBytesOfTheResponse() {
        receiver.replyAlways(Reply.status(202, "accepted and then a long story that goes on"));

        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.httpStatus()).isEqualTo(202);
        assertThat(result.responseBody()).isEqualTo("accepted and the");
    }

    @Test
    void doesNotFollowARedirectAndCountsItAsAFailure() {
        receiver.replyAlways(Reply.withHeader(302, "Location", elsewhere.url()));

        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(302);
        assertThat(result.describe()).contains("redirects are not followed");
        assertThat(elsewhere.count()).isZero();
    }

    @Test
    void reportsServerErrorsAndTheRetryAfterOf429And503() {
        receiver.replyInOrder(
                Reply.status(500, "boom"),
                Reply.withHeader(429, "Retry-After", "7"),
                Reply.withHeader(503, "Retry-After", "3"),
                Reply.withHeader(500, "Retry-After", "9"));

        SendResult first = sender.send(webhook(receiver.url()));
        SendResult second = sender.send(webhook(receiver.url()));
        SendResult third = sender.send(webhook(receiver.url()));
        SendResult fourth = sender.send(webhook(receiver.url()));

        assertThat(first.httpStatus()).isEqualTo(500);
        assertThat(first.responseBody()).isEqualTo("boom");
        assertThat(first.retryAfter()).isNull();
        assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fourth.retryAfter()).isNull();
    }

    @Test
    void theTimeoutBoundsTheWholeExchangeEvenForAReceiverThatTrickles() throws Exception {
        sender.destroy();
        sender = sender(Duration.ofMillis(700), "127.0.0.1/32");
        receiver.replyAlways(Reply.trickle("x".repeat(100), 100));

        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).contains("no complete response within 700 ms");
        assertThat(result.durationMillis()).isLessThan(3_000);
    }

    @Test
    void aHangingReceiverTimesOut() throws Exception {
        sender.destroy();
        sender = sender(Duration.ofMillis(500), "127.0.0.1/32");
        receiver.replyAlways(Reply.hang());

        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.error()).contains("no complete response within 500 ms");
        assertThat(result.durationMillis()).isBetween(400L, 3_000L);
    }

    @Test
    void refusesALoopbackAddressThatIsNotAllowListedWithoutConnecting() throws Exception {
        sender.destroy();
        sender = sender(Duration.ofSeconds(2), "");

        SendResult result = sender.send(webhook(receiver.url()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).startsWith("refused: 127.0.0.1 is a loopback address");
        assertThat(receiver.count()).isZero();
    }

    @Test
    void aConnectionErrorIsAFailureWithItsReason() {
        int closed = elsewhere.port();
        elsewhere.close();

        SendResult result = sender.send(webhook("http://127.0.0.1:" + closed + "/hook"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.httpStatus()).isNull();
        assertThat(result.error()).containsIgnoringCase("connect");
    }
}
