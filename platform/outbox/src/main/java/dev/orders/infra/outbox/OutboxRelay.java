package dev.orders.infra.outbox;

import dev.orders.infra.messaging.ConfirmedPublisher;
import dev.orders.infra.messaging.MessageContext;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.SqlDialect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes outbox rows with publisher confirms and deletes a row only after the broker confirmed it (and did not
 * return it as unroutable). Rows committed by this process arrive through {@link #dispatch}; a poller claims rows
 * whose lease ran out (a crash, a refused publish waiting for its backoff) with a conditional update, so several
 * instances never publish the same row at the same moment. Publishing twice after a crash is possible and harmless:
 * the message id is the row id and consumers deduplicate. Each publish is a producer span in the trace stored with
 * its row, ended by the broker's confirm, and the message carries that span's context.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final ConfirmedPublisher publisher;
    private final SqlDialect dialect;
    private final OutboxProperties properties;
    private final String instanceId;
    private final TraceHeaders tracing;
    private final BlockingQueue<OutboxRecord> ready = new LinkedBlockingQueue<>(100_000);
    private final ConcurrentLinkedQueue<String> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Failed> failed = new ConcurrentLinkedQueue<>();
    private final Counter publishedCounter;
    private final Counter failedCounter;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile boolean running;
    private Thread publisherThread;
    private ScheduledExecutorService scheduler;

    private record Failed(String id, int attempts, String error) {}

    public OutboxRelay(
            JdbcClient jdbc,
            ConfirmedPublisher publisher,
            SqlDialect dialect,
            OutboxProperties properties,
            String instanceId,
            MeterRegistry meters,
            TraceHeaders tracing) {
        this.jdbc = jdbc;
        this.tracing = tracing;
        this.publisher = publisher;
        this.dialect = dialect;
        this.properties = properties;
        this.instanceId = instanceId;
        this.publishedCounter = meters.counter("platform.outbox.published");
        this.failedCounter = meters.counter("platform.outbox.publish.failures");
        this.lag = Timer.builder("platform.outbox.lag")
                .description("commit to broker confirm")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("platform.outbox.backlog", backlog, AtomicLong::get)
                .description("rows not yet confirmed by the broker")
                .register(meters);
        Gauge.builder("platform.outbox.oldest.age.seconds", oldestAgeMillis, v -> v.get() / 1000.0)
                .description("age of the oldest unpublished row")
                .register(meters);
    }

    /** Rows just committed by this process. */
    public void dispatch(List<OutboxRecord> records) {
        for (OutboxRecord record : records) {
            if (!ready.offer(record)) {
                // full: the row keeps its lease and the poller will pick it up
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        publisherThread = Thread.ofPlatform().name("outbox-publisher").daemon().start(this::publishLoop);
        scheduler = Executors.newScheduledThreadPool(
                1, Thread.ofPlatform().name("outbox-relay").daemon().factory());
        scheduler.scheduleWithFixedDelay(safely(this::flush), 20, 20, TimeUnit.MILLISECONDS);
        long poll = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(safely(this::claimDue), poll, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(safely(this::measure), 0, 5, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (publisherThread != null) {
            publisherThread.interrupt();
        }
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            safely(this::flush).run();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop after the listener containers (which stop at a higher phase) so their last commits get published
        return Integer.MAX_VALUE - 2000;
    }

    private void publishLoop() {
        List<OutboxRecord> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.add(ready.take());
                ready.drainTo(batch, BATCH - 1);
                publish(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox publish loop error: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void publish(List<OutboxRecord> records) {
        List<ConfirmedPublisher.Outgoing> batch = new ArrayList<>(records.size());
        List<Span> spans = new ArrayList<>(records.size());
        for (OutboxRecord record : records) {
            Span span = tracing.continueFrom(record.traceContext())
                    .name("publish " + record.routingKey())
                    .kind(Span.Kind.PRODUCER)
                    .tag("messaging.system", "rabbitmq")
                    .tag(
                            "messaging.destination.name",
                            record.exchange().isEmpty() ? record.routingKey() : record.exchange())
                    .tag("messaging.message.id", record.id())
                    .start();
            spans.add(span);
            Message message = MessageBuilder.withBody(record.body().getBytes(StandardCharsets.UTF_8))
                    .setMessageId(record.id())
                    .setContentType("application/json")
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                    .setTimestamp(new Date(record.createdAt()))
                    // the AMQP timestamp has whole seconds; consumers that date events read the milliseconds here
                    .setHeader(MessageContext.EVENT_TIME_HEADER, record.createdAt())
                    .build();
            tracing.inject(span, message.getMessageProperties().getHeaders());
            batch.add(new ConfirmedPublisher.Outgoing(record.exchange(), record.routingKey(), message));
        }
        List<CompletableFuture<Void>> outcomes = publisher.publishAll(batch);
        for (int i = 0; i < records.size(); i++) {
            OutboxRecord record = records.get(i);
            Span span = spans.get(i);
            outcomes.get(i).whenComplete((ok, error) -> {
                if (error != null) {
                    span.error(error);
                }
                span.end();
                if (error == null) {
                    confirmed.add(record.id());
                    publishedCounter.increment();
                    lag.record(Duration.ofMillis(System.currentTimeMillis() - record.createdAt()));
                } else {
                    failedCounter.increment();
                    failed.add(new Failed(record.id(), record.attempts(), String.valueOf(error.getMessage())));
                }
            });
        }
    }

    void flush() {
        List<String> ids = drain(confirmed, 500);
        while (!ids.isEmpty()) {
            String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
            jdbc.sql("DELETE FROM outbox WHERE id IN (" + marks + ")")
                    .params(ids)
                    .update();
            ids = drain(confirmed, 500);
        }
        Failed f;
        long now = System.currentTimeMillis();
        while ((f = failed.poll()) != null) {
            long backoff = Math.min(properties.maxBackoff().toMillis(), 1000L << Math.min(f.attempts(), 10));
            jdbc.sql("""
                    UPDATE outbox SET attempts = attempts + 1, available_at = ?, claimed_by = NULL, last_error = ?
                    WHERE id = ?""").params(now + backoff, truncate(f.error()), f.id()).update();
            log.warn("Outbox row {} not published ({}); next attempt in {} ms", f.id(), f.error(), backoff);
        }
    }

    /** Claim rows whose lease ran out and publish them. */
    void claimDue() {
        long now = System.currentTimeMillis();
        List<OutboxRecord> due = jdbc.sql("""
                        UPDATE outbox SET claimed_by = ?, available_at = ?
                        WHERE id IN (SELECT id FROM outbox WHERE available_at <= ? ORDER BY id LIMIT ?%s)
                        RETURNING id, exchange, routing_key, body, created_at, attempts, trace_context""".formatted(dialect.skipLocked()))
                .params(instanceId, now + properties.lease().toMillis(), now, properties.batchSize())
                .query((rs, n) -> new OutboxRecord(
                        rs.getString("id"),
                        rs.getString("exchange"),
                        rs.getString("routing_key"),
                        rs.getString("body"),
                        rs.getLong("created_at"),
                        rs.getInt("attempts"),
                        rs.getString("trace_context")))
                .list();
        if (!due.isEmpty()) {
            log.info("Outbox relay {} re-publishing {} rows", instanceId, due.size());
            due.stream()
                    .sorted(java.util.Comparator.comparing(OutboxRecord::id))
                    .forEach(ready::offer);
        }
    }

    private void measure() {
        jdbc.sql("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox")
                .query((rs, n) -> {
                    backlog.set(rs.getLong("n"));
                    long oldest = rs.getLong("oldest");
                    oldestAgeMillis.set(rs.wasNull() ? 0 : Math.max(0, System.currentTimeMillis() - oldest));
                    return n;
                })
                .list();
    }

    private Runnable safely(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Outbox relay task failed: {}", e.toString());
            }
        };
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue, int max) {
        List<T> out = new ArrayList<>();
        T item;
        while (out.size() < max && (item = queue.poll()) != null) {
            out.add(item);
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
