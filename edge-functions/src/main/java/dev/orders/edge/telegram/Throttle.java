package dev.orders.edge.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's published limits: about one message per second to a chat and thirty per second overall. Nothing here
 * waits: {@link #acquire} either takes a slot or says how long until one is free, and the caller reschedules.
 * The counts are this process's; several instances share Telegram's limit between them.
 */
final class Throttle {

    private static final int FORGET_ABOVE = 10_000;

    private final Clock clock;
    private final Duration perChat;
    private final int perSecond;
    private final Map<Long, Instant> chatFreeAt = new HashMap<>();
    private final ArrayDeque<Instant> lastSecond = new ArrayDeque<>();

    Throttle(Clock clock, Duration perChat, int perSecond) {
        this.clock = clock;
        this.perChat = perChat;
        this.perSecond = perSecond;
    }

    /** Zero when a message to {@code chat} may go now (the slot is taken), else how long until it may. */
    synchronized Duration acquire(long chat) {
        Instant now = clock.instant();
        Instant windowStart = now.minusSeconds(1);
        while (!lastSecond.isEmpty() && !lastSecond.peekFirst().isAfter(windowStart)) {
            lastSecond.pollFirst();
        }
        Duration wait = Duration.ZERO;
        Instant free = chatFreeAt.get(chat);
        if (free != null && free.isAfter(now)) {
            wait = Duration.between(now, free);
        }
        if (perSecond > 0 && lastSecond.size() >= perSecond) {
            Duration global = Duration.between(now, lastSecond.peekFirst().plusSeconds(1));
            if (global.compareTo(wait) > 0) {
                wait = global;
            }
        }
        if (wait.isPositive()) {
            return wait;
        }
        chatFreeAt.put(chat, now.plus(perChat));
        lastSecond.addLast(now);
        if (chatFreeAt.size() > FORGET_ABOVE) {
            chatFreeAt.values().removeIf(t -> t.isBefore(now));
        }
        return Duration.ZERO;
    }

    /** Telegram said 429 for this chat: nothing more to it until {@code retryAfter} has passed. */
    synchronized void pause(long chat, Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        chatFreeAt.merge(chat, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The chat moved: its pacing follows it. */
    synchronized void forget(long chat) {
        chatFreeAt.remove(chat);
    }
}
