package dev.orders.edge;

import dev.orders.edge.support.EdgeClient;
import dev.orders.edge.support.Events;
import dev.orders.edge.support.FakeTelegram;
import dev.orders.edge.support.Mail;
import dev.orders.edge.support.SlackReceiver;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole app in-process on a random port, on a fresh PostgreSQL schema, with a fake Telegram Bot API, a Slack
 * receiver and GreenMail. Every integration test class extends this and adds no configuration, so they share one
 * application context; tests keep apart by their own chat ids, addresses and webhook ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra(value = "edge", rabbitmq = false, database = Database.POSTGRES)
public abstract class EdgeFunctionsTestBase {

    protected static final Duration WAIT = Duration.ofSeconds(15);
    protected static final FakeTelegram TELEGRAM = new FakeTelegram();
    protected static final SlackReceiver SLACK = new SlackReceiver();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.telegram.api-base-url", TELEGRAM::baseUrl);
        registry.add("edge.telegram.bot-token", () -> FakeTelegram.TOKEN);
        // the Slack stand-in listens on loopback, which the address rules refuse otherwise
        registry.add("edge.slack.url-allowlist", () -> "127.0.0.1/32");
        registry.add("edge.smtp.host", () -> "127.0.0.1");
        registry.add("edge.smtp.port", Mail::port);
        registry.add("edge.smtp.from", () -> "orders@example.test");
        registry.add("edge.notifier.backoff", () -> "200ms");
        registry.add("edge.notifier.max-attempts", () -> "4");
        registry.add("edge.notifier.poll-interval", () -> "250ms");
    }

    protected int port() {
        return port;
    }

    protected EdgeClient client() {
        return new EdgeClient(port);
    }

    protected static String newOrderId() {
        return Events.newOrderId();
    }

    protected static long newChatId() {
        return Events.newChatId();
    }

    protected static Map<String, Object> order(
            String id, String status, List<Map<String, Object>> items, Map<String, Object> customer) {
        return Events.order(id, status, items, customer);
    }

    protected static Map<String, Object> line(String productId, int quantity) {
        return Events.line(productId, quantity);
    }

    protected static Map<String, Object> namedLine(String productId, String name, int quantity) {
        return Events.namedLine(productId, name, quantity);
    }

    protected static Map<String, Object> telegramCustomer(long chatId, String locale) {
        return Events.telegramCustomer(chatId, locale);
    }

    protected void sendToNotifier(String type, Map<String, Object> order) {
        client().sendToNotifier(type, order);
    }

    protected List<JsonNode> deliveriesOf(String orderId) {
        return client().deliveriesOf(orderId);
    }

    protected JsonNode finalDeliveryOf(String orderId) {
        return client().finalDeliveryOf(orderId, WAIT);
    }
}
