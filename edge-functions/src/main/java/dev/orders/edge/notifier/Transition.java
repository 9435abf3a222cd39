package dev.orders.edge.notifier;

import dev.orders.edge.channel.SendResult;
import dev.orders.infra.dispatch.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a send result does to a delivery: its next state, when to look at it again, and what it does to the
 * recipient. Pure, so every sending rule (429 waits, bounded retries, blocked chats, migrated chats) is a
 * plain function.
 * <p>
 * An address that refuses us stops the customer rows there: anyone may put any chat id on an order. A recipient an
 * admin registered stops only when the address is gone for good (a revoked Slack webhook); a Telegram chat that
 * blocked or never started the bot fails that delivery and stays registered, since only someone in the chat can
 * let the bot in, and the admin decides when to give up on it.
 *
 * @param wakeIn            when the delivery is due again, or null when it is final
 * @param deactivate        which rows at the delivery's address go inactive
 * @param movedTo           the recipient's new address, or null
 */
record Transition(Notification next, Duration wakeIn, Deactivation deactivate, String movedTo) {

    /** Which recipients at an address a refusal stops. */
    enum Deactivation {
        NONE,
        CUSTOMERS,
        EVERY_RECIPIENT
    }

    static final int MAX_ERROR_LENGTH = 1000;

    static Transition of(Notification d, RecipientKind kind, SendResult result, Instant now, RetrySchedule schedule) {
        int attempts = d.attempts() + (attempted(result) ? 1 : 0);
        int parts = Math.max(d.partsSent(), result.partsSent());
        String ids = appendIds(d.providerMessageId(), result.messageIds());
        return switch (result) {
            case SendResult.Sent s ->
                done(d, NotificationStatus.SENT, attempts, d.failures(), parts, ids, d.lastError(), now, now);
            case SendResult.Skipped s ->
                done(d, NotificationStatus.SKIPPED, attempts, d.failures(), parts, ids, s.reason(), now, null);
            case SendResult.Failed f ->
                done(d, NotificationStatus.FAILED, attempts, d.failures(), parts, ids, f.error(), now, null);
            case SendResult.RecipientGone g
            when g.permanent() || kind == RecipientKind.CUSTOMER ->
                new Transition(
                        d.with(
                                NotificationStatus.FAILED,
                                attempts,
                                d.failures(),
                                parts,
                                ids,
                                error(g.error() + "; recipient deactivated"),
                                now,
                                d.address(),
                                now,
                                null),
                        null,
                        g.permanent() ? Deactivation.EVERY_RECIPIENT : Deactivation.CUSTOMERS,
                        null);
            case SendResult.RecipientGone g ->
                new Transition(
                        d.with(
                                NotificationStatus.FAILED,
                                attempts,
                                d.failures(),
                                parts,
                                ids,
                                error(g.error() + "; recipient kept: an admin registered it"),
                                now,
                                d.address(),
                                now,
                                null),
                        null,
                        Deactivation.CUSTOMERS,
                        null);
            case SendResult.AddressMoved m -> {
                int failures = d.failures() + 1;
                if (schedule.exhaustedAfter(failures)) {
                    yield done(
                            d,
                            NotificationStatus.FAILED,
                            attempts,
                            failures,
                            parts,
                            ids,
                            "gave up after " + failures + " moves: " + m.error(),
                            now,
                            null);
                }
                yield new Transition(
                        d.with(
                                NotificationStatus.PENDING,
                                attempts,
                                failures,
                                parts,
                                ids,
                                error(m.error() + "; moved to " + m.newAddress()),
                                now,
                                m.newAddress(),
                                now,
                                null),
                        Duration.ZERO,
                        Deactivation.NONE,
                        m.newAddress());
            }
            case SendResult.Retry r
            when r.error() == null -> {
                Duration wait = r.after() == null ? Duration.ZERO : r.after();
                yield new Transition(
                        d.with(
                                NotificationStatus.PENDING,
                                attempts,
                                d.failures(),
                                parts,
                                ids,
                                d.lastError(),
                                now.plus(wait),
                                d.address(),
                                now,
                                null),
                        wait,
                        Deactivation.NONE,
                        null);
            }
            case SendResult.Retry r -> {
                int failures = d.failures() + 1;
                if (schedule.exhaustedAfter(failures)) {
                    yield done(
                            d,
                            NotificationStatus.FAILED,
                            attempts,
                            failures,
                            parts,
                            ids,
                            "gave up after " + failures + " failed attempts: " + r.error(),
                            now,
                            null);
                }
                Duration wait = r.after() != null
                        ? r.after()
                        : schedule.delayAfter(failures).orElseThrow();
                yield new Transition(
                        d.with(
                                NotificationStatus.PENDING,
                                attempts,
                                failures,
                                parts,
                                ids,
                                error(r.error()),
                                now.plus(wait),
                                d.address(),
                                now,
                                null),
                        wait,
                        Deactivation.NONE,
                        null);
            }
        };
    }

    private static Transition done(
            Notification d,
            NotificationStatus status,
            int attempts,
            int failures,
            int parts,
            String ids,
            String error,
            Instant now,
            Instant sentAt) {
        return new Transition(
                d.with(status, attempts, failures, parts, ids, error(error), now, d.address(), now, sentAt),
                null,
                Deactivation.NONE,
                null);
    }

    private static boolean attempted(SendResult result) {
        return switch (result) {
            case SendResult.Retry r -> r.attempted();
            case SendResult.Skipped s -> false;
            default -> true;
        };
    }

    private static String appendIds(String existing, List<String> added) {
        if (added.isEmpty()) {
            return existing;
        }
        List<String> all = new ArrayList<>();
        if (existing != null && !existing.isEmpty()) {
            all.add(existing);
        }
        all.addAll(added);
        String joined = String.join(",", all);
        return joined.length() <= MAX_ERROR_LENGTH ? joined : joined.substring(0, MAX_ERROR_LENGTH);
    }

    private static String error(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
