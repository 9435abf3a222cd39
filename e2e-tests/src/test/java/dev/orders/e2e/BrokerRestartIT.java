package dev.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.test.TestInfra;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A broker restart never needs a service restart. Runs last: it disturbs every connection to the broker. */
@Order(100)
class BrokerRestartIT {

    static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.named("restart").start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void ordersCompleteAfterRabbitMqRestartsWithNoServiceRestarted() {
        Api api = stack.api();
        String product = api.createProduct("Before restart", 5);
        assertThat(api.awaitFinal(api.placeOrder(product, 1), Duration.ofSeconds(20))
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        var pids = stack.all().stream().map(ServiceProcess::pid).toList();

        TestInfra.rabbitmqctl("stop_app");
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.call("GET", "/health", null).status() == 503);
        } finally {
            TestInfra.rabbitmqctl("start_app");
            TestInfra.rabbitmqctl("await_startup");
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.call("GET", "/health", null).status() == 200);
        String order = api.placeOrder(product, 2);
        assertThat(api.awaitFinal(order, Duration.ofSeconds(30)).get("status").asString())
                .isEqualTo("CONFIRMED");
        assertThat(api.stock(product)).isEqualTo(2);
        assertThat(stack.all()).allMatch(ServiceProcess::alive);
        assertThat(stack.all().stream().map(ServiceProcess::pid).toList()).isEqualTo(pids);
    }
}
