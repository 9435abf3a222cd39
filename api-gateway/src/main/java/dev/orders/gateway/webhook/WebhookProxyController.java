package dev.orders.gateway.webhook;

import dev.orders.infra.web.ProblemException;
import dev.orders.infra.web.ProblemType;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/**} is webhook-publisher's admin API, reached through the gateway: only an admin gets here
 * (SecurityConfiguration), and the request is forwarded as it came (method, path, query, body) with the gateway's
 * own {@code ADMIN_API_KEY} in place of the caller's credential (a JWT or a named API key means nothing to the
 * publisher, which checks its key again: it does not trust the network), and answered as the publisher answered.
 * Documented in docs/webhooks.md rather than in this OpenAPI document, which would list every method of a catch-all
 * route.
 */
@RestController
@Hidden
class WebhookProxyController implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookProxyController.class);
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "X-Request-Id");
    private static final List<String> RESPONSE_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.CACHE_CONTROL,
            HttpHeaders.ETAG,
            "X-Request-Id");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Pattern PLAIN_PATH = Pattern.compile("/webhooks(/[A-Za-z0-9_.-]+)*/?");

    private final WebhookPublisherProperties properties;
    private final String publisherAuthorization;
    private final HttpClient http;

    WebhookProxyController(
            WebhookPublisherProperties properties, @Value("${platform.admin-api-key}") String adminApiKey) {
        this.properties = properties;
        this.publisherAuthorization = "Bearer " + adminApiKey;
        // keeps connections to the publisher open between calls; one client for the process
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @RequestMapping({"/webhooks", "/webhooks/**"})
    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI();
        if (!isPlainPath(path)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "There is no such webhook admin route.");
        }
        String query = request.getQueryString();
        URI target;
        try {
            target = URI.create(stripSlash(properties.url().toString()) + path + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    ProblemType.BAD_REQUEST,
                    "The query string could not be read: malformed percent-encoding or characters a URI cannot hold.");
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        byte[] body = WITH_BODY.contains(method) ? request.getInputStream().readAllBytes() : new byte[0];
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(target)
                .timeout(properties.timeout())
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                outgoing.header(name, value);
            }
        }
        outgoing.header("Authorization", publisherAuthorization);
        outgoing.header("X-Forwarded-For", request.getRemoteAddr());
        HttpResponse<byte[]> response = send(outgoing.build());
        HttpHeaders headers = new HttpHeaders();
        for (String name : RESPONSE_HEADERS) {
            response.headers().allValues(name).forEach(value -> headers.add(name, value));
        }
        return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unavailable(e);
        } catch (HttpTimeoutException e) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_TIMEOUT,
                    "The webhook publisher did not answer within "
                            + properties.timeout().toMillis() + " ms.");
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw unavailable(e);
            }
            log.warn(
                    "Webhook publisher call {} {} failed: {}",
                    request.method(),
                    request.uri().getPath(),
                    e.toString());
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, "The webhook publisher failed to answer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, "The request was interrupted.");
        }
    }

    private ProblemException unavailable(Exception e) {
        log.warn("Webhook publisher at {} is unreachable: {}", properties.url(), e.toString());
        return new ProblemException(
                ProblemType.UPSTREAM_UNAVAILABLE,
                "The webhook publisher cannot be reached right now; retry later.",
                List.of(),
                Map.of(HttpHeaders.RETRY_AFTER, "5"));
    }

    /**
     * Only plain paths under /webhooks go through: letters, digits and {@code - _ .} between slashes (every admin
     * route is made of those), so nothing encoded can climb out of /webhooks once the publisher decodes it.
     */
    static boolean isPlainPath(String path) {
        return PLAIN_PATH.matcher(path).matches() && !path.contains("..");
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public void destroy() {
        http.close();
    }
}
