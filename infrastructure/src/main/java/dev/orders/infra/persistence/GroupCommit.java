package dev.orders.infra.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: callers on many threads each hand in one item and wait until it is written; one of them at a time
 * (the leader) writes every item waiting at that moment in one batch, then hands each caller its own result. Under
 * load one transaction serves many callers; a caller alone writes its item at once, so there is no timer and no
 * added latency. The writer must be all-or-nothing per batch (one transaction) and return one result per item, in
 * order.
 *
 * <p>When a batch of several fails, each of its items is written again on its own, so one bad item fails only its
 * own caller (and a batch that failed for a passing reason, such as a deadlock, is simply retried). Callers keep
 * their own semantics: {@link #submit} returns only after the item's transaction committed, and throws what the
 * writer threw for it.
 *
 * @param <I> what a caller hands in
 * @param <R> what it gets back
 */
public final class GroupCommit<I, R> {

    private final Function<List<I>, List<R>> writer;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Pending<I, R>> waiting = new ArrayDeque<>();
    private boolean leading;

    /**
     * @param writer   writes a batch in one transaction and returns one result per item, in order
     * @param maxBatch the most items one batch holds
     */
    public GroupCommit(Function<List<I>, List<R>> writer, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
    }

    /** Writes {@code item} (in a batch with whatever else is waiting) and returns its result once committed. */
    public R submit(I item) {
        Pending<I, R> mine = new Pending<>(item);
        List<Pending<I, R>> batch;
        lock.lock();
        try {
            waiting.add(mine);
            while (true) {
                while (leading && !mine.done) {
                    written.awaitUninterruptibly();
                }
                if (mine.done) {
                    return mine.result();
                }
                leading = true;
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
