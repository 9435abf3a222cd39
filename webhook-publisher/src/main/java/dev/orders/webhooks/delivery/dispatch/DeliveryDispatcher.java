package dev.orders.webhooks.delivery.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import dev.orders.webhooks.subscription.Subscription;
import dev.orders.webhooks.delivery.ClaimedDelivery;
import dev.orders.webhooks.delivery.Deliveries;
import dev.orders.webhooks.delivery.Delivery;
import dev.orders.webhooks.delivery.DeliveryMetrics;
import dev.orders.webhooks.delivery.DeliveryProperties;

/**
 * Claims due deliveries from PostgreSQL and runs each attempt on its own virtual thread. Isolation comes from two
 * bounds: at most {@code maxConcurrency} requests at once, and at most {@code maxConcurrencyPerSubscription} to any
 * one subscription (an attempt holds its permits until its request has ended, not while its outcome is written). A
 * subscription at its bound is left out of the next claim, so a subscriber that hangs holds only its own permits,
 * never a slot another subscriber needs.
 *
 * <p>It looks for work when this process created some (a new event left for it, a retry it scheduled, a finished
 * attempt that freed a permit deliveries may be waiting for) and otherwise every {@code pollInterval}, which also
 * picks up what other instances or a previous run left behind; never twice within {@code claimInterval}. A new
 * delivery with nothing ahead of it skips the claim: the intake reserves its permits ({@link #tryReserve}), stores it
 * leased and starts it ({@link #startReserved}).
 */
