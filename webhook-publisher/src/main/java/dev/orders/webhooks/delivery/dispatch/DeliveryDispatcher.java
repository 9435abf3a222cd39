package dev.orders.webhooks.delivery.dispatch;

import dev.orders.infra.dispatch.ClaimLoop;
import dev.orders.infra.dispatch.ClaimingDispatcher;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.DeliveryDispatch;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;
import dev.orders.webhooks.delivery.FirstAttempt;
import dev.orders.webhooks.subscription.Subscription;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Claims due deliveries ({@link ClaimLoop}) and runs each attempt on its own virtual thread. Isolation comes from two
 * bounds: at most {@code maxConcurrency} requests at once, and at most {@code maxConcurrencyPerSubscription} to any
 * one subscription (an attempt holds its permits until its request has ended, not while its outcome is written). A
 * subscription at its bound is left out of the next claim, so a subscriber that hangs holds only its own permits,
 * never a slot another subscriber needs.
 *
 * <p>It looks for work when this process created some (a new event left for it, a retry it scheduled, a finished
 * attempt that freed a permit deliveries may be waiting for) and otherwise every {@code pollInterval}; never twice
 * within {@code claimInterval}. A new delivery with nothing ahead of it skips the claim ({@link DeliveryDispatch}).
 */
@Component
public class DeliveryDispatcher extends ClaimingDispatcher implements DeliveryDispatch {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final long BACKLOG_REFRESH_MILLIS = 5_000;

    private final DeliveryQueue queue;
    private final AttemptRunner attempts;
    private final DeliveryProperties properties;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Semaphore global;
    private final Map<String, Semaphore> perSubscription = new ConcurrentHashMap<>();
    /** The last claim took every due delivery but those of {@link #behind}: a new delivery then jumps no queue. */
    private volatile boolean caughtUp;
    /** Subscriptions the last claim took as many deliveries of as it could: more of theirs may be due. */
    private final Set<String> behind = ConcurrentHashMap.newKeySet();

    private long backlogRefreshedAt;

    DeliveryDispatcher(
            DeliveryQueue queue,
            AttemptRunner attempts,
            DeliveryProperties properties,
            WebhookSender sender,
            DeliveryMetrics metrics,
            Clock clock) {
        super(
                "webhook-dispatcher",
                "claim due webhook deliveries",
                properties.pollInterval(),
                properties.claimInterval(),
                clock,
                properties.shutdownGrace(),
                sender::abortAll);
        this.queue = queue;
        this.attempts = attempts;
        this.properties = properties;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.global = new Semaphore(properties.maxConcurrency());
        metrics.inFlight(() -> properties.maxConcurrency() - global.availablePermits());
    }

    @Override
    protected void round() {
        dispatchDue();
        refreshBacklog();
    }

