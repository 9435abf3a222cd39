package dev.orders.edge.logger.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import dev.orders.edge.logger.EventFilter;
import dev.orders.edge.logger.EventLog;
import dev.orders.edge.logger.LoggedEvent;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.NewestFirst;

@Component
class JdbcEventLog implements EventLog {

    private static final String COLUMNS =
            "id, webhook_id, type, event_time, received_at, order_id, payload::text AS payload";
    private static final RowMapper<LoggedEvent> ROW = (rs, n) -> new LoggedEvent(
            rs.getString("id"), rs.getString("webhook_id"), rs.getString("type"),
            rs.getObject("event_time", OffsetDateTime.class).toInstant(),
            rs.getObject("received_at", OffsetDateTime.class).toInstant(),
            rs.getString("order_id"), WireJson.mapper().readTree(rs.getString("payload")));

    private final JdbcClient jdbc;

    JdbcEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean append(LoggedEvent e) {
        return jdbc.sql("""
                        INSERT INTO event_log (id, webhook_id, type, event_time, received_at, order_id, payload)
                        VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT (webhook_id) DO NOTHING""")
                .params(UUID.fromString(e.id()), e.webhookId(), e.type(),
                        e.eventTime().atOffset(ZoneOffset.UTC), e.receivedAt().atOffset(ZoneOffset.UTC),
                        e.orderId(), WireJson.mapper().writeValueAsString(e.payload()))
                .update() == 1;
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
