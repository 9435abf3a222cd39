package dev.orders.edge.logger;

import dev.orders.infra.Retention;
import dev.orders.infra.persistence.InBatches;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Keeps the event log for {@code LOGGER_RETENTION}: deletes the events received before then, {@value Retention#BATCH}
 * per statement.
 */
@Component
public class EventLogRetention extends Retention {

    private final EventLog events;

    EventLogRetention(EventLog events, LoggerProperties properties, Clock clock) {
        super("the event log", properties.retention(), clock);
        this.events = events;
    }

    /** Deletes the events received before {@code before}. */
    @Override
    public Purged purge(Instant before) {
        return Purged.of("events", InBatches.deleteAll(BATCH, limit -> events.purgeBefore(before, limit)));
    }
}
