package dev.orders.edge.logger;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.orders.infra.persistence.InBatches;

/**
 * Keeps the event log for {@code LOGGER_RETENTION} (30 days; zero keeps everything): deletes the events received
 * before then, {@value #BATCH} per statement. Run every {@code EDGE_RETENTION_INTERVAL} by {@code EdgeUpkeep}.
 */
@Component
public class EventLogRetention {

    private static final Logger log = LoggerFactory.getLogger(EventLogRetention.class);
    static final int BATCH = 1000;

    private final EventLog events;
    private final LoggerProperties properties;
    private final Clock clock;

    EventLogRetention(EventLog events, LoggerProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public boolean enabled() {
        return !properties.retention().isZero();
    }

    /** Deletes the events received before {@code before}; returns how many. */
    public long purge(Instant before) {
        return InBatches.deleteAll(BATCH, limit -> events.purgeBefore(before, limit));
    }

    /** Deletes the events older than the retention, as of now. */
    public void purgeExpired() {
        long deleted = purge(clock.instant().minus(properties.retention()));
        if (deleted > 0) {
            log.info("Deleted {} logged events older than {}", deleted, properties.retention());
        }
    }
}
