package dev.orders.webhooks.delivery.dispatch;

import dev.orders.infra.dispatch.RetrySchedule;
import dev.orders.infra.observability.TraceHeaders;
import dev.orders.infra.persistence.GroupCommit;
import dev.orders.webhooks.delivery.AttemptOutcome;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.DeliveryStatus;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.delivery.WebhookSigner;
import dev.orders.webhooks.delivery.dispatch.DeliveryQueue.AttemptStart;
import dev.orders.webhooks.delivery.dispatch.DeliveryQueue.AttemptSuccess;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.subscription.Subscriptions;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of a claimed delivery, on a worker thread: record it {@code IN_FLIGHT}, sign the stored body with the
 * subscription's current keys and a fresh timestamp, send, then record the outcome and the next step (done, retry
 * at a time, or failed) atomically. Every write is fenced by the lease token. The common case costs two statements
 * (begin, succeed) besides the claim, each shared with the attempts running beside it ({@link GroupCommit}): the
 * subscription comes from {@link SubscriptionCache} and attempts left {@code IN_FLIGHT} are looked for only when the
 * delivery was claimed from a lapsed lease. Each attempt is a client span in the event's trace, tagged with the
 * delivery, the attempt number and the HTTP status, and its context goes to the subscriber in {@code traceparent}.
 */
