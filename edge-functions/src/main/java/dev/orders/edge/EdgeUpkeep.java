package dev.orders.edge;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import dev.orders.edge.logger.EventLogRetention;
import dev.orders.edge.notifier.NotifierRetention;
import dev.orders.infra.Periodic;

/**
 * Runs the functions' retention every {@code EDGE_RETENTION_INTERVAL} (1 h; the first a minute after start), each on
 * a timer thread of its own.
 */
@Component
class EdgeUpkeep implements SmartLifecycle {

    private final EventLogRetention eventLog;
    private final NotifierRetention notifier;
    private final EdgeProperties properties;
    private Periodic periodic;

    EdgeUpkeep(EventLogRetention eventLog, NotifierRetention notifier, EdgeProperties properties) {
        this.eventLog = eventLog;
        this.notifier = notifier;
        this.properties = properties;
    }

    @Override
    public void start() {
        Duration every = properties.retentionInterval();
        Duration first = Periodic.soonAfterStart(every);
        periodic = Periodic.start("edge-retention", 2);
        if (eventLog.enabled()) {
            periodic.every(every, first, "delete the old event log", eventLog::purgeExpired);
        }
        if (notifier.enabled()) {
            periodic.every(every, first, "delete the notifier's old history", notifier::purgeExpired);
        }
    }

    @Override
    public void stop() {
        periodic.close();
    }

    @Override
    public boolean isRunning() {
        return periodic != null && periodic.isRunning();
    }
}
