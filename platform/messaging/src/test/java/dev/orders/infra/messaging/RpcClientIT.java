package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.TcpProxy;
import dev.orders.infra.test.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * A real broker connection that stops moving bytes, as RabbitMQ's does when it blocks publishers: the client's
 * socket writes then wait until the broker reads again. Every caller still gets its answer (a timeout) in time.
 */
class RpcClientIT {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void everyCallerGivesUpInTimeWhenTheBrokerStopsReading() {
        String vhost = TestInfra.newVhost("rpc-stall");
        try (AmqpTestClient amqp = new AmqpTestClient(vhost);
                TcpProxy proxy = new TcpProxy(TestInfra.RABBIT_HOST, TestInfra.RABBIT_PORT)) {
            amqp.channel().queueDeclare("nobody-answers", false, false, true, Map.of());
            CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", proxy.port());
            factory.setVirtualHost(vhost);
            factory.setUsername("guest");
            factory.setPassword("guest");
            RpcClient rpc = new RpcClient(factory, TIMEOUT, TraceHeaders.NONE, 1);
            try {
                proxy.stall();
                // far more than the socket buffers on both sides of the proxy hold, so writes must wait
                String blob = "x".repeat(4 * 1024 * 1024);
                List<CompletableFuture<Object>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    CompletableFuture<Object> outcome = new CompletableFuture<>();
                    calls.add(outcome);
                    Thread.ofVirtual().start(() -> {
                        try {
                            outcome.complete(rpc.sendRaw("nobody-answers", "echo", Map.of("blob", blob)));
                        } catch (RuntimeException e) {
                            outcome.complete(e);
                        }
                    });
                }

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> calls.stream().allMatch(CompletableFuture::isDone));
                assertThat(calls).allSatisfy(call -> assertThat(call.join()).isInstanceOf(RpcClient.RpcTimeout.class));
                assertThat(rpc.inFlight()).isZero();
            } finally {
                proxy.unstall();
                rpc.close();
                factory.destroy();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
