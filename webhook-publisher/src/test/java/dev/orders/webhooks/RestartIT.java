package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.ids.Ids;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.TestInfra;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.delivery.WebhookEvent;
import dev.orders.webhooks.delivery.dispatch.DeliveryDispatcher;
import dev.orders.webhooks.delivery.intake.EventStore;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;
import dev.orders.webhooks.support.AdminClient;
import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The publisher is killed with SIGKILL (a separate JVM, {@code kill -9}: no shutdown hook, no graceful stop) while
 * one delivery waits between two attempts and another is in the middle of one; a new publisher on the same
 * database finishes both. "No attempt lost or duplicated" is checked three ways: the history numbers attempts
 * 1..n without gaps or repeats (the primary key forbids repeats), every request a receiver got appears in the
 * history exactly once (the same count, and one {@code webhook-id} throughout), and the retry happened at the time
 * the first process had stored, not earlier and not from scratch. The attempt that was cut short is not lost
 * either: it was written {@code IN_FLIGHT} before the request went out, and the new process marks it
 * {@code ABANDONED} before trying again.
 */
class RestartIT {

    static final String KEY = "restart-admin-key";
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    static final String VHOST = TestInfra.newVhost("restart");
    static final String DB_URL = TestInfra.newPostgresSchema("restart");

