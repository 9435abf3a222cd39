package dev.orders.edge.notifier;

import dev.orders.infra.Retention;
import dev.orders.infra.persistence.InBatches;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Keeps the notifier's history for {@code NOTIFIER_RETENTION}: deletes the deliveries that ended (SENT, FAILED,
 * SKIPPED) before then and the inbox rows of webhooks received before then, {@value Retention#BATCH} per statement. A
 * delivery still to be sent is never deleted. Once a webhook's inbox row is gone, the same webhook again (a replay at
 * the publisher, say) is acted on as new.
 */
@Component
public class NotifierRetention extends Retention {

    private final Notifications deliveries;
    private final NotifierInbox inbox;

    NotifierRetention(Notifications deliveries, NotifierInbox inbox, NotifierProperties properties, Clock clock) {
        super("the notifier's history", properties.retention(), clock);
        this.deliveries = deliveries;
        this.inbox = inbox;
    }

    /** Deletes the deliveries that ended before {@code before} and the inbox rows of webhooks received before it. */
    @Override
    public Purged purge(Instant before) {
        return Purged.of(
                "deliveries",
                InBatches.deleteAll(BATCH, limit -> deliveries.purgeEnded(before, limit)),
                "inbox",
                InBatches.deleteAll(BATCH, limit -> inbox.purgeBefore(before, limit)));
    }
}
