package dev.orders.webhooks.subscription.persistence;

import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.TableRows;
import dev.orders.webhooks.subscription.SigningSecrets;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.SubscriptionChanges;
import dev.orders.webhooks.subscription.Subscriptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
class JdbcSubscriptions implements Subscriptions {

    private static final JsonMapper JSON = WireJson.mapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "id, url, event_types, description, enabled, disabled_reason, disabled_at, "
            + "consecutive_failures, secret, previous_secret, previous_secret_expires_at, created_at, updated_at, "
            + "deleted_at";
    private static final RowMapper<Subscription> ROW = (rs, n) -> new Subscription(
            rs.getString("id"),
            rs.getString("url"),
            JSON.readValue(rs.getString("event_types"), STRINGS),
            rs.getString("description"),
            rs.getBoolean("enabled"),
            rs.getString("disabled_reason"),
            instant(rs, "disabled_at"),
            rs.getInt("consecutive_failures"),
            new SigningSecrets(
                    rs.getString("secret"), rs.getString("previous_secret"), instant(rs, "previous_secret_expires_at")),
            instant(rs, "created_at"),
            instant(rs, "updated_at"),
            instant(rs, "deleted_at"));

    private final JdbcClient jdbc;
    private final TableRows<Subscription> rows;

    JdbcSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new TableRows<>(jdbc, "subscriptions", COLUMNS, ROW);
    }

    @Override
    public void insert(Subscription s) {
        rows.insert(
                s.id(),
                s.url(),
                JSON.writeValueAsString(s.eventTypes()),
                s.description(),
                s.enabled(),
                s.disabledReason(),
                at(s.disabledAt()),
                s.consecutiveFailures(),
                s.secrets().current(),
                s.secrets().previous(),
                at(s.secrets().previousExpiresAt()),
                at(s.createdAt()),
                at(s.updatedAt()),
                at(s.deletedAt()));
    }

    @Override
    public Optional<Subscription> find(String id) {
        return rows.find("id = ? AND deleted_at IS NULL", id);
    }

    @Override
    public Optional<Subscription> findIncludingDeleted(String id) {
        return rows.find("id = ?", id);
    }

    @Override
    public List<Subscription> page(String cursor, int limit) {
        return cursor == null
                ? rows.list("deleted_at IS NULL ORDER BY id DESC LIMIT ?", limit)
                : rows.list("deleted_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?", cursor, limit);
    }

    @Override
    public List<Subscription> enabled() {
        return rows.list("enabled AND deleted_at IS NULL ORDER BY id");
    }

    @Override
    public boolean update(String id, SubscriptionChanges changes, Instant at) {
        StringBuilder sql = new StringBuilder("UPDATE subscriptions SET updated_at = ?, version = version + 1");
        List<Object> params = new ArrayList<>();
        params.add(at(at));
        if (changes.url() != null) {
            sql.append(", url = ?");
            params.add(changes.url());
        }
        if (changes.eventTypes() != null) {
            sql.append(", event_types = ?");
            params.add(JSON.writeValueAsString(changes.eventTypes()));
        }
        if (changes.descriptionSet()) {
            sql.append(", description = ?");
            params.add(changes.description());
        }
        if (Boolean.TRUE.equals(changes.enabled())) {
            // only a disabled subscription changes: enabling an enabled one keeps its failure streak
            sql.append(", consecutive_failures = CASE WHEN enabled THEN consecutive_failures ELSE 0 END")
                    .append(", enabled = TRUE, disabled_reason = NULL, disabled_at = NULL");
        } else if (Boolean.FALSE.equals(changes.enabled())) {
            sql.append(", disabled_reason = CASE WHEN enabled THEN 'disabled by an administrator' "
                            + "ELSE disabled_reason END")
                    .append(", disabled_at = CASE WHEN enabled THEN ? ELSE disabled_at END, enabled = FALSE");
            params.add(at(at));
        }
        sql.append(" WHERE id = ? AND deleted_at IS NULL");
        params.add(id);
        return jdbc.sql(sql.toString()).params(params).update() == 1;
    }

    @Override
    public boolean rotate(String id, String expectedCurrent, SigningSecrets secrets, Instant at) {
        return jdbc.sql("""
                        UPDATE subscriptions SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?,
                               updated_at = ?, version = version + 1
                        WHERE id = ? AND secret = ? AND deleted_at IS NULL""")
                        .params(
                                secrets.current(),
                                secrets.previous(),
                                at(secrets.previousExpiresAt()),
                                at(at),
                                id,
                                expectedCurrent)
                        .update()
                == 1;
    }

    @Override
    public boolean delete(String id, Instant at) {
        return jdbc.sql("UPDATE subscriptions SET deleted_at = ?, enabled = FALSE, updated_at = ?, "
                                + "version = version + 1 "
                                + "WHERE id = ? AND deleted_at IS NULL")
                        .params(at(at), at(at), id)
                        .update()
                == 1;
    }

    @Override
    public boolean recordFailedDelivery(String id, int disableAfter, Instant at) {
        return jdbc.sql("""
                        WITH before AS (SELECT id, enabled FROM subscriptions WHERE id = :id FOR UPDATE)
                        UPDATE subscriptions s SET
                               consecutive_failures = s.consecutive_failures + 1, version = s.version + 1,
                               enabled = CASE WHEN :reached THEN FALSE ELSE s.enabled END,
                               disabled_reason = CASE WHEN :reached THEN :reason ELSE s.disabled_reason END,
                               disabled_at = CASE WHEN :reached THEN :at ELSE s.disabled_at END,
                               updated_at = CASE WHEN :reached THEN :at ELSE s.updated_at END
                        FROM before b
                        WHERE s.id = b.id
                        RETURNING b.enabled AND NOT s.enabled AS disabled_now""".replace(":reached", "(:limit > 0 AND s.enabled AND s.consecutive_failures + 1 >= :limit)"))
                .param("id", id)
                .param("limit", disableAfter)
                .param("reason", "disabled automatically after " + disableAfter + " failed deliveries in a row")
                .param("at", at(at))
                .query((rs, n) -> rs.getBoolean("disabled_now"))
                .optional()
                .orElse(false);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
