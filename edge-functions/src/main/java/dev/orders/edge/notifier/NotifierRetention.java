package dev.orders.edge.notifier;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.orders.infra.persistence.InBatches;

/**
 * Keeps the notifier's history for {@code NOTIFIER_RETENTION} (30 days; zero keeps everything): deletes the
 * deliveries that ended (SENT, FAILED, SKIPPED) before then and the inbox rows of webhooks received before then,
 * {@value #BATCH} per statement. A delivery still to be sent is never deleted. Once a webhook's inbox row is gone,
 * the same webhook again (a replay at the publisher, say) is acted on as new. Run every
 * {@code EDGE_RETENTION_INTERVAL} by {@code EdgeUpkeep}.
 */
@Component
public class NotifierRetention {

    private static final Logger log = LoggerFactory.getLogger(NotifierRetention.class);
    static final int BATCH = 1000;

    private final Notifications deliveries;
    private final NotifierInbox inbox;
    private final NotifierProperties properties;
    private final Clock clock;

    /** What one purge deleted. */
    public record Purged(long deliveries, long inbox) {
    }

    NotifierRetention(Notifications deliveries, NotifierInbox inbox, NotifierProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.properties = properties;
        this.clock = clock;
    }

    public boolean enabled() {
        return !properties.retention().isZero();
    }

    /** Deletes the deliveries that ended before {@code before} and the inbox rows of webhooks received before it. */
    public Purged purge(Instant before) {
        return new Purged(InBatches.deleteAll(BATCH, limit -> deliveries.purgeEnded(before, limit)),
                InBatches.deleteAll(BATCH, limit -> inbox.purgeBefore(before, limit)));
    }

    /** Deletes the history older than the retention, as of now. */
    public void purgeExpired() {
        Purged purged = purge(clock.instant().minus(properties.retention()));
        if (purged.deliveries() + purged.inbox() > 0) {
            log.info("Deleted the notifier's history older than {}: {} deliveries, {} inbox rows",
                    properties.retention(), purged.deliveries(), purged.inbox());
        }
    }
}
