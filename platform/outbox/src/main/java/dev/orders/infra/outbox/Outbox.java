package dev.orders.infra.outbox;

import dev.orders.infra.ids.Ids;
import dev.orders.infra.messaging.NestEnvelope;
import dev.orders.infra.observability.TraceHeaders;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where handlers put the messages their state change causes. Each call inserts a row in the caller's transaction;
 * when that transaction commits, the rows go straight to the relay (no polling delay), and if the process dies first
 * the relay of any instance publishes them once their lease runs out. A rolled-back transaction publishes nothing.
 * Each row keeps the trace context of the handling that wrote it, which the relay's publish continues.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final String eventsExchange;
    private final String instanceId;
    private final long leaseMillis;
    private final TraceHeaders tracing;

    public Outbox(
            JdbcClient jdbc,
            OutboxRelay relay,
            String eventsExchange,
            String instanceId,
            long leaseMillis,
            TraceHeaders tracing) {
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.relay = relay;
        this.eventsExchange = eventsExchange;
        this.instanceId = instanceId;
        this.leaseMillis = leaseMillis;
    }

    /** A NestJS event sent straight to a queue (default exchange). */
    public String sendToQueue(String queue, String pattern, Object data) {
        return add("", queue, NestEnvelope.event(pattern, data));
    }

    /** A NestJS event published to the events exchange with routing key = pattern. */
    public String publishEvent(String pattern, Object data) {
        return add(eventsExchange, pattern, NestEnvelope.event(pattern, data));
    }

    private String add(String exchange, String routingKey, byte[] body) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox is written inside the transaction of the state change");
        }
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        String traceContext = tracing.capture();
        jdbc.sql("""
                INSERT INTO outbox (id, exchange, routing_key, body, created_at, available_at, attempts, claimed_by,
                                    trace_context)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, exchange, routingKey, text, now, now + leaseMillis, instanceId, traceContext)
                .update();
        pending().add(new OutboxRecord(id, exchange, routingKey, text, now, 0, traceContext));
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<OutboxRecord> pending() {
        Object existing = TransactionSynchronizationManager.getResource(this);
        if (existing != null) {
            return (List<OutboxRecord>) existing;
        }
        List<OutboxRecord> records = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, records);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.dispatch(records);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
        });
        return records;
    }
}
