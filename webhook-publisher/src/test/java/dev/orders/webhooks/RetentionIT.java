package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.infra.Retention.Purged;
import dev.orders.webhooks.delivery.history.DeliveryRetention;
import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The history's retention: what finished before the cut goes, with its attempts and events; nothing else does. */
class RetentionIT extends PublisherTestSupport {

    @Autowired
    DeliveryRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesTheHistoryFinishedBeforeTheCutAndKeepsWhatIsPendingOrNewer() {
        Receiver ok = receiver();
        Receiver down = receiver().replyAlways(Reply.status(503));
        Receiver stuck = receiver().replyAlways(Reply.hang());
        String okSubscription = subscribe(ok, "order.confirmed").get("id").asString();
        String downSubscription = subscribe(down, "order.confirmed").get("id").asString();
        String stuckSubscription = subscribe(stuck, "order.cancelled").get("id").asString();

        String finishedEvent = events.publish("order.confirmed", EventPublisher.order("CONFIRMED"));
        String pendingEvent = events.publish("order.cancelled", EventPublisher.order("CANCELLED"));
        String unwantedEvent = events.publish("product.stockReserved", EventPublisher.order("PENDING"));
        String succeeded = awaitDelivery(okSubscription, finishedEvent, "SUCCEEDED")
                .get("id")
                .asString();
        String failed = awaitDelivery(downSubscription, finishedEvent, "FAILED")
                .get("id")
                .asString();
        await().until(() -> stuck.inProgress() == 1);
        String pending = admin.deliveriesOf(stuckSubscription, pendingEvent)
                .getFirst()
                .get("id")
                .asString();
        await().until(() -> events(unwantedEvent) == 1);
        Instant cut = Instant.now().plusMillis(1);
        await().until(() -> Instant.now().isAfter(cut));
        String newerEvent = events.publish("order.confirmed", EventPublisher.order("CONFIRMED"));
        String newer =
                awaitDelivery(okSubscription, newerEvent, "SUCCEEDED").get("id").asString();
        assertThat(attempts(succeeded)).isEqualTo(1);
        assertThat(attempts(failed)).isEqualTo(MAX_ATTEMPTS);

        // one row per transaction: the walk goes on from the last delivery it deleted
        Purged purged = retention.purge(cut, 1);

        // earlier tests' finished history goes too, so at least these
        assertThat(purged.rows("deliveries")).isGreaterThanOrEqualTo(2);
        assertThat(purged.rows("events")).isGreaterThanOrEqualTo(2);
        for (String gone : new String[] {succeeded, failed}) {
            assertThat(deliveries(gone)).as("delivery %s", gone).isZero();
            assertThat(attempts(gone)).as("attempts of %s", gone).isZero();
            assertThat(admin.get("/webhooks/deliveries/" + gone).status()).isEqualTo(404);
        }
        assertThat(events(finishedEvent))
                .as("the event of the deleted deliveries")
                .isZero();
        assertThat(events(unwantedEvent)).as("an event no subscription wanted").isZero();
        // PENDING (attempt in flight) however old, and finished after the cut: kept with their events and attempts
        assertThat(deliveries(pending)).isEqualTo(1);
        assertThat(attempts(pending)).isPositive();
        assertThat(events(pendingEvent)).isEqualTo(1);
        assertThat(deliveries(newer)).isEqualTo(1);
        assertThat(attempts(newer)).isEqualTo(1);
        assertThat(events(newerEvent)).isEqualTo(1);

        assertThat(retention.purge(cut))
                .as("nothing more before the same cut")
                .isEqualTo(Purged.of("deliveries", 0, "events", 0));
        stuck.releaseHangs();
    }

    private long deliveries(String id) {
        return count("SELECT COUNT(*) FROM deliveries WHERE id = ?", id);
    }

    private long attempts(String deliveryId) {
        return count("SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ?", deliveryId);
    }

    private long events(String id) {
        return count("SELECT COUNT(*) FROM events WHERE id = ?", id);
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
