package dev.orders.webhooks.delivery.persistence;

import static dev.orders.infra.persistence.SqlArrays.integers;
import static dev.orders.infra.persistence.SqlArrays.longs;
import static dev.orders.infra.persistence.SqlArrays.text;
import static dev.orders.infra.persistence.SqlArrays.texts;

import dev.orders.infra.ids.Ids;
import dev.orders.infra.persistence.NewestFirst;
import dev.orders.infra.persistence.TableRows;
import dev.orders.webhooks.delivery.Attempt;
import dev.orders.webhooks.delivery.AttemptOutcome;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryStatus;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.delivery.WebhookEvent;
import dev.orders.webhooks.delivery.dispatch.DeliveryQueue;
import dev.orders.webhooks.delivery.history.DeliveryFilter;
import dev.orders.webhooks.delivery.history.DeliveryLog;
import dev.orders.webhooks.delivery.history.HistoryPurge;
import dev.orders.webhooks.delivery.intake.EventStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery engine's tables ({@code events}, {@code deliveries}, {@code delivery_attempts}) behind every port
 * that reads or writes them: one class, so that statements sharing row mappers and helpers stay side by side.
 */
@Component
class JdbcDeliveries implements EventStore, DeliveryQueue, DeliveryLog, HistoryPurge {