    @Test
    void deliveriesCompleteAfterThePublisherIsKilledWithNoAttemptLostOrDuplicated() throws Exception {
        Receiver betweenAttempts = Receiver.start().replyInOrder(Reply.status(500), Reply.status(200));
        Receiver midAttempt = Receiver.start().replyInOrder(Reply.hang(), Reply.status(200));
        try (betweenAttempts;
                midAttempt;
                AmqpTestClient amqp = new AmqpTestClient(VHOST)) {
            int port = freePort();
            Process first = startPublisherProcess(port);
            String waiting;
            String cutShort;
            String eventId;
            try {
                AdminClient admin = new AdminClient("http://127.0.0.1:" + port, KEY);
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> healthy(port, first));
                waiting = admin.subscribe(betweenAttempts.url(), "order.confirmed")
                        .get("id")
                        .asString();
                cutShort = admin.subscribe(midAttempt.url(), "order.confirmed")
                        .get("id")
                        .asString();
                eventId = new EventPublisher(amqp).publish("order.confirmed", EventPublisher.order("CONFIRMED"));

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> midAttempt.inProgress() == 1
                                && admin.deliveriesOf(waiting, eventId).stream()
                                        .anyMatch(d -> d.get("attemptCount").asInt() == 1
                                                && d.get("status").asString().equals("PENDING")
                                                && d.has("lastStatus")));
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            assertThat(betweenAttempts.count())
                    .as("killed between the two attempts")
                    .isEqualTo(1);
            midAttempt.releaseHangs();

            try (ConfigurableApplicationContext second = startPublisherInProcess()) {
                int secondPort =
                        ((WebServerApplicationContext) second).getWebServer().getPort();
                AdminClient admin = new AdminClient("http://127.0.0.1:" + secondPort, KEY);

                JsonNode resumed = awaitSucceeded(admin, waiting, eventId);
                List<JsonNode> resumedAttempts = attempts(resumed);
                assertThat(resumedAttempts)
                        .extracting(a -> a.get("number").asInt())
                        .containsExactly(1, 2);
                assertThat(resumedAttempts)
                        .extracting(a -> a.get("outcome").asString())
                        .containsExactly("FAILED", "SUCCEEDED");
                assertThat(resumedAttempts)
                        .extracting(a -> a.get("httpStatus").asInt())
                        .containsExactly(500, 200);
                Instant firstEnded = Instant.parse(
                                resumedAttempts.get(0).get("attemptedAt").asString())
                        .plusMillis(resumedAttempts.get(0).get("durationMs").asLong());
                assertThat(Duration.between(
                                firstEnded,
                                Instant.parse(resumedAttempts
                                        .get(1)
                                        .get("attemptedAt")
                                        .asString())))
                        .isGreaterThanOrEqualTo(RETRY_DELAY);
                assertThat(betweenAttempts.count()).isEqualTo(resumedAttempts.size());
                assertThat(betweenAttempts.requests())
                        .extracting(r -> r.header("webhook-id"))
                        .containsOnly(resumed.get("webhookId").asString());

                JsonNode recovered = awaitSucceeded(admin, cutShort, eventId);
                List<JsonNode> recoveredAttempts = attempts(recovered);
                assertThat(recoveredAttempts)
                        .extracting(a -> a.get("number").asInt())
                        .containsExactly(1, 2);
                assertThat(recoveredAttempts)
                        .extracting(a -> a.get("outcome").asString())
                        .containsExactly("ABANDONED", "SUCCEEDED");
                assertThat(recoveredAttempts.get(0).get("error").asString()).contains("publisher stopped");
                assertThat(midAttempt.count()).isEqualTo(recoveredAttempts.size());
                assertThat(midAttempt.requests())
                        .extracting(r -> r.header("webhook-id"))
                        .containsOnly(recovered.get("webhookId").asString());
            }
        }
    }

    /**
     * The window between the intake storing a new delivery leased to this process with attempt 1 already
     * {@code IN_FLIGHT} and the dispatcher starting it: if the publisher stops in it, nothing was sent, so the
     * attempt is marked {@code ABANDONED} and the lease given back at once. Without that the delivery would wait for
     * its lease (here ten minutes) and a restart would see an attempt that looks cut short. The test plays the
     * intake's part with the same calls, then stops the dispatcher before handing the delivery over.
     */
    @Test
    void aDeliveryTheIntakeBeganIsGivenBackWhenThePublisherStopsBeforeSendingIt() {
        Receiver receiver = Receiver.start();
        try (receiver;
                ConfigurableApplicationContext publisher = startPublisherInProcess()) {
            int port = ((WebServerApplicationContext) publisher).getWebServer().getPort();
            AdminClient admin = new AdminClient("http://127.0.0.1:" + port, KEY);
            String subscriptionId =
                    admin.subscribe(receiver.url(), "order.cancelled").get("id").asString();
            EventStore deliveries = publisher.getBean(EventStore.class);
            DeliveryDispatcher dispatcher = publisher.getBean(DeliveryDispatcher.class);
            Subscription subscription = publisher.getBean(Subscriptions.class).enabled().stream()
                    .filter(s -> s.id().equals(subscriptionId))
                    .findFirst()
                    .orElseThrow();

            // the permits first, as the intake takes them (possible once the dispatcher's first claim found nothing)
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.tryReserve(subscriptionId));
            Instant now = Instant.now();
            String payload = "{\"type\":\"order.cancelled\",\"data\":{}}";
            WebhookEvent event = new WebhookEvent(Ids.newId(), "order.cancelled", now, now, payload, null);
            assertThat(deliveries.insertEvents(List.of(event))).containsExactly(event.id());
            Delivery row = Delivery.create(Ids.newId(), event.id(), subscriptionId, event.type(), now);
            String token = UUID.randomUUID().toString();
            FirstAttempt first = new FirstAttempt(now, now.getEpochSecond(), receiver.url());
            assertThat(deliveries.insertDeliveries(
                            List.of(row), Map.of(row.id(), first), token, now.plus(Duration.ofMinutes(10))))
                    .containsExactly(row.id());

            dispatcher.stop();
            dispatcher.startReserved(
                    new ClaimedDelivery(
                            row.id(), subscriptionId, event.id(), event.type(), payload, 0, token, -1, false, null),
                    subscription,
                    first);

            JsonNode given = admin.delivery(row.id());
            assertThat(given.get("status").asString()).isEqualTo("PENDING");
            assertThat(attempts(given))
                    .extracting(a -> a.get("outcome").asString())
                    .containsExactly("ABANDONED");
            assertThat(attempts(given).getFirst().get("error").asString())
                    .contains("stopped before sending this attempt");
            assertThat(receiver.count()).isZero();

            // started again (as a new process would be): due at once, not after the ten-minute lease
            dispatcher.start();
            JsonNode done = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> admin.delivery(row.id()),
                            d -> d.get("status").asString().equals("SUCCEEDED"));
            assertThat(attempts(done)).extracting(a -> a.get("number").asInt()).containsExactly(1, 2);
            assertThat(attempts(done))
                    .extracting(a -> a.get("outcome").asString())
                    .containsExactly("ABANDONED", "SUCCEEDED");
            assertThat(receiver.count()).isEqualTo(1);
        }
    }

    private static JsonNode awaitSucceeded(AdminClient admin, String subscription, String eventId) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.deliveriesOf(subscription, eventId).stream()
                                .findFirst()
                                .filter(d -> d.get("status").asString().equals("SUCCEEDED"))
                                .map(d -> admin.delivery(d.get("id").asString()))
                                .orElse(null),
                        d -> d != null);
    }

    private static List<JsonNode> attempts(JsonNode delivery) {
        List<JsonNode> out = new ArrayList<>();
        delivery.get("attempts").forEach(out::add);
        return out;
    }

    /** The settings by their environment variable names (application.yml maps them to properties). */
    private static Map<String, String> environment(int port) {
        return Map.of(
                "WEBHOOK_DB_URL",
                DB_URL,
                "RABBITMQ_VHOST",
                VHOST,
                "WEBHOOK_PUBLISHER_PORT",
                Integer.toString(port),
                "ADMIN_API_KEY",
                KEY,
                "WEBHOOK_URL_ALLOWLIST",
                "127.0.0.1/32",
                "WEBHOOK_RETRY_DELAYS",
                RETRY_DELAY.toSeconds() + "s",
                "WEBHOOK_TIMEOUT",
                "8s",
                "WEBHOOK_LEASE",
                "9s",
                "WEBHOOK_POLL_INTERVAL",
                "100ms");
    }

    private static Process startPublisherProcess(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Path.of(System.getProperty("basedir", "."), "target", "restart-it-publisher.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WebhookPublisherApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment(port));
        return builder.start();
    }

    /** The same settings as the killed process had, as command-line arguments: they outrank anything else. */
    private static ConfigurableApplicationContext startPublisherInProcess() {
        String[] args = environment(0).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WebhookPublisherApplication.class).run(args);
    }

    private static boolean healthy(int port, Process process) {
        if (!process.isAlive()) {
            throw new AssertionError("The publisher process exited with " + process.exitValue()
                    + "; see target/restart-it-publisher.log");
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
