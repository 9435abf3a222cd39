package dev.orders.edge.notifier;

import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Channels;
import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import dev.orders.infra.InstanceId;
import dev.orders.infra.dispatch.ClaimLoop;
import dev.orders.infra.dispatch.ClaimingDispatcher;
import dev.orders.infra.dispatch.RetrySchedule;
import dev.orders.infra.observability.TraceHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's part after the 2xx: sends the queued notifications. A {@link ClaimLoop} claims due rows (woken
 * after each accepted webhook, at each row's due time, and every poll interval) and hands them to virtual threads,
 * at most {@code concurrency} at once. A wait (a 429's {@code retry_after}, a backoff, the per-chat pace) is the
 * row's {@code next_attempt_at}, never a sleeping thread. A crash between the send and the write-back sends that
 * message again once the lease runs out: at least once, never silently dropped.
 */
@Component
class NotificationDispatcher extends ClaimingDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final long BACKLOG_REFRESH_MILLIS = 10_000;
    private static final Duration SHORTEST_POLL = Duration.ofMillis(50);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final TraceHeaders tracing;
    private final Notifications deliveries;
    private final Recipients recipients;
    private final Channels channels;
    private final NotifierProperties properties;
    private final RetrySchedule schedule;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String instance;
    private final MeterRegistry meters;
    private final Semaphore permits;
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private long backlogRefreshedAt;

    NotificationDispatcher(
            Notifications deliveries,
            Recipients recipients,
            Channels channels,
            NotifierProperties properties,
            TransactionTemplate tx,
            Clock clock,
            InstanceId instance,
            MeterRegistry meters,
            TraceHeaders tracing) {
        // rounds run back to back when woken: a webhook's notifications are sent as soon as it is accepted; what is
        // still sending after the grace is taken again by whoever claims it once the lease runs out
        super(
                "notifier-dispatcher",
                "claim due notifications",
                max(properties.pollInterval(), SHORTEST_POLL),
                Duration.ZERO,
                clock,
                SHUTDOWN_GRACE,
                null);
        this.tracing = tracing;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.channels = channels;
        this.properties = properties;
        this.schedule = properties.schedule();
        this.tx = tx;
        this.clock = clock;
        this.instance = instance.value();
        this.meters = meters;
        this.permits = new Semaphore(Math.max(1, properties.concurrency()));
        Gauge.builder("edge.notifier.backlog", backlog, AtomicLong::get)
                .description("deliveries PENDING or SENDING")
                .register(meters);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? b : a;
    }

    @Override
    protected void round() {
        try {
            claimAndSend();
        } finally {
            measure();
        }
    }

    private void claimAndSend() {
        while (loop.isRunning()) {
            int free = permits.availablePermits();
            if (free == 0) {
                saturated.set(true);
                return;
            }
            int wanted = Math.min(free, properties.batchSize());
            List<Notifications.Claimed> claimed =
                    deliveries.claimDue(clock.instant(), properties.lease(), instance, wanted);
            for (Notifications.Claimed c : claimed) {
                permits.acquireUninterruptibly();
                try {
                    loop.execute(() -> {
                        try {
                            process(c);
                        } finally {
                            permits.release();
                            if (saturated.compareAndSet(true, false)) {
                                wake();
                            }
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    // the claim's lease runs out and the next start (or another instance) sends it
                    permits.release();
                    return;
                }
            }
            if (claimed.size() < wanted) {
                return;
            }
        }
    }

    private void process(Notifications.Claimed claimed) {
        Notification d = claimed.delivery();
        try {
            Optional<Recipient> recipient = recipients.find(d.recipientId());
            Optional<Channel> channel = channels.find(d.channel());
            SendResult result;
            String address = recipient.map(Recipient::address).orElse(d.address());
            if (recipient.isEmpty()) {
                result = new SendResult.Skipped("the recipient was deleted");
            } else if (!recipient.get().active()) {
                result = new SendResult.Skipped("the recipient is inactive"
                        + (recipient.get().deactivatedReason() == null
                                ? ""
                                : ": " + recipient.get().deactivatedReason()));
            } else if (channel.isEmpty()) {
                result = new SendResult.Failed("this build has no channel " + d.channel(), d.partsSent(), List.of());
            } else {
                result = send(channel.get(), d, new Outgoing(d.id(), address, d.subject(), d.body(), d.partsSent()));
            }
            Notification current = address.equals(d.address())
                    ? d
                    : d.with(
                            d.status(),
                            d.attempts(),
                            d.failures(),
                            d.partsSent(),
                            d.providerMessageId(),
                            d.lastError(),
                            d.nextAttemptAt(),
                            address,
                            d.updatedAt(),
                            d.sentAt());
            apply(current, recipient.map(Recipient::kind).orElse(RecipientKind.CUSTOMER), claimed.claimToken(), result);
        } catch (RuntimeException e) {
            log.warn("Notification {} not recorded ({}); it is retried when its lease runs out", d.id(), e.toString());
        }
    }

    /**
     * A span per send in the trace of the webhook the message was made for, named by the channel; no address, token
     * or text goes into it.
     */
    private SendResult send(Channel channel, Notification d, Outgoing message) {
        Span span = tracing.continueFrom(d.traceContext())
                .name("send " + channel.name())
                .kind(Span.Kind.CLIENT)
                .tag("notification.id", d.id())
                .tag("notification.channel", channel.name())
                .tag("notification.event", d.eventType())
                .start();
        try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
            SendResult result = sendGuarded(channel, message);
            span.tag("outcome", result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            return result;
        } finally {
            span.end();
        }
    }

    private SendResult sendGuarded(Channel channel, Outgoing message) {
        try {
            return channel.send(message);
        } catch (RuntimeException e) {
            // a channel's bug must not leave the row claimed until the lease runs out, nor print its secrets
            return SendResult.Retry.failure(
                    "unexpected " + e.getClass().getSimpleName() + " in " + channel.name(),
                    message.partsSent(),
                    List.of());
        }
    }

    private void apply(Notification d, RecipientKind kind, String claimToken, SendResult result) {
        Instant now = clock.instant();
        Transition t = Transition.of(d, kind, result, now, schedule);
        boolean recorded = Boolean.TRUE.equals(tx.execute(status -> {
            if (!deliveries.finish(t.next(), claimToken)) {
                return false;
            }
            if (t.deactivate() != Transition.Deactivation.NONE) {
                int n = recipients.deactivate(
                        d.channel(),
                        d.address(),
                        t.deactivate() == Transition.Deactivation.CUSTOMERS ? RecipientKind.CUSTOMER : null,
                        t.next().lastError(),
                        now);
                log.info(
                        "Recipients at the address of {} on {} deactivated ({} rows): {}",
                        d.recipientId(),
                        d.channel(),
                        n,
                        t.next().lastError());
            }
            if (t.movedTo() != null) {
                recipients.moveAddress(d.channel(), d.address(), t.movedTo(), now);
                deliveries.moveAddress(d.channel(), d.address(), t.movedTo(), now);
                log.info("Recipient {} on {} moved to a new address", d.recipientId(), d.channel());
            }
            return true;
        }));
        if (!recorded) {
            log.warn(
                    "Notification {} was claimed by someone else meanwhile (lease {} too short?)",
                    d.id(),
                    properties.lease());
            return;
        }
        meters.counter(
                        "edge.notifier.deliveries",
                        "channel",
                        d.channel(),
                        "status",
                        t.next().status().name())
                .increment();
        if (t.next().status() == NotificationStatus.FAILED) {
            log.warn(
                    "Notification {} to a {} recipient FAILED after {} attempts: {}",
                    d.id(),
                    d.channel(),
                    t.next().attempts(),
                    t.next().lastError());
        }
        if (t.wakeIn() != null) {
            loop.wakeAt(now.plus(t.wakeIn()));
        }
    }

    private void measure() {
        long now = clock.millis();
        if (now - backlogRefreshedAt < BACKLOG_REFRESH_MILLIS) {
            return;
        }
        backlogRefreshedAt = now;
        try {
            backlog.set(deliveries.backlog());
        } catch (RuntimeException e) {
            log.debug("Could not count the backlog: {}", e.toString());
        }
    }
}
