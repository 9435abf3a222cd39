package dev.orders.webhooks.delivery.history;

import java.time.Instant;
import java.util.List;

/** Deletes the old history: finished deliveries with their attempts, and the events none refers to any more. */
public interface HistoryPurge {

    /**
     * Deletes, with their attempts, up to {@code limit} deliveries that finished (SUCCEEDED or FAILED) before
     * {@code before}, oldest first from after the id {@code after} (null: from the start). Returns the ids deleted,
     * in order; fewer than {@code limit} means none is left past the last.
     */
    List<String> purgeFinished(Instant before, String after, int limit);

    /** Deletes up to {@code limit} events received before {@code before} that no delivery refers to any more. */
    int purgeEvents(Instant before, int limit);
}
