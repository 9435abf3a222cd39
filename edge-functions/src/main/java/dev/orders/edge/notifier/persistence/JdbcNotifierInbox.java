package dev.orders.edge.notifier.persistence;

import static dev.orders.infra.persistence.SqlArrays.text;
import static dev.orders.infra.persistence.SqlArrays.texts;

import dev.orders.edge.notifier.NotifierInbox;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcNotifierInbox implements NotifierInbox {

    private final JdbcClient jdbc;

    JdbcNotifierInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> accept(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        // in key order, so two instances inserting the same ids wait for each other instead of deadlocking
        List<Entry> rows =
                entries.stream().sorted(Comparator.comparing(Entry::webhookId)).toList();
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO notifier_inbox (webhook_id, type, order_id, received_at, deliveries)
                        SELECT w.id, w.type, w.order_id, w.received_at, 0
                        FROM unnest(:ids, :types, :orderIds, CAST(:receivedAt AS timestamptz[]))
                            AS w(id, type, order_id, received_at)
                        ON CONFLICT (webhook_id) DO NOTHING
                        RETURNING webhook_id""")
                .param("ids", texts(rows, Entry::webhookId))
                .param("types", texts(rows, Entry::type))
                .param("orderIds", texts(rows, Entry::orderId))
                .param("receivedAt", texts(rows, e -> text(e.receivedAt())))
                .query(String.class)
                .list());
    }

    @Override
    public int purgeBefore(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM notifier_inbox WHERE webhook_id IN (
                            SELECT webhook_id FROM notifier_inbox WHERE received_at < :before
                            LIMIT :limit FOR UPDATE SKIP LOCKED)""")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .update();
    }

    @Override
    public void countDeliveries(String webhookId, int deliveries) {
        jdbc.sql("UPDATE notifier_inbox SET deliveries = ? WHERE webhook_id = ?")
                .params(deliveries, webhookId)
                .update();
    }
}
