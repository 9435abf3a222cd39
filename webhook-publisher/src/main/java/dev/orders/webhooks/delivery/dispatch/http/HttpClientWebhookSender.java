package dev.orders.webhooks.delivery.dispatch.http;

import dev.orders.infra.egress.BoundedHttpClient;
import dev.orders.infra.egress.DestinationPolicy;
import dev.orders.infra.egress.RefusedDestinationException;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.dispatch.OutgoingWebhook;
import dev.orders.webhooks.delivery.dispatch.SendResult;
import dev.orders.webhooks.delivery.dispatch.WebhookSender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ContentType;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Webhooks over the platform's bounded egress client ({@link BoundedHttpClient}): connections only to addresses the
 * destination policy allows, the whole exchange within {@code WEBHOOK_TIMEOUT}, the response's head and body
 * bounded, no redirects, no automatic retries (the schedule decides).
 */
@Component
class HttpClientWebhookSender implements WebhookSender, DisposableBean {

    static final String USER_AGENT = "orders-platform-webhooks/1";

    private final BoundedHttpClient http;
    private final Clock clock;

    HttpClientWebhookSender(DeliveryProperties properties, DestinationPolicy policy, Clock clock) {
        this.clock = clock;
        // one route (host:port) may serve several subscriptions, so the pool does not limit per route: the
        // dispatcher's per-subscription permits do
        this.http = new BoundedHttpClient(new BoundedHttpClient.Settings(
                properties.timeout(),
                properties.effectiveConnectTimeout(),
                (int) Math.min(Integer.MAX_VALUE, properties.responseBodyLimit().toBytes()),
                properties.maxConcurrency(),
                USER_AGENT,
                policy));
    }

    @Override
    public SendResult send(OutgoingWebhook webhook) {
        long started = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>(webhook.traceHeaders());
        headers.put("webhook-id", webhook.webhookId());
        headers.put("webhook-timestamp", Long.toString(webhook.timestamp()));
        headers.put("webhook-signature", webhook.signature());
        try {
            BoundedHttpClient.Response response =
                    http.post(webhook.url(), headers, webhook.body(), ContentType.APPLICATION_JSON);
            int status = response.status();
            Duration retryAfter = null;
            if (status == 429 || status == 503) {
                String header = response.header("Retry-After");
                retryAfter = header == null
                        ? null
                        : RetryAfter.parse(header, clock.instant()).orElse(null);
            }
            return new SendResult(
                    status,
                    millisSince(started),
                    new String(response.body(), StandardCharsets.UTF_8),
                    null,
                    retryAfter);
        } catch (RefusedDestinationException e) {
            return failure(started, "refused: " + e.getMessage());
        } catch (BoundedHttpClient.TimedOut e) {
            return failure(started, e.getMessage());
        } catch (BoundedHttpClient.Aborted e) {
            return failure(started, "cut short: the publisher is stopping");
        } catch (IOException e) {
            return failure(started, describe(e));
        }
    }

    @Override
    public void abortAll() {
        http.abortAll();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    private static SendResult failure(long started, String error) {
        return new SendResult(null, millisSince(started), null, error, null);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
