package dev.orders.edge.logger;

import dev.orders.edge.EdgeProperties;
import dev.orders.edge.webhook.StandardWebhook;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.GroupCommit;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** The logger function: extracts the event and persists it, once per webhook id. */
@Service
public class EventLogger {

    private static final int MAX_BATCH = 64;

    private final Clock clock;
    private final GroupCommit<LoggedEvent, Boolean> writes;

    EventLogger(EventLog log, Clock clock, EdgeProperties edge) {
        this.clock = clock;
        // requests that arrive together (or, under a steady stream, within the linger) share one insert and one
        // commit; each is answered only after it committed
        this.writes = new GroupCommit<>(
                batch -> {
                    Set<String> stored = log.append(batch);
                    Set<String> answered = new HashSet<>();
                    return batch.stream()
                            .map(e -> stored.contains(e.webhookId()) && answered.add(e.webhookId()))
                            .toList();
                },
                MAX_BATCH,
                edge.writeLinger());
    }

    /** The stored event, or empty when this webhook id was logged before. */
    public Optional<LoggedEvent> record(StandardWebhook webhook) {
        LoggedEvent event = new LoggedEvent(
                Ids.newId(),
                webhook.id(),
                webhook.type(),
                webhook.timestamp(),
                clock.instant(),
                webhook.orderId().orElse(null),
                WireJson.mapper().readTree(webhook.body()));
        return writes.submit(event) ? Optional.of(event) : Optional.empty();
    }
}
