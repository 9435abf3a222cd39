package dev.orders.edge.notifier;

import static dev.orders.edge.support.Events.line;
import static dev.orders.edge.support.Events.newChatId;
import static dev.orders.edge.support.Events.newOrderId;
import static dev.orders.edge.support.Events.order;
import static dev.orders.edge.support.Events.telegramCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.support.EdgeClient;
import dev.orders.edge.support.FakeTelegram;
import dev.orders.infra.test.IsolatedInfra;
import dev.orders.infra.test.IsolatedInfra.Database;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The app with {@code TELEGRAM_BOT_TOKEN} empty (its own context, so not on the shared test base). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedInfra(value = "edge_notoken", rabbitmq = false, database = Database.POSTGRES)
class TelegramWithoutTokenIT {

    static final FakeTelegram TELEGRAM = new FakeTelegram();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("edge.telegram.api-base-url", TELEGRAM::baseUrl);
        registry.add("edge.telegram.bot-token", () -> "");
        registry.add("edge.notifier.poll-interval", () -> "250ms");
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
    }

    @Test
    void recordsTelegramDeliveriesAsSkipped() {
        EdgeClient client = new EdgeClient(port);
        long chat = newChatId();
        String orderId = newOrderId();

        client.sendToNotifier(
                "order.confirmed",
                order(orderId, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(chat, "es")));

        JsonNode delivery = client.finalDeliveryOf(orderId, Duration.ofSeconds(15));
        assertThat(delivery.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(delivery.get("attempts").asInt()).isZero();
        assertThat(delivery.get("lastError").asString()).isEqualTo("TELEGRAM_BOT_TOKEN is not set");
        assertThat(TELEGRAM.requests()).isEmpty();
    }
}
