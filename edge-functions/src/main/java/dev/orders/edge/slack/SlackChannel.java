package dev.orders.edge.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Html;
import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import dev.orders.infra.json.WireJson;

/**
 * Slack incoming webhooks: {@code POST {"text": mrkdwn}} to the recipient's webhook URL. The URL is a credential
 * (whoever has it can post to the channel), so it never appears in an error.
 */
@Component
class SlackChannel implements Channel {

    public static final String NAME = "SLACK";
    private static final int MAX_TEXT = 40_000;

    private final SlackProperties properties;
    private final HttpClient http;

    public SlackChannel(SlackProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> checkAddress(String address) {
        try {
            URI uri = new URI(address);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException | NullPointerException ignored) {
            // answered below
        }
        return Optional.of("must be a Slack incoming webhook URL such as https://hooks.slack.com/services/T.../B.../...");
    }

    @Override
    public SendResult send(Outgoing message) {
        String text = Html.toSlackMrkdwn(message.html());
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(message.address()))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            WireJson.mapper().writeValueAsBytes(Map.of("text", text))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return SendResult.Retry.failure("Slack unreachable: " + e.getClass().getSimpleName(), 0, List.of());
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed("not a usable webhook URL", 0, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.Retry.failure("interrupted while sending", 0, List.of());
        }
        int status = response.statusCode();
        String error = "Slack " + status + ": " + brief(response.body());
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
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
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
}
