package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.orders.contracts.Destinations;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a sender puts on a queue, the consumers keep going: a corpus of malformed messages (ids and data of
 * the wrong type, bodies of 15 and 20 MB, broken UTF-8 and JSON, deep nesting, huge numbers, the wrong type in every field
 * of every pattern, unknown patterns, void and odd headers) and a burst of 2,000 poison messages reach orders-service,
 * products-service and the webhook publisher. Within 10 seconds nothing is left unacknowledged, every message is in
 * its queue's dead-letter queue with its reason, requests got an error reply, and an order placed afterwards is
 * confirmed by the same service processes.
 */
@Order(4)
class HostileMessagesIT {

    static final int BURST = 2_000;
    static FakeTelegram telegram;
    static Stack stack;

    @BeforeAll
    static void start() {
        telegram = new FakeTelegram();
        stack = Stack.named("hostileamqp").webhooks(telegram.url()).start();
    }

    @AfterAll
    static void stop() {
        stack.close();
        telegram.close();
    }

    @Test
    void everyMalformedMessageIsDeadLetteredWithItsReasonAndNoConsumerStalls() throws Exception {
        Map<String, Long> pids = stack.all().stream().collect(Collectors.toMap(s -> s.name, ServiceProcess::pid));
        AmqpTestClient amqp = stack.amqp();
        String replies = "hostile-replies-" + UUID.randomUUID();
        amqp.channel().queueDeclare(replies, false, false, true, Map.of());
        List<HostileMessages.Poison> corpus = HostileMessages.corpus(replies);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);

        for (HostileMessages.Poison p : corpus) {
            amqp.publishRaw("", p.queue(), p.body(), p.props());
        }
        List<HostileMessages.Poison> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            HostileMessages.Poison p = HostileMessages.burst(i);
            burst.add(p);
            amqp.publishRaw("", p.queue(), p.body(), p.props());
        }
        Map<String, Long> expected = new HashMap<>();
        corpus.forEach(p -> expected.merge(p.queue(), 1L, Long::sum));
        expected.merge(HostileMessages.ORDERS, (long) BURST, Long::sum);

        await("every message acknowledged and dead-lettered")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, long[]> queues = queues();
                    for (String queue : expected.keySet()) {
                        assertThat(queues.get(queue))
                                .as("%s ready and unacknowledged", queue)
                                .containsExactly(0, 0);
                        assertThat(queues.get(Destinations.deadLetterQueue(queue))[0])
                                .as("%s dead letters", queue)
                                .isEqualTo(expected.get(queue));
                    }
                    queues.entrySet().stream()
                            .filter(q -> q.getKey().contains(".retry."))
                            .forEach(q -> assertThat(q.getValue())
                                    .as("%s: poison is not retried", q.getKey())
                                    .containsExactly(0, 0));
                });

        Map<String, String> reasons = new HashMap<>();
        for (String queue : expected.keySet()) {
            for (GetResponse r : amqp.drain(Destinations.deadLetterQueue(queue))) {
                Map<String, Object> headers = r.getProps().getHeaders();
                reasons.put(
                        String.valueOf(headers.get(HostileMessages.CASE_HEADER)),
                        String.valueOf(headers.get(Destinations.DEAD_LETTER_REASON_HEADER)));
                assertThat(r.getProps().getExpiration())
                        .as("a dead letter does not expire")
                        .isNull();
            }
        }
        for (HostileMessages.Poison p : corpus) {
            assertThat(reasons).as("dead letter of %s", p.name()).containsKey(p.name());
            assertThat(reasons.get(p.name())).as("reason of %s", p.name()).contains(p.reason());
        }
        for (HostileMessages.Poison p : burst) {
            assertThat(reasons.get(p.name())).as("reason of %s", p.name()).contains(p.reason());
        }

        List<JsonNode> errorReplies =
                amqp.drain(replies).stream().map(AmqpTestClient::json).toList();
        long requests =
                corpus.stream().filter(HostileMessages.Poison::expectsReply).count();
        assertThat(errorReplies)
                .as("an error reply per malformed request")
                .hasSize((int) requests)
                .allSatisfy(reply ->
                        assertThat(reply.path("err").path("code").asString()).isEqualTo("VALIDATION_FAILED"));

        Api api = stack.api();
        String product = api.createProduct("Lamp after the storm", 5);
        String order = api.placeOrder(product, 2);
        assertThat(api.awaitFinal(order, Duration.ofSeconds(30)).get("status").asString())
                .isEqualTo("CONFIRMED");
        for (ServiceProcess service : stack.all()) {
            assertThat(service.alive()).as("%s still running", service.name).isTrue();
            assertThat(service.pid()).as("%s not restarted", service.name).isEqualTo(pids.get(service.name));
        }
    }

    /** name → {ready, unacknowledged} of every queue in the stack's virtual host. */
    private static Map<String, long[]> queues() {
        String out = TestInfra.rabbitmqctl(
                "list_queues",
                "-p",
                stack.vhost,
                "--no-table-headers",
                "--quiet",
                "name",
                "messages",
                "messages_unacknowledged");
        Map<String, long[]> queues = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 3 && cells[1].matches("\\d+") && cells[2].matches("\\d+")) {
                queues.put(cells[0], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return queues;
    }
}
