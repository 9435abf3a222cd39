package dev.orders.edge.notifier.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import dev.orders.edge.notifier.NotifierInbox;

@Component
class JdbcNotifierInbox implements NotifierInbox {

    private final JdbcClient jdbc;

    JdbcNotifierInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean accept(String webhookId, String type, String orderId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO notifier_inbox (webhook_id, type, order_id, received_at, deliveries)
                        VALUES (?, ?, ?, ?, 0)
                        ON CONFLICT (webhook_id) DO NOTHING""")
                .params(webhookId, type, orderId, now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    @Override
    public void countDeliveries(String webhookId, int deliveries) {
        jdbc.sql("UPDATE notifier_inbox SET deliveries = ? WHERE webhook_id = ?").params(deliveries, webhookId)
                .update();
    }
}