    private static final int MAX_TEXT = 4000;
    private static final String COLUMNS = "id, event_id, subscription_id, event_type, status, attempts, "
            + "round_attempts, replays, next_attempt_at, last_status, last_error, created_at, updated_at, "
            + "completed_at";
    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(
            rs.getString("id"),
            rs.getString("event_id"),
            rs.getString("subscription_id"),
            rs.getString("event_type"),
            DeliveryStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            rs.getInt("round_attempts"),
            rs.getInt("replays"),
            instant(rs, "next_attempt_at"),
            (Integer) rs.getObject("last_status"),
            rs.getString("last_error"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"),
            instant(rs, "completed_at"));
    private static final RowMapper<Attempt> ATTEMPT = (rs, n) -> new Attempt(
            rs.getString("delivery_id"),
            rs.getInt("number"),
            AttemptOutcome.valueOf(rs.getString("outcome")),
            instant(rs, "attempted_at"),
            rs.getLong("webhook_timestamp"),
            rs.getString("url"),
            (Integer) rs.getObject("http_status"),
            (Long) rs.getObject("duration_ms"),
            rs.getString("response_body"),
            rs.getString("error"));
    private static final RowMapper<WebhookEvent> EVENT = (rs, n) -> new WebhookEvent(
            rs.getString("id"),
            rs.getString("type"),
            instant(rs, "occurred_at"),
            instant(rs, "received_at"),
            rs.getString("payload"),
            rs.getString("trace_context"));

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TableRows<Delivery> deliveryRows;
    private final TableRows<WebhookEvent> eventRows;

    JdbcDeliveries(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.deliveryRows = new TableRows<>(jdbc, "deliveries", COLUMNS, DELIVERY);
        this.eventRows =
                new TableRows<>(jdbc, "events", "id, type, occurred_at, received_at, payload, trace_context", EVENT);
    }

    @Override
    public Set<String> insertEvents(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        // one statement for the whole batch: arrays unnested into rows
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO events (id, type, occurred_at, received_at, payload, trace_context)
                        SELECT * FROM unnest(:ids, :types, CAST(:occurred AS timestamptz[]),
                                             CAST(:received AS timestamptz[]), :payloads, :traceContexts)
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id""")
                .param("ids", texts(events, WebhookEvent::id))
                .param("types", texts(events, WebhookEvent::type))
                .param("occurred", texts(events, e -> text(e.occurredAt())))
                .param("received", texts(events, e -> text(e.receivedAt())))
                .param("payloads", texts(events, WebhookEvent::payload))
                .param("traceContexts", texts(events, WebhookEvent::traceContext))
                .query(String.class)
                .list());
    }

    @Override
    public Set<String> insertDeliveries(
            List<Delivery> rows, Map<String, FirstAttempt> begun, String leaseToken, Instant leaseUntil) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        String until = text(leaseUntil);
        List<Map.Entry<String, FirstAttempt>> first = List.copyOf(begun.entrySet());
        // one statement: the deliveries, and attempt 1 of those this process sends at once (only where the delivery
        // was stored: a duplicate stores neither)
        return new HashSet<>(jdbc.sql(
                        "WITH stored AS (INSERT INTO deliveries (" + COLUMNS + ", lease_token, lease_until) " + """
                        SELECT * FROM unnest(:ids, :eventIds, :subscriptionIds, :types, :statuses, :attempts, :rounds,
                                             :replays, CAST(:nextAttemptAt AS timestamptz[]), :lastStatuses,
                                             :lastErrors, CAST(:createdAt AS timestamptz[]),
                                             CAST(:updatedAt AS timestamptz[]), CAST(:completedAt AS timestamptz[]),
                                             :leaseTokens, CAST(:leaseUntil AS timestamptz[]))
                        ON CONFLICT ON CONSTRAINT deliveries_one_per_event_and_subscription DO NOTHING
                        RETURNING id
                        ), begun AS (
                            INSERT INTO delivery_attempts (delivery_id, number, outcome, attempted_at,
                                                           webhook_timestamp, url)
                            SELECT f.id, 1, 'IN_FLIGHT', f.at, f.webhook_timestamp, f.url
                            FROM unnest(:firstIds, CAST(:firstAts AS timestamptz[]), :firstTimestamps, :firstUrls)
                                AS f(id, at, webhook_timestamp, url)
                            JOIN stored ON stored.id = f.id
                        )
                        SELECT id FROM stored""")
                .param("ids", texts(rows, Delivery::id))
                .param("eventIds", texts(rows, Delivery::eventId))
                .param("subscriptionIds", texts(rows, Delivery::subscriptionId))
                .param("types", texts(rows, Delivery::eventType))
                .param("statuses", texts(rows, d -> d.status().name()))
                .param("attempts", integers(rows, d -> begun.containsKey(d.id()) ? 1 : d.attempts()))
                .param("rounds", integers(rows, d -> begun.containsKey(d.id()) ? 1 : d.roundAttempts()))
                .param("replays", integers(rows, Delivery::replays))
                .param("nextAttemptAt", texts(rows, d -> text(d.nextAttemptAt())))
                .param("lastStatuses", integers(rows, Delivery::lastStatus))
                .param("lastErrors", texts(rows, Delivery::lastError))
                .param("createdAt", texts(rows, d -> text(d.createdAt())))
                .param(
                        "updatedAt",
                        texts(
                                rows,
                                d -> text(
                                        begun.containsKey(d.id())
                                                ? begun.get(d.id()).at()
                                                : d.updatedAt())))
                .param("completedAt", texts(rows, d -> text(d.completedAt())))
                .param("leaseTokens", texts(rows, d -> begun.containsKey(d.id()) ? leaseToken : null))
                .param("leaseUntil", texts(rows, d -> begun.containsKey(d.id()) ? until : null))
                .param("firstIds", texts(first, Map.Entry::getKey))
                .param("firstAts", texts(first, e -> text(e.getValue().at())))
                .param("firstTimestamps", longs(first, e -> e.getValue().webhookTimestamp()))
                .param("firstUrls", texts(first, e -> e.getValue().url()))
                .query(String.class)
                .list());
    }

    @Override
    public Optional<WebhookEvent> event(String id) {
        return eventRows.find("id = ?", id);
    }

    @Override
    public List<ClaimedDelivery> claimDue(
            Instant now,
            Duration lease,
            String leaseToken,
            int limit,
            int perSubscription,
            Map<String, Integer> freeBySubscription) {
        if (limit <= 0) {
            return List.of();
        }
        return dispatcherWork(() -> claim(now, lease, leaseToken, limit, perSubscription, freeBySubscription));
    }

    private List<ClaimedDelivery> claim(
            Instant now,
            Duration lease,
            String leaseToken,
            int limit,
            int perSubscription,
            Map<String, Integer> freeBySubscription) {
        // at most what each subscription has free keeps one backlog from filling the whole batch and leaves nothing
        // to give back; the lateral read stops after those rows (index deliveries_due_by_subscription), so a large
        // backlog does not make every claim slower; the row locks (SKIP LOCKED) keep two instances from claiming
        // the same delivery
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
                                LIMIT COALESCE((CAST(:free AS jsonb) ->> s.id)::int, :perSubscription)
                                FOR UPDATE OF dd SKIP LOCKED
                            ) d
                            ORDER BY d.next_attempt_at, d.id
                            LIMIT :limit
                        )
                        UPDATE deliveries SET lease_token = :token, lease_until = :leaseUntil
                        FROM picked, events e
                        WHERE deliveries.id = picked.id AND e.id = deliveries.event_id
                        RETURNING deliveries.id, deliveries.subscription_id, deliveries.event_id,
                                  deliveries.event_type, deliveries.round_attempts, e.payload, picked.version,
                                  picked.had_lease, e.trace_context""")
                .param("now", at(now))
                .param("free", freeJson(freeBySubscription))
                .param("perSubscription", perSubscription)
                .param("limit", limit)
                .param("token", leaseToken)
                .param("leaseUntil", at(now.plus(lease)))
                .query((rs, n) -> new ClaimedDelivery(
                        rs.getString("id"),
                        rs.getString("subscription_id"),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getInt("round_attempts"),
                        leaseToken,
                        rs.getLong("version"),
                        rs.getBoolean("had_lease"),
                        rs.getString("trace_context")))
                .list();
    }

    /** Subscription ids are UUIDs; quotes and backslashes, which would break the JSON, are dropped all the same. */
    private static String freeJson(Map<String, Integer> freeBySubscription) {
        StringBuilder json = new StringBuilder("{");
        freeBySubscription.forEach((id, free) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"')
                    .append(id.replace("\\", "").replace("\"", ""))
                    .append("\":")
                    .append(Math.max(0, free));
        });
        return json.append('}').toString();
    }

    /**
     * The dispatcher's own writes commit without waiting for the WAL to reach the disk: should PostgreSQL itself
     * crash, the last few of them may be lost, which only means a webhook is sent again (receivers deduplicate by
     * webhook-id); events and deliveries made from a message stay synchronous, since the message is acknowledged on
     * that commit. Each statement is also planned for its own parameters and joins a batch by key only, so a plan
     * made while the tables were small, or a hash join over the whole table, never takes over under load (see
     * docs/architecture.md, Decisions).
     */
    private <T> T dispatcherWork(Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('synchronous_commit', 'off', true), "
                            + "set_config('plan_cache_mode', 'force_custom_plan', true), "
                            + "set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)")
                    .query((RowCallbackHandler) rs -> {});
            return work.get();
        });
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
    public List<OptionalInt> beginAttempts(List<AttemptStart> starts) {
        if (starts.isEmpty()) {
            return List.of();
        }
        // one statement: each count and its IN_FLIGHT row are written together or not at all. The lease token alone
        // fences the rows: only a claim of a PENDING delivery sets it and every way out of PENDING clears it; a
        // "status = 'PENDING'" here would let the planner, misled by statistics that lag behind a growing backlog,
        // read every pending row through the due index instead of looking up the batch's ids
        Map<String, Integer> numbers = dispatcherWork(() -> jdbc.sql("""
                        WITH started AS (
                            SELECT * FROM unnest(:ids, :tokens, CAST(:ats AS timestamptz[]), :timestamps, :urls)
                                AS s(id, token, at, webhook_timestamp, url)
                        ), counted AS (
                            UPDATE deliveries d SET attempts = d.attempts + 1, round_attempts = d.round_attempts + 1,
                                   updated_at = s.at
                            FROM started s
                            WHERE d.id = s.id AND d.lease_token = s.token
                            RETURNING d.id, d.attempts, s.at, s.webhook_timestamp, s.url
                        )
                        INSERT INTO delivery_attempts (delivery_id, number, outcome, attempted_at, webhook_timestamp, url)
                        SELECT id, attempts, 'IN_FLIGHT', at, webhook_timestamp, url FROM counted
                        RETURNING delivery_id, number""")
                        .param("ids", texts(starts, s -> s.claim().id()))
                        .param("tokens", texts(starts, s -> s.claim().leaseToken()))
                        .param("ats", texts(starts, s -> text(s.at())))
                        .param("timestamps", longs(starts, AttemptStart::webhookTimestamp))
                        .param("urls", texts(starts, AttemptStart::url))
                        .query((rs, n) -> Map.entry(rs.getString("delivery_id"), rs.getInt("number")))
                        .list())
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<OptionalInt> out = new ArrayList<>(starts.size());
        for (AttemptStart start : starts) {
            Integer number = numbers.get(start.claim().id());
            out.add(number == null ? OptionalInt.empty() : OptionalInt.of(number));
        }
        return out;
    }

    @Override
    public Set<String> succeed(List<AttemptSuccess> successes) {
        if (successes.isEmpty()) {
            return Set.of();
        }
        // one statement for the batch: the attempts' outcomes, the deliveries', and the end of their subscriptions'
        // failure streaks (written only where there is one); fenced by the lease token alone, as in beginAttempts
        return dispatcherWork(() -> new HashSet<>(jdbc.sql("""
                        WITH succeeded AS (
                            SELECT * FROM unnest(:ids, :tokens, :numbers, :statuses, :durations, :bodies,
                                                 CAST(:ats AS timestamptz[]))
                                AS s(id, token, number, status, duration, body, at)
                        ), attempt AS (
                            UPDATE delivery_attempts a SET outcome = 'SUCCEEDED', http_status = s.status,
                                   duration_ms = s.duration, response_body = s.body, error = NULL
                            FROM succeeded s
                            WHERE a.delivery_id = s.id AND a.number = s.number
                        ), done AS (
                            UPDATE deliveries d SET status = 'SUCCEEDED', next_attempt_at = NULL, last_status = s.status,
                                   last_error = NULL, updated_at = s.at, completed_at = s.at, lease_token = NULL,
                                   lease_until = NULL
                            FROM succeeded s
                            WHERE d.id = s.id AND d.lease_token = s.token
                            RETURNING d.id, d.subscription_id
                        ), streak AS (
                            UPDATE subscriptions SET consecutive_failures = 0, version = version + 1
                            WHERE id IN (SELECT subscription_id FROM done) AND consecutive_failures <> 0
                        )
                        SELECT id FROM done""")
                .param("ids", texts(successes, s -> s.claim().id()))
                .param("tokens", texts(successes, s -> s.claim().leaseToken()))
                .param("numbers", integers(successes, AttemptSuccess::number))
                .param("statuses", integers(successes, AttemptSuccess::httpStatus))
                .param("durations", longs(successes, AttemptSuccess::durationMillis))
                .param("bodies", texts(successes, s -> clean(s.responseBody())))
                .param("ats", texts(successes, s -> text(s.at())))
                .query(String.class)
                .list()));
    }

    @Override
    public void finishAttempt(
            String deliveryId,
            int number,
            AttemptOutcome outcome,
            Integer httpStatus,
            long durationMillis,
            String responseBody,
            String error) {
        jdbc.sql("""
                        UPDATE delivery_attempts SET outcome = ?, http_status = ?, duration_ms = ?, response_body = ?,
                               error = ?
                        WHERE delivery_id = ? AND number = ?""")
                .params(
                        outcome.name(),
                        httpStatus,
                        durationMillis,
                        clean(responseBody),
                        clean(error),
                        deliveryId,
                        number)
                .update();
    }

    @Override
    public boolean reschedule(
            ClaimedDelivery claim, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant at) {
        return jdbc.sql("""
                        UPDATE deliveries SET next_attempt_at = ?, last_status = ?, last_error = ?, updated_at = ?,
                               lease_token = NULL, lease_until = NULL
                        WHERE id = ? AND lease_token = ? AND status = 'PENDING'""")
                        .params(at(nextAttemptAt), lastStatus, clean(lastError), at(at), claim.id(), claim.leaseToken())
                        .update()
                == 1;
    }

    @Override
    public boolean complete(
            ClaimedDelivery claim, DeliveryStatus status, Integer lastStatus, String lastError, Instant at) {
        return jdbc.sql("""
                        UPDATE deliveries SET status = ?, next_attempt_at = NULL, last_status = ?, last_error = ?,
                               updated_at = ?, completed_at = ?, lease_token = NULL, lease_until = NULL
                        WHERE id = ? AND lease_token = ? AND status = 'PENDING'""")
                        .params(
                                status.name(),
                                lastStatus,
                                clean(lastError),
                                at(at),
                                at(at),
                                claim.id(),
                                claim.leaseToken())
                        .update()
                == 1;
    }

    @Override
    public Optional<Delivery> find(String id) {
        return deliveryRows.find("id = ?", id);
    }

    @Override
    public List<Attempt> attempts(String deliveryId) {
        return jdbc.sql("SELECT delivery_id, number, outcome, attempted_at, webhook_timestamp, url, http_status, "
                        + "duration_ms, response_body, error FROM delivery_attempts WHERE delivery_id = ? "
                        + "ORDER BY number")
                .param(deliveryId)
                .query(ATTEMPT)
                .list();
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
                        .update()
                == 1;
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
        return jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE status = 'PENDING'")
                .query(Long.class)
                .single();
    }

    @Override
    public void vacuum() {
        // outside any transaction (VACUUM cannot run in one): the pool's connections autocommit
        jdbc.sql("VACUUM (SKIP_LOCKED) deliveries").update();
    }

    @Override
    public List<String> purgeFinished(Instant before, String after, int limit) {
        // ids are UUIDv7: a delivery that finished before the cut was created before it too, so the walk is a range
        // of the primary key from the oldest, not a read of the whole table. Attempts and deliveries go in one
        // statement (the foreign key is checked at its end); rows another transaction holds are left for next time
        return jdbc
                .sql("""
                        WITH old AS (
                            SELECT id FROM deliveries
                            WHERE id > :after AND id < :bound AND status IN ('SUCCEEDED', 'FAILED')
                              AND completed_at < :before
                            ORDER BY id
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED
                        ), attempts AS (
                            DELETE FROM delivery_attempts a USING old WHERE a.delivery_id = old.id
                        )
                        DELETE FROM deliveries d USING old WHERE d.id = old.id
                        RETURNING d.id""")
                .param("after", after == null ? "" : after)
                .param("bound", Ids.lowestAt(before))
                .param("before", at(before))
                .param("limit", limit)
                .query(String.class)
                .list()
                .stream()
                .sorted()
                .toList();
    }

    @Override
    public int purgeEvents(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM events WHERE id IN (
                            SELECT e.id FROM events e
                            WHERE e.received_at < :before
                              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)""").param("before", at(before)).param("limit", limit).update();
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
