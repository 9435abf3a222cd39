package dev.orders.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.test.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The request limits every service gets from the shared web configuration, on a real Tomcat: two bodies at a time,
 * each due in full within 2 s.
 */
@SpringBootTest(
        classes = BodyAdmissionIT.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:platform-defaults.yml",
            "spring.application.name=limits-test",
            "platform.http.max-concurrent-bodies=2",
            "platform.http.body-timeout=2s",
            "server.tomcat.connection-timeout=1s"
        })
class BodyAdmissionIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
                "dev.orders.infra.messaging.MessagingAutoConfiguration",
                "dev.orders.infra.outbox.OutboxAutoConfiguration",
                "dev.orders.infra.idempotency.IdempotencyAutoConfiguration",
                "dev.orders.infra.persistence.PersistenceAutoConfiguration"
            })
    @Import(Echo.class)
    static class App {}

    @RestController
    static class Echo {
        @PostMapping("/echo")
        JsonNode echo(@RequestBody JsonNode body) {
            return body;
        }

        @GetMapping("/echo")
        Map<String, String> get() {
            return Map.of("ok", "yes");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private String slowHead(long length) {
        return "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    private HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get() throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyThatArrivesTooSlowlyGets408AndItsConnectionIsClosed() throws Exception {
        // a byte every 100 ms: each read is well within Tomcat's read timeout, the whole body would take 100 s
        try (var slow = RawHttp.SlowBody.start(
                "localhost", port, slowHead(1000), 1000, Duration.ofMillis(100), Duration.ofSeconds(100))) {
            RawHttp.Response response = slow.response().get(30, TimeUnit.SECONDS);

            assertThat(response).isNotNull();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            assertThat(response.text()).contains("/problems/request-timeout");
            slow.closedAtNanos().get(30, TimeUnit.SECONDS);
            assertThat(slow.closedByServer()).isTrue();
            assertThat(slow.bytesSent()).isLessThan(1000);
        }
    }

    @Test
    void bodiesTakeTurnsWhileRequestsWithoutABodyPassFreely() throws Exception {
        List<RawHttp.SlowBody> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                holders.add(RawHttp.SlowBody.start(
                        "localhost", port, slowHead(1000), 1000, Duration.ofMillis(100), Duration.ofSeconds(100)));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> refused = post("{\"a\":1}");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.body()).contains("/problems/busy");
            });
            assertThat(get().statusCode()).isEqualTo(200);
        } finally {
            holders.forEach(RawHttp.SlowBody::close);
        }
        // the holders' turns come back once the server finds their connections gone (or their time up)
        await().atMost(Duration.ofSeconds(10)).until(() -> post("{\"a\":2}").statusCode() == 200);
    }

    @Test
    void everyTurnIsGivenBack() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = post("{\"n\":" + i + "}");
            assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"n\":" + i + "}");
        }
    }
}