@Component
class AttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);
    static final String ABANDONED = "the publisher stopped before this attempt finished; its outcome is unknown";
    static final String NEVER_SENT = "the publisher stopped before sending this attempt; nothing was sent";

    private final DeliveryQueue queue;
    private final Subscriptions subscriptions;
    private final SubscriptionCache cache;
    private final WebhookSender sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final DeliveryMetrics metrics;
    private final TraceHeaders tracing;
    private final GroupCommit<AttemptStart, OptionalInt> begins;
    private final GroupCommit<AttemptSuccess, Boolean> successes;

    AttemptRunner(
            DeliveryQueue queue,
            Subscriptions subscriptions,
            SubscriptionCache cache,
            WebhookSender sender,
            TransactionTemplate tx,
            Clock clock,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            TraceHeaders tracing) {
        this.tracing = tracing;
        this.queue = queue;
        this.subscriptions = subscriptions;
        this.cache = cache;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.schedule = properties.schedule();
        this.metrics = metrics;
        // the attempts of one claim start together and their requests end close together: each group shares one
        // statement (and commit) instead of one per delivery; under a steady stream the successes also wait up to
        // the linger for each other (the webhook was sent already and its permits given back; only this worker waits)
        this.begins = new GroupCommit<>(queue::beginAttempts, properties.maxConcurrency());
        this.successes = new GroupCommit<>(
                batch -> {
                    Set<String> done = queue.succeed(batch);
                    return batch.stream()
                            .map(s -> done.contains(s.claim().id()))
                            .toList();
                },
                properties.maxConcurrency(),
                properties.writeLinger());
    }

    /** What happened, so the dispatcher knows when to look again. */
    record Next(Instant retryAt) {
        static final Next NOTHING = new Next(null);
    }

    /**
     * {@code requestDone} runs once the request has ended, before the outcome is recorded: the dispatcher frees the
     * delivery's permits there, since they bound requests to subscribers. An attempt that sends nothing (subscription
     * gone or disabled, attempts used up, lease lost) does not run it; the dispatcher frees them when it returns.
     */
    Next attempt(ClaimedDelivery claim, Runnable requestDone) {
        Instant now = clock.instant();
        if (claim.reclaimed()) {
            int abandoned = queue.abandonInFlight(claim.id(), now, ABANDONED);
            if (abandoned > 0) {
                log.warn(
                        "Delivery {}: {} attempt(s) cut short by a stopped publisher marked ABANDONED",
                        claim.id(),
                        abandoned);
            }
        }
        return attempt(claim, cache.find(claim.subscriptionId(), claim.subscriptionVersion()), now, requestDone);
    }

    /**
     * A new delivery, stored leased to this process with its first attempt already recorded {@code IN_FLIGHT}, to
     * {@code subscription} as read in the same transaction: only the request and its outcome are left.
     */
    Next attempt(ClaimedDelivery claim, Subscription subscription, FirstAttempt first, Runnable requestDone) {
        return send(claim, subscription, 1, first.webhookTimestamp(), first.at(), requestDone);
    }

    private Next attempt(ClaimedDelivery claim, Optional<Subscription> found, Instant now, Runnable requestDone) {
        if (found.isEmpty() || found.get().deleted() || !found.get().enabled()) {
            String why = found.isEmpty() || found.get().deleted() ? "subscription deleted" : "subscription disabled";
            if (queue.complete(claim, DeliveryStatus.FAILED, null, why + "; not attempted", now)) {
                metrics.completed(DeliveryStatus.FAILED);
                log.info("Delivery {} not attempted: {}", claim.id(), why);
            }
            return Next.NOTHING;
        }
        Subscription subscription = found.get();
        if (claim.roundAttempts() >= schedule.maxAttempts()) {
            finishFailed(claim, subscription, null, ABANDONED, now);
            return Next.NOTHING;
        }
        long timestamp = now.getEpochSecond();
        OptionalInt number = begins.submit(new AttemptStart(claim, now, timestamp, subscription.url()));
        if (number.isEmpty()) {
            log.warn("Delivery {}: lease lost before the attempt; another process has it", claim.id());
            return Next.NOTHING;
        }
        return send(claim, subscription, number.getAsInt(), timestamp, now, requestDone);
    }

    /**
     * Signs and sends attempt {@code number}, recorded {@code IN_FLIGHT} with {@code timestamp}, runs
     * {@code requestDone}, and records how it went.
     */
    private Next send(
            ClaimedDelivery claim,
            Subscription subscription,
            int number,
            long timestamp,
            Instant now,
            Runnable requestDone) {
        String signature = WebhookSigner.signatureHeader(
                subscription.secrets().activeAt(now), claim.webhookId(), timestamp, claim.payload());
        Span span = tracing.continueFrom(claim.traceContext())
                .name("webhook " + claim.eventType())
                .kind(Span.Kind.CLIENT)
                .tag("webhook.delivery.id", claim.id())
                .tag("webhook.subscription.id", subscription.id())
                .tag("webhook.attempt", Integer.toString(number))
                .start();
        Map<String, Object> traceHeaders = new HashMap<>(4);
        tracing.inject(span, traceHeaders);
        Map<String, String> outgoingTrace = new HashMap<>(4);
        traceHeaders.forEach((name, value) -> outgoingTrace.put(name, value.toString()));
        try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
            SendResult result;
            try {
                result = sender.send(new OutgoingWebhook(
                        URI.create(subscription.url()),
                        claim.webhookId(),
                        timestamp,
                        signature,
                        claim.payload().getBytes(StandardCharsets.UTF_8),
                        outgoingTrace));
            } catch (RuntimeException | Error e) {
                span.error(e);
                span.end();
                throw e;
            }
            if (result.httpStatus() != null) {
                span.tag("http.response.status_code", Integer.toString(result.httpStatus()));
            }
            span.tag("outcome", result.succeeded() ? "succeeded" : "failed");
            if (!result.succeeded()) {
                span.error(new WebhookAttemptFailed(result.describe()));
            }
            span.end(); // the request is the attempt; recording its outcome may wait for a group commit
            requestDone.run();
            metrics.attempt(result.httpStatus(), result.succeeded(), result.durationMillis());
            // still in the attempt's scope, so the log lines about its outcome carry its trace
            return record(claim, subscription, number, result);
        }
    }

    private Next record(ClaimedDelivery claim, Subscription subscription, int number, SendResult result) {
        Instant finished = clock.instant();
        if (result.succeeded()) {
            if (successes.submit(new AttemptSuccess(
                    claim, number, result.httpStatus(), result.durationMillis(), result.responseBody(), finished))) {
                metrics.completed(DeliveryStatus.SUCCEEDED);
            }
            log.debug("Delivery {} attempt {} succeeded ({})", claim.id(), number, result.httpStatus());
            return Next.NOTHING;
        }
        int roundAttempt = claim.roundAttempts() + 1;
        Optional<Duration> retry = schedule.delayAfter(roundAttempt, result.retryAfter());
        Next next = tx.execute(s -> {
            queue.finishAttempt(
                    claim.id(),
                    number,
                    AttemptOutcome.FAILED,
                    result.httpStatus(),
                    result.durationMillis(),
                    result.responseBody(),
                    result.error());
            if (retry.isPresent()) {
                Instant at = finished.plus(retry.get());
                return queue.reschedule(claim, at, result.httpStatus(), result.describe(), finished)
                        ? new Next(at)
                        : Next.NOTHING;
            }
            finishFailedInTransaction(claim, subscription, result.httpStatus(), result.describe(), finished);
            return Next.NOTHING;
        });
        if (retry.isPresent()) {
            log.info(
                    "Delivery {} attempt {} to subscription {} failed ({}); retrying in {}",
                    claim.id(),
                    number,
                    subscription.id(),
                    result.describe(),
                    retry.get());
        }
        return next == null ? Next.NOTHING : next;
    }

    private void finishFailed(
            ClaimedDelivery claim, Subscription subscription, Integer status, String error, Instant at) {
        tx.executeWithoutResult(s -> finishFailedInTransaction(claim, subscription, status, error, at));
    }

    private void finishFailedInTransaction(
            ClaimedDelivery claim, Subscription subscription, Integer status, String error, Instant at) {
        if (!queue.complete(claim, DeliveryStatus.FAILED, status, error, at)) {
            return;
        }
        metrics.completed(DeliveryStatus.FAILED);
        log.warn(
                "Delivery {} of event {} to subscription {} FAILED after {} attempts: {}",
                claim.id(),
                claim.eventId(),
                subscription.id(),
                schedule.maxAttempts(),
                error);
        if (!speaksOfTheSubscriber(status)) {
            return;
        }
        if (subscriptions.recordFailedDelivery(subscription.id(), properties.autoDisableAfter(), at)) {
            metrics.subscriptionDisabled();
            log.error(
                    "Subscription {} DISABLED automatically after {} failed deliveries in a row (last: {}); it gets "
                            + "no events until an administrator enables it again",
                    subscription.id(),
                    properties.autoDisableAfter(),
                    error);
        }
    }

    /**
     * Whether a delivery that ended FAILED with this last status says the subscriber cannot take deliveries at all
     * (no answer, 3xx, 5xx, or 401/403/404/410: gone, or refusing us) rather than that it refused this one payload
     * (any other 4xx). Only the former extend the streak that disables a subscription, so an event the receiver
     * cannot take never silences it for every other event; neither kind ends the streak.
     */
    static boolean speaksOfTheSubscriber(Integer status) {
        if (status == null || status < 400 || status >= 500) {
            return true;
        }
        return status == 401 || status == 403 || status == 404 || status == 410;
    }

    /** Marks a failed attempt's span as an error, with what went wrong. */
    private static final class WebhookAttemptFailed extends RuntimeException {
        WebhookAttemptFailed(String message) {
            super(message, null, false, false);
        }
    }
}
