package dev.orders.edge.notifier.persistence;

import dev.orders.edge.notifier.Notification;
import dev.orders.edge.notifier.NotificationStatus;
import dev.orders.edge.notifier.Notifications;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.persistence.NewestFirst;
import dev.orders.infra.persistence.TableRows;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcNotifications implements Notifications {

    private static final String COLUMNS = "id, webhook_id, event_type, order_id, recipient_id, channel, address, "
            + "locale, subject, body, status, attempts, failures, parts_sent, provider_message_id, last_error, "
            + "next_attempt_at, created_at, updated_at, sent_at, trace_context";
    private static final RowMapper<Notification> ROW = (rs, n) -> new Notification(
            rs.getString("id"),
            rs.getString("webhook_id"),
            rs.getString("event_type"),
            rs.getString("order_id"),
            rs.getString("recipient_id"),
            rs.getString("channel"),
            rs.getString("address"),
            rs.getString("locale"),
            rs.getString("subject"),
            rs.getString("body"),
            NotificationStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            rs.getInt("failures"),
            rs.getInt("parts_sent"),
            rs.getString("provider_message_id"),
            rs.getString("last_error"),
            instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("updated_at", OffsetDateTime.class)),
            instant(rs.getObject("sent_at", OffsetDateTime.class)),
            rs.getString("trace_context"));

    private final JdbcClient jdbc;
    private final TableRows<Notification> rows;

    JdbcNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new TableRows<>(jdbc, "deliveries", COLUMNS, ROW);
    }

    @Override
    public boolean insert(Notification d) {
        return jdbc.sql("""
                        INSERT INTO deliveries (id, webhook_id, event_type, order_id, recipient_id, channel, address,
                                                locale, subject, body, status, attempts, failures, parts_sent,
                                                next_attempt_at, created_at, updated_at, trace_context)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)
                        ON CONFLICT (webhook_id, recipient_id, channel) DO NOTHING""")
                        .params(
                                UUID.fromString(d.id()),
                                d.webhookId(),
                                d.eventType(),
                                d.orderId(),
                                UUID.fromString(d.recipientId()),
                                d.channel(),
                                d.address(),
                                d.locale(),
                                d.subject(),
                                d.body(),
                                d.status().name(),
                                at(d.nextAttemptAt()),
                                at(d.createdAt()),
                                at(d.updatedAt()),
                                d.traceContext())
                        .update()
                == 1;
    }

    @Override
    public List<Claimed> claimDue(Instant now, Duration lease, String claimedBy, int limit) {
        String token = Ids.newId();
        // a SENDING row whose lease ran out is due again: its instance died or lost the database mid-send
        return jdbc.sql("""
                        UPDATE deliveries SET status = 'SENDING', claim_token = ?, claimed_by = ?,
                                              next_attempt_at = ?, updated_at = ?
                        WHERE id IN (SELECT id FROM deliveries
                                     WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?
                                     ORDER BY next_attempt_at, id
                                     LIMIT ?
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .params(UUID.fromString(token), claimedBy, at(now.plus(lease)), at(now), at(now), limit)
                .query((rs, n) -> new Claimed(ROW.mapRow(rs, n), token))
                .list();
    }

    @Override
    public boolean finish(Notification d, String claimToken) {
        boolean released = d.status() != NotificationStatus.SENDING;
        return jdbc.sql("""
                        UPDATE deliveries SET status = ?, attempts = ?, failures = ?, parts_sent = ?,
                                              provider_message_id = ?, last_error = ?, next_attempt_at = ?,
                                              address = ?, updated_at = ?, sent_at = ?,
                                              claim_token = CASE WHEN ? THEN NULL ELSE claim_token END,
                                              claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END
                        WHERE id = ? AND claim_token = ? AND status = 'SENDING'""")
                        .params(
                                d.status().name(),
                                d.attempts(),
                                d.failures(),
                                d.partsSent(),
                                d.providerMessageId(),
                                d.lastError(),
                                at(d.nextAttemptAt()),
                                d.address(),
                                at(d.updatedAt()),
                                at(d.sentAt()),
                                released,
                                released,
                                UUID.fromString(d.id()),
                                UUID.fromString(claimToken))
                        .update()
                == 1;
    }

    @Override
    public int moveAddress(String channel, String from, String to, Instant now) {
        return jdbc.sql("""
                        UPDATE deliveries SET address = ?, updated_at = ?
                        WHERE channel = ? AND address = ? AND status IN ('PENDING', 'SENDING')""").params(to, at(now), channel, from).update();
    }

    @Override
    public Optional<Notification> find(String id) {
        return rows.find("id = ?", UUID.fromString(id));
    }

    @Override
    public List<Notification> page(NotificationFilter filter, String before, int limit) {
        return NewestFirst.select(COLUMNS, "deliveries")
                .where("status = ?", filter.status(), Enum::name)
                .where("order_id = ?", filter.orderId())
                .where("recipient_id = ?", filter.recipientId(), UUID::fromString)
                .where("webhook_id = ?", filter.webhookId())
                .page(jdbc, before == null ? null : UUID.fromString(before), limit, ROW);
    }

    @Override
    public long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE status IN ('PENDING', 'SENDING')")
                .query(Long.class)
                .single();
    }

    @Override
    public int purgeEnded(Instant before, int limit) {
        // ids are UUIDv7: a delivery that ended before the cut was created before it, a range of the primary key
        return jdbc.sql("""
                        DELETE FROM deliveries WHERE id IN (
                            SELECT id FROM deliveries
                            WHERE id < :bound AND status IN ('SENT', 'FAILED', 'SKIPPED') AND updated_at < :before
                            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .param("bound", UUID.fromString(Ids.lowestAt(before)))
                .param("before", at(before))
                .param("limit", limit)
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
