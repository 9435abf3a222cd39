package dev.orders.edge.logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The {@code event_log} table: one row per webhook id, whatever the number of deliveries. */
public interface EventLog {

    /**
     * Stores the events in one statement and returns the webhook ids stored now: one left out was stored before
     * (nothing changes then), or appears earlier in the same list.
     */
    Set<String> append(List<LoggedEvent> events);

    /** Newest received first, below the {@code before} id (null for the first page). */
    List<LoggedEvent> page(EventFilter filter, String before, int limit);

    /** Deletes up to {@code limit} of the events received before {@code before}, oldest first; returns how many. */
    int purgeBefore(Instant before, int limit);
}
