package dev.orders.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.GetResponse;
import dev.orders.infra.test.AmqpTestClient;
import dev.orders.infra.test.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * {@link ConfirmedPublisher} against the real broker: a publish counts only when the broker confirmed it and, for a
 * queue, routed it; a refused or unroutable one fails its own future and no other; a channel the broker closes is
 * replaced.
 */
class ConfirmedPublisherIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static String vhost;
    private static CachingConnectionFactory connectionFactory;
    private static AmqpTestClient amqp;
    private static ConfirmedPublisher publisher;

    @BeforeAll
    static void connect() throws Exception {
        vhost = TestInfra.newVhost("confirmed-publisher");
        connectionFactory = new CachingConnectionFactory(TestInfra.RABBIT_HOST, TestInfra.RABBIT_PORT);
        connectionFactory.setVirtualHost(vhost);
        amqp = new AmqpTestClient(vhost);
        amqp.channel().queueDeclare("target", true, false, false, null);
        amqp.channel().exchangeDeclare("events", "topic", true);
        amqp.channel().queueBind("target", "events", "bound.#");
        // holds one message and refuses the next publish with a nack
        amqp.channel()
                .queueDeclare("full", true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        publisher = new ConfirmedPublisher(connectionFactory);
    }

    @AfterAll
    static void close() {
        amqp.close();
        connectionFactory.destroy();
    }

    private static Message message(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setMessageId(body)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader("x-kept", "yes")
                .build();
    }

    private static void confirmed(CompletableFuture<Void> future) throws Exception {
        future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failure(CompletableFuture<Void> future) {
        try {
            future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no outcome", e);
        }
        throw new AssertionError("expected a failure, got a confirm");
    }

    @Test
    void aConfirmedPublishIsOnItsQueueWithItsPropertiesAndHeaders() throws Exception {
        amqp.drain("target");
        confirmed(publisher.publish("", "target", message("to-queue")));

        GetResponse got = amqp.get("target");
        assertThat(got).isNotNull();
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("to-queue");
        assertThat(got.getProps().getMessageId()).isEqualTo("to-queue");
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(got.getProps().getHeaders()).containsKey("x-kept");
    }

    @Test
    void aMessageForAMissingQueueFailsAsUnroutable() {
        Throwable cause = failure(publisher.publish("", "no-such-queue", message("lost")));

        assertThat(cause)
                .isInstanceOf(ConfirmedPublisher.PublishFailedException.class)
                .hasMessageContaining("unroutable")
                .hasMessageContaining("no-such-queue");
    }

    @Test
    void anEventNobodyIsBoundToIsNotAFailure() throws Exception {
        amqp.drain("target");
        confirmed(publisher.publish("events", "unbound.key", message("nobody")));
        confirmed(publisher.publish("events", "bound.key", message("somebody")));

        GetResponse got = amqp.get("target");
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("somebody");
        assertThat(amqp.get("target")).isNull();
    }

    @Test
    void aRefusedPublishFailsAloneAndTheOthersOfItsBatchAreConfirmedInOrder() throws Exception {
        amqp.drain("full");
        amqp.drain("target");
        List<CompletableFuture<Void>> outcomes = publisher.publishAll(List.of(
                new ConfirmedPublisher.Outgoing("", "target", message("a")),
                new ConfirmedPublisher.Outgoing("", "full", message("fits")),
                new ConfirmedPublisher.Outgoing("", "full", message("refused")),
                new ConfirmedPublisher.Outgoing("", "no-such-queue", message("unroutable")),
                new ConfirmedPublisher.Outgoing("events", "bound.x", message("b")),
                new ConfirmedPublisher.Outgoing("", "target", message("c"))));

        confirmed(outcomes.get(0));
        confirmed(outcomes.get(1));
        assertThat(failure(outcomes.get(2)))
                .hasMessageContaining("broker refused")
                .hasMessageContaining("full");
        assertThat(failure(outcomes.get(3))).hasMessageContaining("unroutable");
        confirmed(outcomes.get(4));
        confirmed(outcomes.get(5));
        List<String> onTarget = new ArrayList<>();
        for (GetResponse r : amqp.drain("target")) {
            onTarget.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        assertThat(onTarget).containsExactly("a", "b", "c");
        assertThat(amqp.drain("full")).hasSize(1);
    }

    @Test
    void aChannelTheBrokerClosedFailsWhatItHadAndIsReplaced() throws Exception {
        amqp.drain("target");
        // a publish to an exchange that does not exist makes the broker close the channel (404)
        Throwable cause = failure(publisher.publish("no-such-exchange", "x", message("doomed")));
        assertThat(cause).isInstanceOf(ConfirmedPublisher.PublishFailedException.class);

        confirmed(publisher.publish("", "target", message("after")));
        assertThat(new String(amqp.get("target").getBody(), StandardCharsets.UTF_8))
                .isEqualTo("after");
    }

    @Test
    void publishAndWaitThrowsOnFailureAndReturnsOnConfirm() {
        amqp.drain("target");
        publisher.publishAndWait("", "target", message("waited"), WAIT);
        assertThat(amqp.get("target")).isNotNull();

        assertThatThrownBy(() -> publisher.publishAndWait("", "nowhere", message("lost"), WAIT))
                .isInstanceOf(ConfirmedPublisher.PublishFailedException.class)
                .hasMessageContaining("unroutable");
    }

    @Test
    void manyPublishersAtOnceEachGetTheirOwnConfirm() throws Exception {
        amqp.drain("target");
        int threads = 8;
        int each = 250;
        List<CompletableFuture<Void>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    all.add(publisher.publish("", "target", message(thread + "-" + i)));
                }
            }));
        }
        for (Thread w : workers) {
            w.join(WAIT.toMillis());
        }
        assertThat(all).hasSize(threads * each);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(amqp.messageCount("target")).isEqualTo(threads * each);
    }
}
