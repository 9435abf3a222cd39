package dev.orders.infra.persistence;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: each caller hands in one item and waits; one caller at a time (the leader) writes every item waiting
 * then in one transaction and hands each caller its own result, so under load one commit serves many callers and a
 * caller alone pays no added latency. A failed batch is written again item by item, so one bad item fails only its
 * own caller. With a {@code linger}, a leader in a steady stream waits up to that long for more items, less when the
 * stream goes quiet (docs/architecture.md, Decisions).
 *
 * @param <I> what a caller hands in
 * @param <R> what it gets back
 */
public final class GroupCommit<I, R> {

    private static final Duration MAX_LINGER = Duration.ofSeconds(1);

    private final Function<List<I>, List<R>> writer;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Condition full = lock.newCondition();
    private final ArrayDeque<Pending<I, R>> waiting = new ArrayDeque<>();
    private final long lingerNanos;
    private final long quietFloorNanos;
    private boolean leading;
    /** When the last item arrived; at first a linger ago, so that the first item is not in a stream. */
    private long lastArrival;
    /** Moving average of the gaps between arrivals within a stream, in nanoseconds. */
    private long meanGap;

    /**
     * @param writer   writes a batch in one transaction and returns one result per item, in order
     * @param maxBatch the most items one batch holds
     */
    public GroupCommit(Function<List<I>, List<R>> writer, int maxBatch) {
        this(writer, maxBatch, Duration.ZERO);
    }

    /**
     * @param writer   writes a batch in one transaction and returns one result per item, in order
     * @param maxBatch the most items one batch holds
     * @param linger   the longest an item arriving in a stream waits for others to share its batch; zero never
     */
    public GroupCommit(Function<List<I>, List<R>> writer, int maxBatch, Duration linger) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must be zero or more");
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.quietFloorNanos = lingerNanos / 10;
        this.lastArrival = System.nanoTime() - lingerNanos;
    }

    /**
     * The range a service lets its configuration set a linger to: longer would hold a caller (a consumer, a request)
     * for more than a second to save commits.
     *
     * @param setting what the caller calls it (an environment variable), for the message
     * @return {@code linger}
     * @throws IllegalArgumentException unless it is between zero and one second
     */
    public static Duration checkLinger(String setting, Duration linger) {
        if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException(setting + " (" + linger + ") must be between 0 and " + MAX_LINGER);
        }
        return linger;
    }

    /** Writes {@code item} (in a batch with whatever else is waiting) and returns its result once committed. */
    public R submit(I item) {
        Pending<I, R> mine = new Pending<>(item);
        List<Pending<I, R>> batch;
        lock.lock();
        try {
            arrive(mine);
            while (true) {
                while (leading && !mine.done) {
                    written.awaitUninterruptibly();
                }
                if (mine.done) {
                    return mine.result();
                }
                leading = true;
                linger();
                batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
                while (!waiting.isEmpty() && batch.size() < maxBatch) {
                    batch.add(waiting.poll());
                }
                lock.unlock();
                try {
                    write(batch);
                } finally {
                    lock.lock();
                    leading = false;
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void arrive(Pending<I, R> mine) {
        if (lingerNanos > 0) {
            long now = System.nanoTime();
            long gap = now - lastArrival;
            mine.arrived = now;
            mine.inStream = gap < lingerNanos;
            if (mine.inStream) {
                meanGap += (gap - meanGap) / 8;
            }
            lastArrival = now;
        }
        waiting.add(mine);
        if (lingerNanos > 0 && waiting.size() >= maxBatch) {
            full.signal();
        }
    }

    /**
     * Under the lock, as the leader: waits for more items while the oldest is in a stream and young enough, and items
     * keep coming.
     */
    private void linger() {
        Pending<I, R> oldest = waiting.peek();
        if (lingerNanos == 0 || oldest == null || !oldest.inStream) {
            return;
        }
        long deadline = oldest.arrived + lingerNanos;
        while (waiting.size() < maxBatch) {
            long now = System.nanoTime();
            long quietFrom = lastArrival + Math.max(quietFloorNanos, 2 * meanGap);
            long until = Math.min(deadline, quietFrom);
            if (until - now <= 0) {
                return;
            }
            try {
                full.awaitNanos(until - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Items handed in and not yet taken into a batch. */
    int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Pending<I, R>> batch) {
        try {
            complete(batch, writer.apply(items(batch)));
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.getFirst().fail(e);
                return;
            }
            for (Pending<I, R> one : batch) {
                try {
                    complete(List.of(one), writer.apply(List.of(one.item)));
                } catch (RuntimeException | Error alone) {
                    one.fail(alone);
                }
            }
        }
    }

    private void complete(List<Pending<I, R>> batch, List<R> results) {
        if (results == null || results.size() != batch.size()) {
            throw new IllegalStateException("the batch writer returned " + (results == null ? "no" : results.size())
                    + " results for " + batch.size() + " items");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).succeed(results.get(i));
        }
    }

    private static <I> List<I> items(List<? extends Pending<I, ?>> batch) {
        List<I> items = new ArrayList<>(batch.size());
        for (Pending<I, ?> pending : batch) {
            items.add(pending.item);
        }
        return items;
    }

    /** Written by the leader before it takes the lock again and signals; read by its owner under the lock. */
    private static final class Pending<I, R> {
        private final I item;
        private long arrived;
        private boolean inStream;
        private boolean done;
        private R result;
        private Throwable failure;

        Pending(I item) {
            this.item = item;
        }

        void succeed(R value) {
            result = value;
            done = true;
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
        }

        R result() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return result;
        }
    }
}