@Component
public class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final long BACKLOG_REFRESH_MILLIS = 5_000;

    private final Deliveries deliveries;
    private final AttemptRunner attempts;
    private final DeliveryProperties properties;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Semaphore global;
    private final Map<String, Semaphore> perSubscription = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Long> wakeTimes = new ConcurrentSkipListSet<>();
    /** The last claim took every due delivery but those of {@link #behind}: a new delivery then jumps no queue. */
    private volatile boolean caughtUp;
    /** Subscriptions the last claim took as many deliveries of as it could: more of theirs may be due. */
    private final Set<String> behind = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService workers;
    private long backlogRefreshedAt;
    private long lastRound = System.currentTimeMillis();

    DeliveryDispatcher(Deliveries deliveries, AttemptRunner attempts, DeliveryProperties properties,
                       WebhookSender sender, DeliveryMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.properties = properties;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.global = new Semaphore(properties.maxConcurrency());
        metrics.inFlight(() -> properties.maxConcurrency() - global.availablePermits());
    }

    /** Look for due deliveries now. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Look again at {@code at}: when a retry this process scheduled falls due. */
    void wakeAt(Instant at) {
        if (wakeTimes.size() < 10_000) {
            // the row is due at a microsecond time; waking in the millisecond after it never finds it not yet due
            wakeTimes.add(at.toEpochMilli() + 1);
        }
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
        loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            loop.join(2_000);
            workers.shutdown();
            if (!workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Webhook requests still running after {}; cutting them short", properties.shutdownGrace());
                sender.abortAll();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                dispatchDue();
                refreshBacklog();
            } catch (RuntimeException e) {
                log.warn("Could not claim due webhook deliveries: {}", e.toString());
            }
            awaitNextRound();
        }
    }

    private void dispatchDue() {
        while (running) {
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
                claimed = deliveries.claimDue(clock.instant(), properties.lease(), UUID.randomUUID().toString(),
                        free, properties.maxConcurrencyPerSubscription(), freeBySubscription);
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

    /**
     * Takes the permits for attempting a new delivery to {@code subscriptionId} at once, without claiming it: only
     * when this dispatcher is running, has no due delivery of that subscription waiting, and has permits free. The
     * caller then stores the delivery leased to itself and calls {@link #startReserved}, or {@link #cancelReserved}
     * if it could not store it.
     */
    public boolean tryReserve(String subscriptionId) {
        if (!running || !caughtUp || behind.contains(subscriptionId)) {
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

    /** Gives back the permits of {@link #tryReserve} for a delivery that was not stored. */
    public void cancelReserved(String subscriptionId) {
        global.release();
        permitsOf(subscriptionId).release();
    }

    /**
     * Sends a delivery stored leased to this process with its first attempt begun, with the permits
     * {@link #tryReserve} took.
     */
    public void startReserved(ClaimedDelivery claim, Subscription subscription, Deliveries.FirstAttempt first) {
        metrics.started("intake");
        run(claim, permitsOf(claim.subscriptionId()), done -> attempts.attempt(claim, subscription, first, done),
                true);
    }

    private Semaphore permitsOf(String subscriptionId) {
        return perSubscription.computeIfAbsent(subscriptionId,
                id -> new Semaphore(properties.maxConcurrencyPerSubscription()));
    }

    private void dispatch(ClaimedDelivery claim) {
        Semaphore own = permitsOf(claim.subscriptionId());
        if (!own.tryAcquire()) {
            deliveries.release(claim);
            return;
        }
        if (!global.tryAcquire()) {
            own.release();
            deliveries.release(claim);
            return;
        }
        metrics.started("claim");
        run(claim, own, done -> attempts.attempt(claim, done), false);
    }

    /**
     * Runs an attempt holding one global permit and one of {@code own}, which it gives back as soon as the request
     * has ended (the function's argument), or at the latest when the attempt is over; {@code begun}: the attempt was
     * recorded {@code IN_FLIGHT} already (by the intake).
     *
     * <p>The permits bound requests to subscribers, so they are not held while the outcome waits for its commit:
     * with them held through the success's shared write (its linger and commit), about half of each delivery's
     * time under load, one busy subscription (the logger takes three deliveries of every order) ran out of its
     * permits at 200 orders/s while CPU was left, and its new deliveries waited for claims, in spells of seconds.
     */
    private void run(ClaimedDelivery claim, Semaphore own, Function<Runnable, AttemptRunner.Next> attempt,
                     boolean begun) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                global.release();
                own.release();
                // the freed permit matters only where deliveries may be waiting for one; where none are, new
                // ones start from the intake, and a claim that finds nothing is not free
                if (!caughtUp || behind.contains(claim.subscriptionId())) {
                    wake();
                }
            }
        };
        try {
            workers.execute(() -> {
                try {
                    AttemptRunner.Next next = attempt.apply(release);
                    if (next.retryAt() != null) {
                        wakeAt(next.retryAt());
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
                deliveries.abandonInFlight(claim.id(), Instant.now(), AttemptRunner.NEVER_SENT);
            }
            deliveries.release(claim);
        }
    }

    private void awaitNextRound() {
        lock.lock();
        try {
            while (running && !signalled) {
                long now = System.currentTimeMillis();
                Long nextWake = wakeTimes.isEmpty() ? null : wakeTimes.first();
                long deadline = Math.min(lastRound + properties.pollInterval().toMillis(),
                        nextWake == null ? Long.MAX_VALUE : nextWake);
                if (deadline <= now) {
                    break;
                }
                woken.await(deadline - now, TimeUnit.MILLISECONDS);
            }
            // under load every finished attempt may wake the loop: claiming for each would run claims back to back,
            // each for one or two rows (measured: the claim was PostgreSQL's largest cost). Wake-ups that come
            // within claimInterval of the last round share the next claim; a lone wake-up claims at once
            long earliest = lastRound + properties.claimInterval().toMillis();
            for (long now = System.currentTimeMillis(); running && now < earliest; now = System.currentTimeMillis()) {
                woken.await(earliest - now, TimeUnit.MILLISECONDS);
            }
            signalled = false;
            long now = System.currentTimeMillis();
            wakeTimes.headSet(now, true).clear();
            lastRound = now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void refreshBacklog() {
        long now = System.currentTimeMillis();
        if (now - backlogRefreshedAt >= BACKLOG_REFRESH_MILLIS) {
            backlogRefreshedAt = now;
            metrics.backlog(deliveries.backlog());
        }
    }
}
