package dev.orders.edge.notifier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code recipients} table. One row per (kind, channel, address). */
public interface Recipients {

    Optional<Recipient> find(String id);

    /** Active subscribers on any channel; the notifier filters them by event type. */
    List<Recipient> activeSubscribers();

    /**
     * The customer row for an order's contact, created on first sight; an address Telegram migrated is found by
     * its old value too. Returns the row as stored, which may be inactive.
     */
    Recipient customer(String channel, String address, String name, String locale, Instant now);

    /** @throws org.springframework.dao.DuplicateKeyException when the kind, channel and address exist */
    void insert(Recipient recipient);

    /** False when the id does not exist. */
    boolean update(Recipient recipient);

    boolean delete(String id);

    List<Recipient> page(RecipientFilter filter, String before, int limit);

    /** Every row at this address, of {@code kind} when not null, goes inactive; returns how many did. */
    int deactivate(String channel, String address, RecipientKind kind, String reason, Instant now);

    /**
     * Every row at {@code from} moves to {@code to}, remembering {@code from}; a row of a kind that already has
     * {@code to} goes inactive instead.
     */
    int moveAddress(String channel, String from, String to, Instant now);

    /** Every field optional. */
    record RecipientFilter(RecipientKind kind, String channel, String address, Boolean active) {}
}
