package dev.orders.edge.notifier.persistence;

import dev.orders.edge.notifier.Recipient;
import dev.orders.edge.notifier.RecipientKind;
import dev.orders.edge.notifier.Recipients;
import dev.orders.infra.ids.Ids;
import dev.orders.infra.json.WireJson;
import dev.orders.infra.persistence.NewestFirst;
import dev.orders.infra.persistence.TableRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

@Component
class JdbcRecipients implements Recipients {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "id, kind, channel, address, name, event_types::text AS event_types, "
            + "locale, active, deactivated_reason, migrated_from, created_at, updated_at";
    private static final RowMapper<Recipient> ROW = (rs, n) -> new Recipient(
            rs.getString("id"),
            RecipientKind.valueOf(rs.getString("kind")),
            rs.getString("channel"),
            rs.getString("address"),
            rs.getString("name"),
            WireJson.mapper().readValue(rs.getString("event_types"), STRINGS),
            rs.getString("locale"),
            rs.getBoolean("active"),
            rs.getString("deactivated_reason"),
            rs.getString("migrated_from"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final TableRows<Recipient> rows;

    JdbcRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rows = new TableRows<>(jdbc, "recipients", COLUMNS, ROW);
    }

    @Override
    public Optional<Recipient> find(String id) {
        return rows.find("id = ?", UUID.fromString(id));
    }

    @Override
    public List<Recipient> activeSubscribers() {
        return rows.list("kind = 'SUBSCRIBER' AND active ORDER BY id");
    }

    @Override
    public Recipient customer(String channel, String address, String name, String locale, Instant now) {
        Optional<Recipient> known = findCustomer(channel, address);
        if (known.isPresent()) {
            Recipient r = known.get();
            if ((name != null && !name.equals(r.name())) || (locale != null && !locale.equals(r.locale()))) {
                // the latest order says how the customer wants to be addressed
                jdbc.sql("UPDATE recipients SET name = COALESCE(?, name), locale = COALESCE(?, locale), "
                                + "updated_at = ? WHERE id = ?")
                        .params(name, locale, at(now), UUID.fromString(r.id()))
                        .update();
                return find(r.id()).orElse(r);
            }
            return r;
        }
        jdbc.sql("""
                        INSERT INTO recipients (id, kind, channel, address, name, event_types, locale, active,
                                                created_at, updated_at)
                        VALUES (?, 'CUSTOMER', ?, ?, ?, '[]'::jsonb, ?, TRUE, ?, ?)
                        ON CONFLICT (kind, channel, address) DO NOTHING""")
                .params(UUID.fromString(Ids.newId()), channel, address, name, locale, at(now), at(now))
                .update();
        return findCustomer(channel, address).orElseThrow();
    }

    private Optional<Recipient> findCustomer(String channel, String address) {
        return rows.find(
                "kind = 'CUSTOMER' AND channel = ? AND (address = ? OR migrated_from = ?) "
                        + "ORDER BY (address = ?) DESC, id LIMIT 1",
                channel,
                address,
                address,
                address);
    }

    @Override
    public void insert(Recipient r) {
        jdbc.sql("""
                        INSERT INTO recipients (id, kind, channel, address, name, event_types, locale, active,
                                                deactivated_reason, migrated_from, created_at, updated_at)
                        VALUES (:id, :kind, :channel, :address, :name, CAST(:eventTypes AS jsonb), :locale, :active,
                                :deactivatedReason, :migratedFrom, :createdAt, :updatedAt)""").params(columns(r)).update();
    }

    @Override
    public boolean update(Recipient r) {
        return jdbc.sql("""
                        UPDATE recipients SET channel = :channel, address = :address, name = :name,
                               event_types = CAST(:eventTypes AS jsonb), locale = :locale, active = :active,
                               deactivated_reason = :deactivatedReason, migrated_from = :migratedFrom,
                               updated_at = :updatedAt
                        WHERE id = :id""").params(columns(r)).update() == 1;
    }

    /** The row's values by the named parameters of insert and update. */
    private static Map<String, Object> columns(Recipient r) {
        Map<String, Object> values = new HashMap<>(); // some are null
        values.put("id", UUID.fromString(r.id()));
        values.put("kind", r.kind().name());
        values.put("channel", r.channel());
        values.put("address", r.address());
        values.put("name", r.name());
        values.put("eventTypes", WireJson.mapper().writeValueAsString(r.eventTypes()));
        values.put("locale", r.locale());
        values.put("active", r.active());
        values.put("deactivatedReason", r.deactivatedReason());
        values.put("migratedFrom", r.migratedFrom());
        values.put("createdAt", at(r.createdAt()));
        values.put("updatedAt", at(r.updatedAt()));
        return values;
    }

    @Override
    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM recipients WHERE id = ?")
                        .param(UUID.fromString(id))
                        .update()
                == 1;
    }

    @Override
    public List<Recipient> page(RecipientFilter filter, String before, int limit) {
        return NewestFirst.select(COLUMNS, "recipients")
                .where("kind = ?", filter.kind(), Enum::name)
                .where("channel = ?", filter.channel())
                .where("address = ?", filter.address())
                .where("active = ?", filter.active())
                .page(jdbc, before == null ? null : UUID.fromString(before), limit, ROW);
    }

    @Override
    public int deactivate(String channel, String address, RecipientKind kind, String reason, Instant now) {
        if (kind == null) {
            return jdbc.sql("""
                            UPDATE recipients SET active = FALSE, deactivated_reason = ?, updated_at = ?
                            WHERE channel = ? AND address = ? AND active""").params(reason, at(now), channel, address).update();
        }
        return jdbc.sql("""
                        UPDATE recipients SET active = FALSE, deactivated_reason = ?, updated_at = ?
                        WHERE channel = ? AND address = ? AND kind = ? AND active""")
                .params(reason, at(now), channel, address, kind.name())
                .update();
    }

    @Override
    public int moveAddress(String channel, String from, String to, Instant now) {
        // a kind that already has a row at the new address keeps that one; the old row stops
        int clashes = jdbc.sql("""
                        UPDATE recipients r SET active = FALSE, deactivated_reason = ?, updated_at = ?
                        WHERE r.channel = ? AND r.address = ? AND EXISTS (
                            SELECT 1 FROM recipients n WHERE n.kind = r.kind AND n.channel = r.channel
                                                         AND n.address = ?)""")
                .params("moved to " + to + ", which already has a row", at(now), channel, from, to)
                .update();
        int moved = jdbc.sql("""
                        UPDATE recipients r SET address = ?, migrated_from = ?, updated_at = ?
                        WHERE r.channel = ? AND r.address = ? AND NOT EXISTS (
                            SELECT 1 FROM recipients n WHERE n.kind = r.kind AND n.channel = r.channel
                                                         AND n.address = ?)""").params(to, from, at(now), channel, from, to).update();
        return clashes + moved;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
