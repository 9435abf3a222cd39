package dev.orders.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.orders.webhooks.support.EventPublisher;
import dev.orders.webhooks.support.Receiver;
import dev.orders.webhooks.support.Receiver.Reply;

class IsolationIT extends PublisherTestSupport {

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
        assertThat(admin.deliveries("subscriptionId=" + stuck + "&status=PENDING")).hasSize(events);
        assertThat(admin.deliveries("subscriptionId=" + stuck + "&status=SUCCEEDED")).isEmpty();

        // a delivery still being delivered cannot be replayed on top of itself
        String pending = admin.deliveries("subscriptionId=" + stuck).getFirst().get("id").asString();
        var replay = admin.post("/webhooks/deliveries/" + pending + "/replay", null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

        hanging.releaseHangs();
        eventIds.forEach(id -> awaitDelivery(stuck, id, "SUCCEEDED"));
    }
}
