package dev.orders.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A history kept for {@code keep} (zero keeps it forever): a subclass says how to delete what is older than a cut;
 * {@link #upkeep} runs one or more of them on timer threads of their own.
 */
public abstract class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** Rows a purge deletes per statement or transaction: small enough that no batch holds locks for long. */
    protected static final int BATCH = 1000;

    /** How many rows one purge deleted, by what they were ({@code deliveries}, {@code inbox}). */
    public record Purged(Map<String, Long> rows) {

        public static Purged of(String what, long count) {
            return new Purged(Map.of(what, count));
        }

        public static Purged of(String what, long count, String then, long thenCount) {
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put(what, count);
            rows.put(then, thenCount);
            return new Purged(Collections.unmodifiableMap(rows));
        }

        public long rows(String what) {
            return rows.getOrDefault(what, 0L);
        }

        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final String what;
    private final Duration keep;
    private final Clock clock;

    /** {@code what} names the history in the log ("the webhook history"). */
    protected Retention(String what, Duration keep, Clock clock) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("a retention must be zero (keep forever) or more: " + keep);
        }
        this.what = what;
        this.keep = keep;
        this.clock = clock;
    }

    /** Deletes the history older than {@code before}. */
    public abstract Purged purge(Instant before);

    public final boolean enabled() {
        return !keep.isZero();
    }

    /** Deletes the history older than the retention, as of now. */
    public final Purged purgeExpired() {
        long started = System.nanoTime();
        Purged purged = purge(clock.instant().minus(keep));
        if (purged.total() > 0) {
            log.info(
                    "Deleted {} older than {}: {}, in {} ms",
                    what,
                    keep,
                    purged.rows(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return purged;
    }

    /**
     * Runs each enabled retention every {@code every} (the first soon after start), each on a timer thread of its
     * own so that a long purge never delays another.
     */
    public static Upkeep upkeep(String name, Duration every, List<? extends Retention> retentions) {
        if (!every.isPositive()) {
            throw new IllegalArgumentException("a retention interval must be positive: " + every);
        }
        return new Upkeep(name, Math.max(1, retentions.size())) {
            @Override
            protected void schedule(Periodic periodic) {
                for (Retention retention : retentions) {
                    if (retention.enabled()) {
                        periodic.every(
                                every,
                                Periodic.soonAfterStart(every),
                                "delete " + retention.what,
                                retention::purgeExpired);
                    }
                }
            }
        };
    }
}
