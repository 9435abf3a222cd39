package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.edge.EdgeFunctionsTestBase;
import dev.orders.edge.support.FakeTelegram.Reply;
import dev.orders.infra.Retention;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The notifier's retention: what ended before the cut goes; what is still to be sent, or newer, stays. */
class NotifierRetentionIT extends EdgeFunctionsTestBase {

    @Autowired
    NotifierRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesTheDeliveriesThatEndedBeforeTheCutAndTheInboxOfThatTime() {
        long sentChat = newChatId();
        long waitingChat = newChatId();
        String sentOrder = newOrderId();
        String waitingOrder = newOrderId();
        String newerOrder = newOrderId();
        TELEGRAM.always(waitingChat, Reply.tooManyRequests(3600));

        sendToNotifier(
                "order.confirmed",
                order(sentOrder, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(sentChat, "en")));
        sendToNotifier(
                "order.confirmed",
                order(waitingOrder, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(waitingChat, "en")));
        assertThat(finalDeliveryOf(sentOrder).get("status").asString()).isEqualTo("SENT");
        // told to wait an hour: PENDING, attempted once
        await().atMost(WAIT)
                .until(
                        () -> deliveriesOf(waitingOrder),
                        d -> d.size() == 1
                                && d.getFirst().get("status").asString().equals("PENDING")
                                && d.getFirst().get("attempts").asInt() == 1);
        Instant cut = Instant.now().plusMillis(1);
        await().until(() -> Instant.now().isAfter(cut));
        sendToNotifier(
                "order.confirmed",
                order(newerOrder, "CONFIRMED", List.of(line(newOrderId(), 1)), telegramCustomer(newChatId(), "en")));
        JsonNode newer = finalDeliveryOf(newerOrder);

        Retention.Purged purged = retention.purge(cut);

        // earlier tests' history goes too, so at least these
        assertThat(purged.rows("deliveries")).isGreaterThanOrEqualTo(1);
        assertThat(purged.rows("inbox")).isGreaterThanOrEqualTo(2);
        assertThat(deliveriesOf(sentOrder)).as("ended before the cut").isEmpty();
        assertThat(deliveriesOf(waitingOrder))
                .as("still to be sent")
                .singleElement()
                .satisfies(d -> assertThat(d.get("status").asString()).isEqualTo("PENDING"));
        assertThat(deliveriesOf(newerOrder))
                .as("ended after the cut")
                .singleElement()
                .satisfies(d -> assertThat(d.get("id").asString())
                        .isEqualTo(newer.get("id").asString()));
        // the inbox goes by the time of the webhook; a repeat of the waiting one's webhook would meet its delivery
        // (one per webhook, recipient and channel), not make a second
        assertThat(inboxRows(sentOrder)).isZero();
        assertThat(inboxRows(waitingOrder)).isZero();
        assertThat(inboxRows(newerOrder)).isEqualTo(1);
        assertThat(retention.purge(cut))
                .as("nothing more before the same cut")
                .isEqualTo(Retention.Purged.of("deliveries", 0, "inbox", 0));
    }

    private long inboxRows(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM notifier_inbox WHERE order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
