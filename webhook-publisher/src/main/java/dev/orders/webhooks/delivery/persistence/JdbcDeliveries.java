package dev.orders.webhooks.delivery.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.AttemptOutcome;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.Deliveries;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryFilter;
import dev.orders.webhooks.delivery.DeliveryStatus;
import dev.orders.webhooks.delivery.WebhookEvent;
import dev.orders.infra.persistence.NewestFirst;

@Component
class JdbcDeliveries implements Deliveries {

    private static final int MAX_TEXT = 4000;
    private static final String COLUMNS = "id, event_id, subscription_id, event_type, status, attempts, "
            + "round_attempts, replays, next_attempt_at, last_status, last_error, created_at, updated_at, "
            + "completed_at";
    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getString("id"),
            rs.getString("event_id"), rs.getString("subscription_id"), rs.getString("event_type"),
            DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("round_attempts"),
            rs.getInt("replays"), instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status"),
            rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
            instant(rs, "completed_at"));
    private static final RowMapper<Attempt> ATTEMPT = (rs, n) -> new Attempt(rs.getString("delivery_id"),
            rs.getInt("number"), AttemptOutcome.valueOf(rs.getString("outcome")), instant(rs, "attempted_at"),
            rs.getLong("webhook_timestamp"), rs.getString("url"), (Integer) rs.getObject("http_status"),
            (Long) rs.getObject("duration_ms"), rs.getString("response_body"), rs.getString("error"));
    private static final RowMapper<WebhookEvent> EVENT = (rs, n) -> new WebhookEvent(rs.getString("id"),
            rs.getString("type"), instant(rs, "occurred_at"), instant(rs, "received_at"), rs.getString("payload"));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    JdbcDeliveries(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public boolean insertEvent(WebhookEvent e) {
        return jdbc.sql("""
                        INSERT INTO events (id, type, occurred_at, received_at, payload) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(e.id(), e.type(), at(e.occurredAt()), at(e.receivedAt()), e.payload())
                .update() == 1;
    }

    @Override
    public boolean insert(Delivery d) {
        return jdbc.sql("INSERT INTO deliveries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT ON CONSTRAINT deliveries_one_per_event_and_subscription DO NOTHING")
                .params(d.id(), d.eventId(), d.subscriptionId(), d.eventType(), d.status().name(), d.attempts(),
                        d.roundAttempts(), d.replays(), at(d.nextAttemptAt()), d.lastStatus(), d.lastError(),
                        at(d.createdAt()), at(d.updatedAt()), at(d.completedAt()))
                .update() == 1;
    }

    @Override
    public Optional<WebhookEvent> event(String id) {
        return jdbc.sql("SELECT id, type, occurred_at, received_at, payload FROM events WHERE id = ?").param(id)
                .query(EVENT).optional();
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Duration lease, String leaseToken, int limit,
                                          int perSubscription, Collection<String> skipSubscriptions) {
        if (limit <= 0) {
            return List.of();
        }
        // at most perSubscription from each subscription keeps one backlog from filling the whole batch; the lateral
        // read stops after those rows (index deliveries_due_by_subscription), so a large backlog does not make every
        // claim slower; the row locks (SKIP LOCKED) keep two instances from claiming the same delivery
        // planned for this call's parameters and the tables as they are now: a generic plan cached while the table
        // was small (or never analysed, when autovacuum is off) can walk the whole queue on every claim
        return tx.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return claim(now, lease, leaseToken, limit, perSubscription, skipSubscriptions);
        });
    }

    private List<ClaimedDelivery> claim(Instant now, Duration lease, String leaseToken, int limit,
                                        int perSubscription, Collection<String> skipSubscriptions) {
        return jdbc.sql("""
                        WITH picked AS (
                            SELECT d.id, d.had_lease, s.version
                            FROM subscriptions s
                            CROSS JOIN LATERAL (
                                SELECT dd.id, dd.next_attempt_at, dd.lease_until IS NOT NULL AS had_lease
                                FROM deliveries dd
                                WHERE dd.subscription_id = s.id AND dd.status = 'PENDING'
                                  AND dd.next_attempt_at <= :now
                                  AND (dd.lease_until IS NULL OR dd.lease_until <= :now)
                                ORDER BY dd.next_attempt_at, dd.id
                                LIMIT :perSubscription
                                FOR UPDATE OF dd SKIP LOCKED
                            ) d
                            WHERE NOT (s.id = ANY (string_to_array(:skip, ',')))
                            ORDER BY d.next_attempt_at, d.id
                            LIMIT :limit
                        )
                        UPDATE deliveries SET lease_token = :token, lease_until = :leaseUntil
                        FROM picked, events e
                        WHERE deliveries.id = picked.id AND e.id = deliveries.event_id
                        RETURNING deliveries.id, deliveries.subscription_id, deliveries.event_id,
                                  deliveries.event_type, deliveries.round_attempts, e.payload, picked.version,
                                  picked.had_lease""")
                .param("now", at(now))
                .param("skip", String.join(",", skipSubscriptions))
                .param("perSubscription", perSubscription)
                .param("limit", limit)
                .param("token", leaseToken)
                .param("leaseUntil", at(now.plus(lease)))
                .query((rs, n) -> new ClaimedDelivery(rs.getString("id"), rs.getString("subscription_id"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getString("payload"),
                        rs.getInt("round_attempts"), leaseToken, rs.getLong("version"), rs.getBoolean("had_lease")))
                .list();
    }

    @Override
    public void release(ClaimedDelivery claim) {
        jdbc.sql("UPDATE deliveries SET lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ?")
                .params(claim.id(), claim.leaseToken())
                .update();
    }

    @Override
    public int abandonInFlight(String deliveryId, Instant at, String error) {
        return jdbc.sql("UPDATE delivery_attempts SET outcome = 'ABANDONED', error = ? "
                        + "WHERE delivery_id = ? AND outcome = 'IN_FLIGHT'")
                .params(error, deliveryId)
                .update();
    }

    @Override
    public OptionalInt beginAttempt(ClaimedDelivery claim, Instant at, long webhookTimestamp, String url) {
        // one statement: the count and the IN_FLIGHT row are written together or not at all
        return jdbc.sql("""
                        WITH counted AS (
                            UPDATE deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1,
                                   updated_at = :at
                            WHERE id = :id AND lease_token = :token AND status = 'PENDING'
                            RETURNING id, attempts
                        )
                        INSERT INTO delivery_attempts (delivery_id, number, outcome, attempted_at, webhook_timestamp, url)
                        SELECT id, attempts, 'IN_FLIGHT', :at, :timestamp, :url FROM counted
                        RETURNING number""")
                .param("at", at(at))
                .param("id", claim.id())
                .param("token", claim.leaseToken())
                .param("timestamp", webhookTimestamp)
                .param("url", url)
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElseGet(OptionalInt::empty);
    }

    @Override
    public boolean succeed(ClaimedDelivery claim, int number, int httpStatus, long durationMillis,
                           String responseBody, Instant at) {
        // one statement instead of a transaction of three: the attempt's outcome, the delivery's, and the end of
        // the subscription's failure streak (written only when there is one)
        return jdbc.sql("""
                        WITH attempt AS (
                            UPDATE delivery_attempts SET outcome = 'SUCCEEDED', http_status = :status,
                                   duration_ms = :duration, response_body = :body, error = NULL
                            WHERE delivery_id = :id AND number = :number
                        ), done AS (
                            UPDATE deliveries SET status = 'SUCCEEDED', next_attempt_at = NULL, last_status = :status,
                                   last_error = NULL, updated_at = :at, completed_at = :at, lease_token = NULL,
                                   lease_until = NULL
                            WHERE id = :id AND lease_token = :token AND status = 'PENDING'
                            RETURNING subscription_id
                        ), streak AS (
                            UPDATE subscriptions SET consecutive_failures = 0, version = version + 1
                            WHERE id IN (SELECT subscription_id FROM done) AND consecutive_failures <> 0
                        )
                        SELECT COUNT(*) FROM done""")
                .param("status", httpStatus)
                .param("duration", durationMillis)
                .param("body", clean(responseBody))
                .param("id", claim.id())
                .param("number", number)
                .param("at", at(at))
                .param("token", claim.leaseToken())
                .query(Long.class)
                .single() == 1;
    }

    @Override
    public void finishAttempt(String deliveryId, int number, AttemptOutcome outcome, Integer httpStatus,
                              long durationMillis, String responseBody, String error) {
        jdbc.sql("""
                        UPDATE delivery_attempts SET outcome = ?, http_status = ?, duration_ms = ?, response_body = ?,
                               error = ?
                        WHERE delivery_id = ? AND number = ?""")
                .params(outcome.name(), httpStatus, durationMillis, clean(responseBody), clean(error), deliveryId,
                        number)
                .update();
    }

    @Override
    public boolean reschedule(ClaimedDelivery claim, Instant nextAttemptAt, Integer lastStatus, String lastError,
                              Instant at) {
        return jdbc.sql("""
                        UPDATE deliveries SET next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = ?,
                               lease_token = NULL, lease_until = NULL
                        WHERE id = ? AND lease_token = ? AND status = 'PENDING'""")
                .params(at(nextAttemptAt), lastStatus, clean(lastError), at(at), claim.id(), claim.leaseToken())
                .update() == 1;
    }

    @Override
    public boolean complete(ClaimedDelivery claim, DeliveryStatus status, Integer lastStatus, String lastError,
                            Instant at) {
        return jdbc.sql("""
                        UPDATE deliveries SET status = ?, next_attempt_at = NULL, last_status = ?, last_error = ?,
                               updated_at = ?, completed_at = ?, lease_token = NULL, lease_until = NULL
                        WHERE id = ? AND lease_token = ? AND status = 'PENDING'""")
                .params(status.name(), lastStatus, clean(lastError), at(at), at(at), claim.id(), claim.leaseToken())
                .update() == 1;
    }

    @Override
    public Optional<Delivery> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE id = ?").param(id).query(DELIVERY).optional();
    }

    @Override
    public List<Attempt> attempts(String deliveryId) {
        return jdbc.sql("SELECT delivery_id, number, outcome, attempted_at, webhook_timestamp, url, http_status, "
                        + "duration_ms, response_body, error FROM delivery_attempts WHERE delivery_id = ? "
                        + "ORDER BY number")
                .param(deliveryId).query(ATTEMPT).list();
    }

    @Override
    public List<Delivery> page(DeliveryFilter filter, String cursor, int limit) {
        return NewestFirst.select(COLUMNS, "deliveries")
                .where("subscription_id = ?", filter.subscriptionId())
                .where("event_type = ?", filter.eventType())
                .where("status = ?", filter.status(), Enum::name)
                .where("created_at >= ?", filter.from(), JdbcDeliveries::at)
                .where("created_at < ?", filter.to(), JdbcDeliveries::at)
                .page(jdbc, cursor, limit, DELIVERY);
    }

    @Override
    public boolean replay(String id, Instant at) {
        return jdbc.sql(REPLAY + " WHERE id = ? AND status IN ('SUCCEEDED', 'FAILED')")
                .params(at(at), at(at), id)
                .update() == 1;
    }

    @Override
    public int replayFailed(String subscriptionId, Instant since, Instant at) {
        return jdbc.sql(REPLAY + " WHERE subscription_id = ? AND status = 'FAILED' AND created_at >= ?")
                .params(at(at), at(at), subscriptionId, at(since))
                .update();
    }

    private static final String REPLAY = """
            UPDATE deliveries SET status = 'PENDING', round_attempts = 0, replays = replays + 1,
                   next_attempt_at = ?, updated_at = ?, completed_at = NULL, lease_token = NULL, lease_until = NULL""";

    @Override
    public long backlog() {
        return jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE status = 'PENDING'").query(Long.class).single();
    }

    /** PostgreSQL text cannot hold NUL, and the history keeps a bounded amount of what a receiver sent. */
    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String out = text.indexOf('\u0000') >= 0 ? text.replace('\u0000', '\uFFFD') : text;
        return out.length() <= MAX_TEXT ? out : out.substring(0, MAX_TEXT);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
