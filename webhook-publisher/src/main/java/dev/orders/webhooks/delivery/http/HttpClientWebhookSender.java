package dev.orders.webhooks.delivery.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.OutgoingWebhook;
import dev.orders.webhooks.delivery.RetryAfter;
import dev.orders.webhooks.delivery.SendResult;
import dev.orders.webhooks.delivery.WebhookSender;
import dev.orders.webhooks.egress.DestinationPolicy;
import dev.orders.webhooks.egress.RefusedDestinationException;

/**
 * Apache HttpClient 5 with a pooled connection manager whose DNS hook enforces the destination policy. No
 * redirects, no automatic retries (the schedule decides), no cookies, no system proxy (a proxy would hide where the
 * request really goes). The timeout covers the whole exchange: a timer cancels a request that is still running when
 * it expires, so a receiver that trickles bytes cannot hold a worker longer than that.
 */
@Component
class HttpClientWebhookSender implements WebhookSender, DisposableBean {

    static final String USER_AGENT = "orders-platform-webhooks/1";

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private final int bodyLimit;
    private final Clock clock;
    private volatile boolean aborting;

    HttpClientWebhookSender(DeliveryProperties properties, DestinationPolicy policy, Clock clock) {
        this.timeout = properties.timeout();
        this.bodyLimit = (int) Math.min(Integer.MAX_VALUE, properties.responseBodyLimit().toBytes());
        this.clock = clock;
        // one route (host:port) may serve several subscriptions, so the pool does not limit per route: the
        // dispatcher's per-subscription permits do
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setMaxConnTotal(properties.maxConcurrency())
                .setMaxConnPerRoute(properties.maxConcurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.effectiveConnectTimeout()))
                        .setSocketTimeout(Timeout.of(timeout))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhook-deadlines").daemon().factory());
    }

    @Override
    public SendResult send(OutgoingWebhook webhook) {
        long started = System.nanoTime();
        HttpPost post = new HttpPost(webhook.url());
        post.setHeader("webhook-id", webhook.webhookId());
        post.setHeader("webhook-timestamp", Long.toString(webhook.timestamp()));
        post.setHeader("webhook-signature", webhook.signature());
        post.setEntity(new ByteArrayEntity(webhook.body(), ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        inFlight.add(post);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            String body = readPrefix(response.getEntity(), post);
            Duration retryAfter = null;
            if (status == 429 || status == 503) {
                Header header = response.getFirstHeader("Retry-After");
                retryAfter = header == null ? null : RetryAfter.parse(header.getValue(), clock.instant()).orElse(null);
            }
            return new SendResult(status, millisSince(started), body, null, retryAfter);
        } catch (RefusedDestinationException e) {
            return failure(started, "refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                return failure(started, "no complete response within " + timeout.toMillis() + " ms");
            }
            if (aborting) {
                return failure(started, "cut short: the publisher is stopping");
            }
            return failure(started, describe(e));
        } finally {
            deadline.cancel(false);
            inFlight.remove(post);
        }
    }

    /** Up to the limit; if the body is longer, the connection is dropped rather than read to the end. */
    private String readPrefix(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return null;
        }
        byte[] buffer = new byte[bodyLimit];
        int filled = 0;
        try (InputStream in = entity.getContent()) {
            while (filled < buffer.length) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    return new String(buffer, 0, filled, StandardCharsets.UTF_8);
                }
                filled += n;
            }
            post.cancel();
        }
        return new String(buffer, 0, filled, StandardCharsets.UTF_8);
    }

    @Override
    public void abortAll() {
        aborting = true;
        inFlight.forEach(HttpPost::cancel);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
        pool.close();
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
