package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IsolationIT extends PublisherTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void aSubscriberThatHangsDoesNotDelayAnotherOne() {
        Receiver hanging = receiver().replyAlways(Reply.hang());
        Receiver healthy = receiver();
        String stuck = subscribe(hanging, "order.confirmed").get("id").asString();
        String fine = subscribe(healthy, "order.confirmed").get("id").asString();
        int events = 6;
        List<String> eventIds = new ArrayList<>();

        for (int i = 0; i < events; i++) {
            eventIds.add(this.events.publish("order.confirmed", EventPublisher.order("CONFIRMED")));
        }

        // all six reach the healthy subscriber well within the hanging one's request timeout (30 s)...
        await().atMost(Duration.ofSeconds(20)).until(() -> healthy.count() == events);
        eventIds.forEach(id -> awaitDelivery(fine, id, "SUCCEEDED"));
        // ...while the hanging one holds only its own bounded share of the workers, none of them answered yet
        assertThat(hanging.inProgress()).isEqualTo(PER_SUBSCRIPTION);
        assertThat(hanging.count()).isEqualTo(PER_SUBSCRIPTION);
        assertThat(admin.deliveries("subscriptionId=" + stuck + "&status=PENDING"))
                .hasSize(events);
        assertThat(admin.deliveries("subscriptionId=" + stuck + "&status=SUCCEEDED"))
                .isEmpty();

        // a delivery still being delivered cannot be replayed on top of itself
        String pending =
                admin.deliveries("subscriptionId=" + stuck).getFirst().get("id").asString();
        var replay = admin.post("/webhooks/deliveries/" + pending + "/replay", null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

        hanging.releaseHangs();
        eventIds.forEach(id -> awaitDelivery(stuck, id, "SUCCEEDED"));
    }

    /**
     * A subscription's permits bound its requests, not the writes after them: with every success held up (the
     * subscription's row locked, which the success's end of a failure streak must update), more deliveries than the
     * permits allow at once still reach the subscriber and are answered. Were the permits held until the outcome is
     * written, the subscriber would see only {@link #PER_SUBSCRIPTION} of them.
     */
    @Test
    void permitsAreFreedWhenTheRequestEndsNotWhenItsOutcomeIsWritten() throws SQLException {
        Receiver receiver = receiver()
                .replyInOrder(
                        Reply.status(500), Reply.status(500), Reply.status(500), Reply.status(500), Reply.status(200));
        String subscription = subscribe(receiver, "order.confirmed").get("id").asString();
        // a failed delivery starts a failure streak, which the next success ends with an update of the subscription
        String failing = events.publish("order.confirmed", EventPublisher.order("CONFIRMED"));
        awaitDelivery(subscription, failing, "FAILED");
        int before = receiver.count();
        int events = PER_SUBSCRIPTION * 2;
        List<String> eventIds = new ArrayList<>();

        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement hold =
                    lock.prepareStatement("SELECT id FROM subscriptions WHERE id = ? FOR NO KEY UPDATE")) {
                hold.setString(1, subscription);
                hold.executeQuery().close();
            }
            for (int i = 0; i < events; i++) {
                eventIds.add(this.events.publish("order.confirmed", EventPublisher.order("CONFIRMED")));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.count() - before == events);
            assertThat(receiver.inProgress()).isZero();
            assertThat(admin.deliveries("subscriptionId=" + subscription + "&status=SUCCEEDED"))
                    .isEmpty();
            lock.rollback();
        }

        eventIds.forEach(id -> awaitDelivery(subscription, id, "SUCCEEDED"));
        assertThat(receiver.count() - before).isEqualTo(events);
    }
}
