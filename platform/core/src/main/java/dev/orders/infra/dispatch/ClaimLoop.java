package dev.orders.infra.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of a durable work queue: one platform thread runs {@code round} (claim a batch of due rows and hand each
 * to {@link #execute}, one virtual thread per item) when woken ({@link #wake}), when a time it was given comes
 * ({@link #wakeAt}), and otherwise every {@code pollInterval}, which also picks up what other instances or a
 * previous run left behind. Rounds are never closer than {@code claimInterval}: wake-ups within it share the next
 * claim. A round that throws is logged and the loop waits for the next one, so a database that is away is asked
 * again at the poll interval, not in a tight loop.
 */
public final class ClaimLoop {

    private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
    private static final int MAX_WAKE_TIMES = 10_000;

    private final String name;
    private final String what;
    private final long pollMillis;
    private final long claimIntervalMillis;
    private final Clock clock;
    private final Runnable round;
    private final ConcurrentSkipListSet<Long> wakeTimes = new ConcurrentSkipListSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private long lastRound;
    private Thread loop;
    private ExecutorService workers;

    /**
     * {@code name} names the loop's thread, and {@code name-worker-N} its workers; {@code what} says in the log what
     * a round that failed could not do ("claim due webhook deliveries").
     */
    public ClaimLoop(
            String name, String what, Duration pollInterval, Duration claimInterval, Clock clock, Runnable round) {
        if (!pollInterval.isPositive() || claimInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "the poll interval must be positive and the claim interval not negative");
        }
        this.name = name;
        this.what = what;
        this.pollMillis = pollInterval.toMillis();
        this.claimIntervalMillis = claimInterval.toMillis();
        this.clock = clock;
        this.round = round;
    }

    public void start() {
        running = true;
        lastRound = clock.millis();
        workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(name + "-worker-", 0).factory());
        loop = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /**
     * Stops claiming, then waits up to {@code grace} for the work in hand; if some is still running then,
     * {@code cutShort} (when given) is asked to end it and the workers get five seconds more.
     */
    public void stop(Duration grace, Runnable cutShort) {
        running = false;
        wake();
        try {
            if (loop != null) {
                loop.join(2_000);
            }
            if (workers == null) {
                return;
            }
            workers.shutdown();
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS) && cutShort != null) {
                log.warn("{}: work still running after {}; cutting it short", name, grace);
                cutShort.run();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Runs {@code work} on a worker thread of its own; throws {@link RejectedExecutionException} once stopping. */
    public void execute(Runnable work) {
        workers.execute(work);
    }

    /** Runs a round now (or as soon as the claim interval allows). */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a round at {@code at}: when a row this process scheduled falls due. */
    public void wakeAt(Instant at) {
        if (wakeTimes.size() < MAX_WAKE_TIMES) {
            // rows are due at a microsecond time; waking in the millisecond after it never finds one not yet due
            wakeTimes.add(at.toEpochMilli() + 1);
        }
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warn("Could not {}: {}", what, e.toString());
            }
            awaitNextRound();
        }
    }

    private void awaitNextRound() {
        lock.lock();
        try {
            while (running && !signalled) {
                long now = clock.millis();
                Long nextWake = wakeTimes.isEmpty() ? null : wakeTimes.first();
                long deadline = Math.min(lastRound + pollMillis, nextWake == null ? Long.MAX_VALUE : nextWake);
                if (deadline <= now) {
                    break;
                }
                woken.await(deadline - now, TimeUnit.MILLISECONDS);
            }
            // under load every finished item may wake the loop: wake-ups within the claim interval of the last round
            // share the next claim instead of each running a claim for one or two rows
            long earliest = lastRound + claimIntervalMillis;
            for (long now = clock.millis(); running && now < earliest; now = clock.millis()) {
                woken.await(earliest - now, TimeUnit.MILLISECONDS);
            }
            signalled = false;
            long now = clock.millis();
            wakeTimes.headSet(now, true).clear();
            lastRound = now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
