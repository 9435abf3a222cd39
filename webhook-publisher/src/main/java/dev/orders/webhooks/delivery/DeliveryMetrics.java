package dev.orders.webhooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * {@code webhook_events_received_total{type,outcome=new|duplicate}},
 * {@code webhook_attempt_duration_seconds{outcome,status}} (count and latency of every attempt),
 * {@code webhook_deliveries_completed_total{outcome=succeeded|failed}},
 * {@code webhook_deliveries_started_total{via=intake|claim}} (attempts started straight from the intake or from a
 * claim), {@code webhook_subscriptions_auto_disabled_total} (subscriptions disabled for failing: alert on any
 * increase), and the gauges
 * {@code webhook_deliveries_backlog} (PENDING deliveries) and {@code webhook_attempts_in_flight}.
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry meters;
    private final AtomicLong backlog = new AtomicLong();
    private final Counter autoDisabled;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        // registered at start, so the series reads 0 rather than missing until the first one
        this.autoDisabled = Counter.builder("webhook.subscriptions.auto.disabled")
                .description("subscriptions disabled automatically after failed deliveries in a row")
                .register(meters);
        Gauge.builder("webhook.deliveries.backlog", backlog, AtomicLong::get)
                .description("deliveries not finished yet: due, waiting for a retry, or being attempted")
                .register(meters);
    }

    public void inFlight(Supplier<Number> inFlight) {
        Gauge.builder("webhook.attempts.in.flight", inFlight)
                .description("requests to subscribers running now")
                .register(meters);
    }

    public void eventReceived(String type, boolean duplicate) {
        meters.counter("webhook.events.received", "type", type, "outcome", duplicate ? "duplicate" : "new")
                .increment();
    }

    /** One request to a subscriber: its HTTP status (null when no response came), outcome and duration. */
    public void attempt(Integer httpStatus, boolean succeeded, long durationMillis) {
        String status = httpStatus == null ? "none" : (httpStatus / 100) + "xx";
        Timer.builder("webhook.attempt.duration")
                .description("one request to a subscriber, connect to last byte")
                .tag("outcome", succeeded ? "succeeded" : "failed")
                .tag("status", status)
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.ofMillis(durationMillis));
    }

    public void started(String via) {
        meters.counter("webhook.deliveries.started", "via", via).increment();
    }

    public void completed(DeliveryStatus status) {
        meters.counter("webhook.deliveries.completed", "outcome", status.name().toLowerCase())
                .increment();
    }

    public void subscriptionDisabled() {
        autoDisabled.increment();
    }

    public void purged(String what, long count) {
        meters.counter("webhook.history.purged", "table", what).increment(count);
    }

    public void backlog(long pending) {
        backlog.set(pending);
    }
}
