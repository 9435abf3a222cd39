package dev.orders.edge.logger.persistence;

import static dev.orders.infra.persistence.SqlArrays.text;
import static dev.orders.infra.persistence.SqlArrays.texts;

import dev.orders.edge.logger.EventFilter;
import dev.orders.edge.logger.EventLog;
import dev.orders.edge.logger.LoggedEvent;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.NewestFirst;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcEventLog implements EventLog {

    private static final String COLUMNS =
            "id, webhook_id, type, event_time, received_at, order_id, payload::text AS payload";
    private static final RowMapper<LoggedEvent> ROW = (rs, n) -> new LoggedEvent(
            rs.getString("id"),
            rs.getString("webhook_id"),
            rs.getString("type"),
            rs.getObject("event_time", OffsetDateTime.class).toInstant(),
            rs.getObject("received_at", OffsetDateTime.class).toInstant(),
            rs.getString("order_id"),
            WireJson.mapper().readTree(rs.getString("payload")));

    private final JdbcClient jdbc;

    JdbcEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int purgeBefore(Instant before, int limit) {
        // ids are UUIDv7 made on receipt: the events received before the cut are a range of the primary key
        return jdbc.sql("""
                        DELETE FROM event_log WHERE id IN (
                            SELECT id FROM event_log WHERE id < :bound AND received_at < :before
                            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .param("bound", UUID.fromString(Ids.lowestAt(before)))
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }

    @Override
    public Set<String> append(List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO event_log (id, webhook_id, type, event_time, received_at, order_id, payload)
                        SELECT * FROM unnest(CAST(:ids AS uuid[]), :webhookIds, :types,
                                             CAST(:eventTimes AS timestamptz[]), CAST(:receivedAt AS timestamptz[]),
                                             :orderIds, CAST(:payloads AS jsonb[]))
                        ON CONFLICT (webhook_id) DO NOTHING
                        RETURNING webhook_id""")
                .param("ids", texts(events, LoggedEvent::id))
                .param("webhookIds", texts(events, LoggedEvent::webhookId))
                .param("types", texts(events, LoggedEvent::type))
                .param("eventTimes", texts(events, e -> text(e.eventTime())))
                .param("receivedAt", texts(events, e -> text(e.receivedAt())))
                .param("orderIds", texts(events, LoggedEvent::orderId))
                .param("payloads", texts(events, e -> WireJson.mapper().writeValueAsString(e.payload())))
                .query(String.class)
                .list());
    }

    @Override
    public List<LoggedEvent> page(EventFilter filter, String before, int limit) {
        return NewestFirst.select(COLUMNS, "event_log")
                .where("type = ?", filter.type())
                .where("order_id = ?", filter.orderId())
                .where("event_time >= ?", filter.from(), t -> t.atOffset(ZoneOffset.UTC))
                .where("event_time < ?", filter.to(), t -> t.atOffset(ZoneOffset.UTC))
                .page(jdbc, before == null ? null : UUID.fromString(before), limit, ROW);
    }
}
