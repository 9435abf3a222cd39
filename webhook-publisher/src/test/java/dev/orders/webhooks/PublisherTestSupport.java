package dev.orders.webhooks;

import static org.awaitility.Awaitility.await;

import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import dev.orders.infra.test.Isolation;
import dev.orders.webhooks.support.AdminClient;
import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The publisher in-process on real PostgreSQL (a schema of this run) and RabbitMQ (a vhost of this run), shared by
 * every IT that extends this class (one Spring context), with a short retry schedule. Each test deletes the
 * subscriptions it created, so events of one test never reach another's receivers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra(value = "webhooks", database = Database.POSTGRES)
abstract class PublisherTestSupport {

    static final String ADMIN_KEY = "test-admin-key";
    static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(600));
    static final int MAX_ATTEMPTS = RETRY_DELAYS.size() + 1;
    static final int PER_SUBSCRIPTION = 2;
    static final int AUTO_DISABLE_AFTER = 3;

    private static final String VHOST = Isolation.of(PublisherTestSupport.class).vhost();
    private static AmqpTestClient amqp;

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("platform.admin-api-key", () -> ADMIN_KEY);
        registry.add("webhooks.egress.allowlist", () -> "127.0.0.1/32");
        registry.add("webhooks.delivery.retry-delays", () -> "100ms,300ms,600ms");
        // long enough that a request a test holds open does not time out (and retry) while the test still counts it
        registry.add("webhooks.delivery.timeout", () -> "30s");
        registry.add("webhooks.delivery.lease", () -> "32s");
        registry.add("webhooks.delivery.poll-interval", () -> "50ms");
        registry.add("webhooks.delivery.max-concurrency", () -> "8");
        registry.add("webhooks.delivery.max-concurrency-per-subscription", () -> Integer.toString(PER_SUBSCRIPTION));
        registry.add("webhooks.delivery.auto-disable-after", () -> Integer.toString(AUTO_DISABLE_AFTER));
        registry.add("webhooks.delivery.max-retry-after", () -> "5s");
        registry.add("webhooks.delivery.shutdown-grace", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    AdminClient admin;
    EventPublisher events;
    private final List<String> subscriptions = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void connect() {
        synchronized (PublisherTestSupport.class) {
            if (amqp == null) {
                amqp = new AmqpTestClient(VHOST);
            }
        }
        admin = new AdminClient("http://127.0.0.1:" + port, ADMIN_KEY);
        events = new EventPublisher(amqp);
    }

    @AfterEach
    void cleanUp() {
        for (String id : subscriptions) {
            admin.delete("/webhooks/subscriptions/" + id);
        }
        receivers.forEach(Receiver::close);
    }

    Receiver receiver() {
        Receiver receiver = Receiver.start();
        receivers.add(receiver);
        return receiver;
    }

    /** A subscription this test owns; deleted after it. */
    JsonNode subscribe(Receiver receiver, String... eventTypes) {
        JsonNode created = admin.subscribe(receiver.url(), eventTypes);
        subscriptions.add(created.get("id").asString());
        return created;
    }

    /** The one delivery of {@code eventId} to the subscription, once it exists and has {@code status}. */
    JsonNode awaitDelivery(String subscriptionId, String eventId, String status) {
        return await().until(
                        () -> admin.deliveriesOf(subscriptionId, eventId).stream()
                                .findFirst()
                                .filter(d -> d.get("status").asString().equals(status))
                                .map(d -> admin.delivery(d.get("id").asString()))
                                .orElse(null),
                        d -> d != null);
    }
}
