package dev.orders.edge.logger;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;

/** Seed step 7: the logger function extracts the event and persists it, once per webhook id. */
@Service
public class EventLogger {

    private final EventLog log;
    private final Clock clock;

    EventLogger(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** The stored event, or empty when this webhook id was logged before. */
    public Optional<LoggedEvent> record(StandardWebhook webhook) {
        LoggedEvent event = new LoggedEvent(Ids.newId(), webhook.id(), webhook.type(), webhook.timestamp(),
                clock.instant(), webhook.orderId().orElse(null), WireJson.mapper().readTree(webhook.body()));
        return log.append(event) ? Optional.of(event) : Optional.empty();
    }
}
