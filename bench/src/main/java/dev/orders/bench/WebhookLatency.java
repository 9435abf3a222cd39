package dev.orders.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long webhooks took, from the state change that caused the event (the payload's timestamp: the order's
 * updatedAt, or for product.stockReserved the producer's outbox commit time) to the logger function storing it (its
 * received_at), read from the logger's table for the events of the measured window.
 */
final class WebhookLatency {

    private WebhookLatency() {}

    static Map<String, Object> measure(String url, Instant from, Instant to) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        // the webhook path may lag behind the orders: wait until the logger stops receiving (at most 120 s)
        out.put("drainSeconds", awaitQuiet(url, 120));
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement s = c.prepareStatement("""
                     SELECT COUNT(*) AS n,
                            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
                            percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90,
                            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
                            percentile_cont(0.999) WITHIN GROUP (ORDER BY ms) AS p999,
                            MAX(ms) AS max
                     FROM (SELECT EXTRACT(EPOCH FROM (received_at - event_time)) * 1000 AS ms
                           FROM event_log WHERE event_time >= ? AND event_time < ?) t""")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                out.put(
                        "what",
                        "events of the window: event time (order updatedAt, or the outbox commit time) → "
                                + "stored by the logger function");
                out.put("count", rs.getLong("n"));
                for (String p : new String[] {"p50", "p90", "p99", "p999", "max"}) {
                    out.put(p.equals("p999") ? "p99.9" : p, Math.round(rs.getDouble(p) * 10) / 10.0);
                }
            }
        }
        return out;
    }

    /**
     * Waits until the logger has stored nothing new for 3 s, at most {@code maxSeconds}; the seconds waited. Also
     * used after the warm-up, so the measured window does not start behind a backlog of warm-up webhooks.
     */
    static double awaitQuiet(String url, int maxSeconds) throws SQLException {
        long waitedFrom = System.nanoTime();
        long previous = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() - waitedFrom < maxSeconds * 1_000_000_000L) {
            long now = count(url);
            if (now != previous) {
                previous = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 3_000_000_000L) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
        }
        return Math.round((System.nanoTime() - waitedFrom) / 1e8) / 10.0;
    }

    private static long count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM event_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
