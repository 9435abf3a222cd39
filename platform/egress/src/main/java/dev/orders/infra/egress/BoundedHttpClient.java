package dev.orders.infra.egress;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls to the outside (webhook subscribers, Slack, Telegram) with everything a receiver sends back bounded: the
 * whole exchange, from connecting to the last byte read, within {@code timeout} (a timer cancels a request still
 * running then, so a receiver that trickles bytes cannot hold the caller); at most {@link #MAX_HEADERS} response
 * headers of at most {@link #MAX_LINE_LENGTH} bytes a line; at most {@code maxBodyBytes} of the body read (the
 * connection is dropped rather than read to its end). With a {@link DestinationPolicy}, connections go only to
 * addresses it allows, resolved once in the DNS hook. No redirects, no automatic retries, no cookies, no
 * compression, no system proxy (a proxy would hide where the request really goes).
 */
public final class BoundedHttpClient implements AutoCloseable {

    public static final int MAX_HEADERS = 100;
    public static final int MAX_LINE_LENGTH = 8 * 1024;

    /**
     * @param timeout        the whole exchange, connect to last byte
     * @param connectTimeout at most {@code timeout}
     * @param maxBodyBytes   response body bytes kept; the rest is not read
     * @param maxConnections pooled connections, in total and per host
     * @param policy         where connections may go; null for a destination the operator configured (trusted)
     */
    public record Settings(
            Duration timeout,
            Duration connectTimeout,
            int maxBodyBytes,
            int maxConnections,
            String userAgent,
            DestinationPolicy policy) {

        public Settings {
            if (!timeout.isPositive() || !connectTimeout.isPositive()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (connectTimeout.compareTo(timeout) > 0) {
                connectTimeout = timeout;
            }
            if (maxBodyBytes < 0 || maxConnections < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be 0 or more, maxConnections at least 1");
            }
        }
    }

    /**
     * @param headers   the first value of each header, by lower-case name
     * @param body      at most {@code maxBodyBytes}
     * @param truncated the receiver sent more than that
     */
    public record Response(int status, Map<String, String> headers, byte[] body, boolean truncated) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The exchange did not finish within the timeout. */
    public static final class TimedOut extends IOException {
        TimedOut(Duration timeout) {
            super("no complete response within " + timeout.toMillis() + " ms");
        }
    }

    /** {@link #abortAll} cut the exchange short. */
    public static final class Aborted extends IOException {
        Aborted() {
            super("cut short: the client is stopping");
        }
    }

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("egress-deadlines").daemon().factory());

    private final Settings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean aborting;

    public BoundedHttpClient(Settings settings) {
        this.settings = settings;
        Timeout timeout = Timeout.of(settings.timeout());
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxHeaderCount(MAX_HEADERS)
                                .setMaxLineLength(MAX_LINE_LENGTH)
                                .build())
                        .build())
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(timeout)
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        if (settings.policy() != null) {
            pool.setDnsResolver(new GuardedDnsResolver(settings.policy()));
        }
        this.pool = pool.build();
        this.client = HttpClients.custom()
                .setConnectionManager(this.pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * @throws RefusedDestinationException the policy refused the host's addresses; nothing was sent
     * @throws TimedOut                    the exchange ran past the timeout
     * @throws Aborted                     {@link #abortAll} cut it short
     * @throws IOException                 anything else (connection refused, reset, a malformed or oversized head)
     */
    public Response post(URI url, Map<String, String> headers, byte[] body, ContentType contentType)
            throws IOException {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, contentType));
        AtomicBoolean timedOut = new AtomicBoolean();
        inFlight.add(post);
        ScheduledFuture<?> deadline = DEADLINES.schedule(
                () -> {
                    timedOut.set(true);
                    post.cancel();
                },
                settings.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            Map<String, String> first = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                first.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            Prefix prefix = readPrefix(response.getEntity(), post);
            return new Response(response.getCode(), first, prefix.bytes(), prefix.truncated());
        } catch (RefusedDestinationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the socket's read timeout is the whole timeout too, so whichever fires first, the deadline has passed
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                throw new TimedOut(settings.timeout());
            }
            if (aborting) {
                throw new Aborted();
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            deadline.cancel(false);
            inFlight.remove(post);
        }
    }

    private record Prefix(byte[] bytes, boolean truncated) {}

    /** Up to the limit; if the body is longer, the connection is dropped rather than read to the end. */
    private Prefix readPrefix(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return new Prefix(new byte[0], false);
        }
        byte[] buffer = new byte[settings.maxBodyBytes()];
        int filled = 0;
        try (InputStream in = entity.getContent()) {
            while (filled < buffer.length) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    return new Prefix(Arrays.copyOf(buffer, filled), false);
                }
                filled += n;
            }
            boolean more = in.read() >= 0;
            if (more) {
                post.cancel();
            }
            return new Prefix(buffer, more);
        }
    }

    /** Cancels every exchange in flight; for a shutdown that must not wait for slow receivers. */
    public void abortAll() {
        aborting = true;
        inFlight.forEach(HttpPost::cancel);
    }

    @Override
    public void close() throws IOException {
        client.close();
        pool.close();
    }
}