    private void dispatchDue() {
        while (loop.isRunning()) {
            int free = global.availablePermits();
            if (free == 0) {
                caughtUp = false;
                return;
            }
            // the permits free now are still free when the claim is dispatched, unless the intake takes one for a
            // new delivery meanwhile (then that claim is given back): nothing else takes permits
            Map<String, Integer> freeBySubscription = new HashMap<>();
            perSubscription.forEach((id, permits) -> {
                int available = permits.availablePermits();
                if (available < properties.maxConcurrencyPerSubscription()) {
                    freeBySubscription.put(id, available);
                }
            });
            List<ClaimedDelivery> claimed;
            try {
                claimed = queue.claimDue(
                        clock.instant(),
                        properties.lease(),
                        UUID.randomUUID().toString(),
                        free,
                        properties.maxConcurrencyPerSubscription(),
                        freeBySubscription);
            } catch (RuntimeException e) {
                caughtUp = false;
                throw e;
            }
            noteWhoIsCaughtUp(claimed, free, freeBySubscription);
            for (ClaimedDelivery claim : claimed) {
                dispatch(claim);
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    /**
     * The claim reads every subscription's due deliveries, up to what each may take: one whose claim took fewer than
     * that has none left due (nor has a subscription it took none of), unless the batch as a whole was cut short.
     * Only then may a new delivery start at once ({@link #tryReserve}) instead of waiting its turn.
     */
    private void noteWhoIsCaughtUp(List<ClaimedDelivery> claimed, int free, Map<String, Integer> freeBySubscription) {
        if (claimed.size() >= free) {
            caughtUp = false;
            return;
        }
        Map<String, Integer> taken = new HashMap<>();
        for (ClaimedDelivery claim : claimed) {
            taken.merge(claim.subscriptionId(), 1, Integer::sum);
        }
        Set<String> full = new HashSet<>();
        Set<String> limited = new HashSet<>(freeBySubscription.keySet());
        limited.addAll(taken.keySet());
        for (String id : limited) {
            int couldTake = freeBySubscription.getOrDefault(id, properties.maxConcurrencyPerSubscription());
            if (taken.getOrDefault(id, 0) >= couldTake) {
                full.add(id);
            }
        }
        behind.retainAll(full);
        behind.addAll(full);
        caughtUp = true;
    }

    @Override
    public boolean tryReserve(String subscriptionId) {
        if (!loop.isRunning() || !caughtUp || behind.contains(subscriptionId)) {
            return false;
        }
        Semaphore own = permitsOf(subscriptionId);
        if (!own.tryAcquire()) {
            return false;
        }
        if (!global.tryAcquire()) {
            own.release();
            return false;
        }
        return true;
    }

    @Override
    public void cancelReserved(String subscriptionId) {
        global.release();
        permitsOf(subscriptionId).release();
    }

    @Override
    public void startReserved(ClaimedDelivery claim, Subscription subscription, FirstAttempt first) {
        metrics.started("intake");
        run(claim, permitsOf(claim.subscriptionId()), done -> attempts.attempt(claim, subscription, first, done), true);
    }

    private Semaphore permitsOf(String subscriptionId) {
        return perSubscription.computeIfAbsent(
                subscriptionId, id -> new Semaphore(properties.maxConcurrencyPerSubscription()));
    }

    private void dispatch(ClaimedDelivery claim) {
        Semaphore own = permitsOf(claim.subscriptionId());
        if (!own.tryAcquire()) {
            queue.release(claim);
            return;
        }
        if (!global.tryAcquire()) {
            own.release();
            queue.release(claim);
            return;
        }
        metrics.started("claim");
        run(claim, own, done -> attempts.attempt(claim, done), false);
    }

    /**
     * Runs an attempt holding one global permit and one of {@code own}, which it gives back as soon as the request
     * has ended (the function's argument), or at the latest when the attempt is over; {@code begun}: the attempt was
     * recorded {@code IN_FLIGHT} already (by the intake). The permits bound requests to subscribers, so they are not
     * held while the outcome waits for its commit (see docs/architecture.md, Decisions).
     */
    private void run(
            ClaimedDelivery claim, Semaphore own, Function<Runnable, AttemptRunner.Next> attempt, boolean begun) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                global.release();
                own.release();
                // the freed permit matters only where deliveries may be waiting for one; where none are, new
                // ones start from the intake, and a claim that finds nothing is not free
                if (!caughtUp || behind.contains(claim.subscriptionId())) {
                    loop.wake();
                }
            }
        };
        try {
            loop.execute(() -> {
                try {
                    AttemptRunner.Next next = attempt.apply(release);
                    if (next.retryAt() != null) {
                        loop.wakeAt(next.retryAt());
                    }
                } catch (RuntimeException e) {
                    // the lease runs out and the delivery is claimed again; its IN_FLIGHT attempt is then ABANDONED
                    log.error("Delivery {} attempt failed unexpectedly", claim.id(), e);
                } finally {
                    release.run();
                }
            });
        } catch (RejectedExecutionException stopping) {
            global.release();
            own.release();
            if (begun) {
                // never sent; a later claim must not find it IN_FLIGHT without a lapsed lease to tell it so
                queue.abandonInFlight(claim.id(), clock.instant(), AttemptRunner.NEVER_SENT);
            }
            queue.release(claim);
        }
    }

    private void refreshBacklog() {
        long now = clock.millis();
        if (now - backlogRefreshedAt >= BACKLOG_REFRESH_MILLIS) {
            backlogRefreshedAt = now;
            metrics.backlog(queue.backlog());
        }
    }
}
