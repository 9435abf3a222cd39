package dev.orders.infra.ids;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUID version 7 (RFC 9562): time-ordered, so ids sort by creation time both as text and in a B-tree, which keeps
 * inserts at the end of the index and makes "newest first" paging a simple range scan.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {}

    public static String newId() {
        return newUuid().toString();
    }

    /**
     * The smallest id of {@code instant}'s millisecond: every id made before that millisecond sorts below it, as text
     * and as a UUID. A range bound for "created before".
     */
    public static String lowestAt(Instant instant) {
        return new UUID((instant.toEpochMilli() << 16) | 0x7000L, 0x8000000000000000L).toString();
    }

    public static UUID newUuid() {
        // 48 bits of milliseconds then 12 bits of a counter within the millisecond keep ids monotonic in one process.
        long now = System.currentTimeMillis();
        long stamp = LAST.updateAndGet(prev -> {
            long prevMs = prev >>> 12;
            return now > prevMs ? now << 12 : prev + 1;
        });
        long ms = stamp >>> 12;
        long seq = stamp & 0xFFF;
        long msb = (ms << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
