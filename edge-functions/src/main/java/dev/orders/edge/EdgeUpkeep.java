package dev.orders.edge;

import java.time.Duration;
import org.springframework.stereotype.Component;
import dev.orders.edge.logger.EventLogRetention;
import dev.orders.edge.notifier.NotifierRetention;
import dev.orders.infra.Periodic;
import dev.orders.infra.Upkeep;

/**
 * Runs the functions' retention every {@code EDGE_RETENTION_INTERVAL} (1 h; the first a minute after start), each on
 * a timer thread of its own.
 */
@Component
class EdgeUpkeep extends Upkeep {

    private final EventLogRetention eventLog;
    private final NotifierRetention notifier;
    private final EdgeProperties properties;

    EdgeUpkeep(EventLogRetention eventLog, NotifierRetention notifier, EdgeProperties properties) {
        super("edge-retention", 2);
        this.eventLog = eventLog;
        this.notifier = notifier;
        this.properties = properties;
    }

    @Override
    protected void schedule(Periodic periodic) {
        Duration every = properties.retentionInterval();
        Duration first = Periodic.soonAfterStart(every);
        if (eventLog.enabled()) {
            periodic.every(every, first, "delete the old event log", eventLog::purgeExpired);
        }
        if (notifier.enabled()) {
            periodic.every(every, first, "delete the notifier's old history", notifier::purgeExpired);
        }
    }
}
