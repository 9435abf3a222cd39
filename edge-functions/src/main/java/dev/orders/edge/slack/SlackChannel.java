package dev.orders.edge.slack;

import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Html;
import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import dev.orders.infra.egress.Allowlist;
import dev.orders.infra.egress.BoundedHttpClient;
import dev.orders.infra.egress.DestinationPolicy;
import dev.orders.infra.egress.RefusedDestinationException;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.ContentType;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhooks: {@code POST {"text": mrkdwn}} to the recipient's webhook URL. The URL is a credential
 * (whoever has it can post to the channel), so it never appears in an error. An admin types it in, so it passes the
 * platform's address rules when the recipient is saved and again on every connection ({@link DestinationPolicy}),
 * and the exchange is bounded like every call out ({@link BoundedHttpClient}).
 */
@Component
class SlackChannel implements Channel, DisposableBean {

    public static final String NAME = "SLACK";
    private static final int MAX_TEXT = 40_000;
    // Slack answers "ok" or a short error code; the first line is all that is kept
    private static final int MAX_ANSWER_BYTES = 8 * 1024;

    private final DestinationPolicy policy;
    private final BoundedHttpClient http;

    public SlackChannel(SlackProperties properties) {
        this.policy = new DestinationPolicy(Allowlist.parse("SLACK_URL_ALLOWLIST", properties.urlAllowlist()));
        this.http = new BoundedHttpClient(new BoundedHttpClient.Settings(
                properties.timeout(),
                properties.timeout(),
                MAX_ANSWER_BYTES,
                16,
                "orders-platform-notifier/1",
                policy));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> checkAddress(String address) {
        Optional<String> syntax = DestinationPolicy.syntaxProblem(address);
        if (syntax.isPresent()) {
            return Optional.of("must be a Slack incoming webhook URL such as "
                    + "https://hooks.slack.com/services/T.../B.../... (it " + syntax.get() + ")");
        }
        return policy.refusal(URI.create(address));
    }

    @Override
    public SendResult send(Outgoing message) {
        String text = Html.toSlackMrkdwn(message.html());
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        BoundedHttpClient.Response response;
        try {
            response = http.post(
                    URI.create(message.address()),
                    Map.of(),
                    WireJson.mapper().writeValueAsBytes(Map.of("text", text)),
                    ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8));
        } catch (RefusedDestinationException e) {
            // the name resolves elsewhere than when it was saved: never to our own network
            return new SendResult.Failed(
                    "the webhook URL's host now resolves to an address that is not allowed", 0, List.of());
        } catch (IOException e) {
            return SendResult.Retry.failure("Slack unreachable: " + e.getClass().getSimpleName(), 0, List.of());
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed("not a usable webhook URL", 0, List.of());
        }
        int status = response.status();
        String error = "Slack " + status + ": " + brief(new String(response.body(), StandardCharsets.UTF_8));
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(1, List.of());
        }
        if (status == 429) {
            return new SendResult.Retry(retryAfter(response), error, true, 0, List.of());
        }
        if (status == 404 || status == 410) {
            // no_service, channel_not_found, channel_is_archived: the webhook is gone
            return new SendResult.RecipientGone(error, true, 0, List.of());
        }
        if (status >= 500) {
            return SendResult.Retry.failure(error, 0, List.of());
        }
        return new SendResult.Failed(error, 0, List.of());
    }

    /** Seconds, as Slack sends it; anything else leaves the wait to the notifier's backoff. */
    private static Duration retryAfter(BoundedHttpClient.Response response) {
        return Optional.ofNullable(response.header("Retry-After"))
                .filter(v -> v.trim().matches("^[0-9]{1,6}$"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
                .orElse(null);
    }

    private static String brief(String body) {
        if (body == null || body.isBlank()) {
            return "no answer text";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200);
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
