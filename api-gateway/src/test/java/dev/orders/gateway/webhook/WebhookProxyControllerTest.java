package dev.orders.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import dev.orders.infra.web.ProblemHandling;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The gateway's {@code /webhooks/**} route against a fake publisher: a real local HTTP server. */
class WebhookProxyControllerTest {

    record Seen(String method, String uri, Map<String, List<String>> headers, String body) {}

    static final String KEY = "gateway-test-key";

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer publisher = fakePublisher();
    private WebhookProxyController controller;

    HttpServer fakePublisher() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(new Seen(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body));
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/slow")) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (exchange.getRequestMethod().equals("DELETE")) {
                    exchange.sendResponseHeaders(204, -1);
                } else if (exchange.getRequestMethod().equals("POST")) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("Location", "/webhooks/subscriptions/abc");
                    exchange.getResponseHeaders().add("X-Internal", "not relayed");
                    byte[] out = "{\"id\":\"abc\",\"secret\":\"whsec_x\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(201, out.length);
                    exchange.getResponseBody().write(out);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                    byte[] out = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(404, out.length);
                    exchange.getResponseBody().write(out);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    MockMvc mvc(URI publisherUrl, Duration timeout) {
        controller = new WebhookProxyController(
                new WebhookPublisherProperties(publisherUrl, timeout, Duration.ofSeconds(1)), KEY);
        return MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new ProblemHandling())
                .build();
    }

    MockMvc mvc() {
        return mvc(URI.create("http://127.0.0.1:" + publisher.getAddress().getPort() + "/"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        release.countDown();
        publisher.stop(0);
        if (controller != null) {
            controller.destroy();
        }
    }

    @Test
    void forwardsMethodPathQueryBodyWithTheGatewaysKeyAndRelaysTheAnswer() throws Exception {
        mvc().perform(post("/webhooks/subscriptions")
                        .queryParam("dryRun", "no")
                        .header("Authorization", "Bearer an.admins.jwt")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"https://example.com\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/webhooks/subscriptions/abc"))
                .andExpect(header().doesNotExist("X-Internal"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"id\":\"abc\",\"secret\":\"whsec_x\"}"));

        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/webhooks/subscriptions?dryRun=no");
        assertThat(request.body()).isEqualTo("{\"url\":\"https://example.com\"}");
        assertThat(request.headers().get("Authorization"))
                .as("the publisher knows ADMIN_API_KEY, not the caller's")
                .containsExactly("Bearer " + KEY);
        assertThat(request.headers().get("Content-type")).containsExactly("application/json");
    }

    @Test
    void relaysErrorsAndEmptyAnswersAsTheyAre() throws Exception {
        MockMvc mvc = mvc();
        mvc.perform(get("/webhooks/deliveries/123").header("Authorization", "Bearer " + KEY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"));
        mvc.perform(delete("/webhooks/subscriptions/abc").header("Authorization", "Bearer " + KEY))
                .andExpect(status().isNoContent());

        assertThat(seen).extracting(Seen::method).containsExactly("GET", "DELETE");
    }

    @Test
    void aPublisherThatIsDownIsA503Problem() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        mvc(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(5))
                .perform(get("/webhooks/subscriptions").header("Authorization", "Bearer " + KEY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("/problems/upstream-unavailable"));
    }

    @Test
    void aPublisherThatDoesNotAnswerInTimeIsA504Problem() throws Exception {
        mvc(URI.create("http://127.0.0.1:" + publisher.getAddress().getPort()), Duration.ofMillis(300))
                .perform(get("/webhooks/slow").header("Authorization", "Bearer " + KEY))
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.type").value("/problems/upstream-timeout"));
    }

    @Test
    void neverForwardsAPathThatCouldLeaveWebhooks() throws Exception {
        assertThat(WebhookProxyController.isPlainPath("/webhooks/subscriptions/abc/rotate-secret"))
                .isTrue();
        assertThat(WebhookProxyController.isPlainPath("/webhooks")).isTrue();
        assertThat(WebhookProxyController.isPlainPath("/webhooks/../actuator/env"))
                .isFalse();
        assertThat(WebhookProxyController.isPlainPath("/webhooks/%2e%2e/actuator"))
                .isFalse();
        assertThat(WebhookProxyController.isPlainPath("/webhooks/%2E%2E%2Factuator"))
                .isFalse();
        assertThat(WebhookProxyController.isPlainPath("/webhooks//evil")).isFalse();
        assertThat(WebhookProxyController.isPlainPath("/webhooks/%252e%252e/actuator"))
                .isFalse();
        assertThat(WebhookProxyController.isPlainPath("/webhooksx")).isFalse();
        MockMvc mvc = mvc();
        for (String path : List.of("/webhooks/%2e%2e/actuator/env", "/webhooks/..%2Factuator", "/webhooks/a%00b")) {
            mvc.perform(get(URI.create(path)).header("Authorization", "Bearer " + KEY))
                    .andExpect(status().isNotFound());
        }
        assertThat(seen).isEmpty();
    }
}
