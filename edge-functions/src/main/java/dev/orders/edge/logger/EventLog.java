package dev.orders.edge.logger;

import java.util.List;

/** The {@code event_log} table: one row per webhook id, whatever the number of deliveries. */
public interface EventLog {

    /** False when an event with this webhook id is already stored (nothing changes then). */
    boolean append(LoggedEvent event);

    /** Newest received first, below the {@code before} id (null for the first page). */
    List<LoggedEvent> page(EventFilter filter, String before, int limit);
}
