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
        Next next = new Next(
                d,
                d.attempts() + (attempted(result) ? 1 : 0),
                Math.max(d.partsSent(), result.partsSent()),
                appendIds(d.providerMessageId(), result.messageIds()),
                now);
        return switch (result) {
            case SendResult.Sent s -> done(next.ended(NotificationStatus.SENT, d.failures(), d.lastError(), now));
            case SendResult.Skipped s -> done(next.ended(NotificationStatus.SKIPPED, d.failures(), s.reason(), null));
            case SendResult.Failed f -> done(next.ended(NotificationStatus.FAILED, d.failures(), f.error(), null));
            case SendResult.RecipientGone g
            when g.permanent() || kind == RecipientKind.CUSTOMER ->
                new Transition(
                        next.ended(
                                NotificationStatus.FAILED, d.failures(), g.error() + "; recipient deactivated", null),
                        null,
                        g.permanent() ? Deactivation.EVERY_RECIPIENT : Deactivation.CUSTOMERS,
                        null);
            case SendResult.RecipientGone g ->
                new Transition(
                        next.ended(
                                NotificationStatus.FAILED,
                                d.failures(),
                                g.error() + "; recipient kept: an admin registered it",
                                null),
                        null,
                        Deactivation.CUSTOMERS,
                        null);
            case SendResult.AddressMoved m -> {
                int failures = d.failures() + 1;
                if (schedule.exhaustedAfter(failures)) {
                    yield gaveUp(next, failures, " moves: " + m.error());
                }
                String error = m.error() + "; moved to " + m.newAddress();
                yield new Transition(
                        next.pending(failures, error, Duration.ZERO, m.newAddress()),
                        Duration.ZERO,
                        Deactivation.NONE,
                        m.newAddress());
            }
            case SendResult.Retry r
            when r.error() == null -> {
                Duration wait = r.after() == null ? Duration.ZERO : r.after();
                yield later(next.pending(d.failures(), d.lastError(), wait, d.address()), wait);
            }
            case SendResult.Retry r -> {
                int failures = d.failures() + 1;
                if (schedule.exhaustedAfter(failures)) {
                    yield gaveUp(next, failures, " failed attempts: " + r.error());
                }
                Duration wait = r.after() != null
                        ? r.after()
                        : schedule.delayAfter(failures).orElseThrow();
                yield later(next.pending(failures, r.error(), wait, d.address()), wait);
            }
        };
    }

    /** What every outcome of one send shares: the attempts, parts and provider ids counted so far, and the time. */
    private record Next(Notification d, int attempts, int parts, String ids, Instant now) {

        /** Final, or (with a null {@code sentAt}) failed or skipped. */
        Notification ended(NotificationStatus status, int failures, String error, Instant sentAt) {
            return d.with(status, attempts, failures, parts, ids, error(error), now, d.address(), now, sentAt);
        }

        /** To be sent again to {@code address} after {@code wait}. */
        Notification pending(int failures, String error, Duration wait, String address) {
            return d.with(
                    NotificationStatus.PENDING,
                    attempts,
                    failures,
                    parts,
                    ids,
                    error(error),
                    now.plus(wait),
                    address,
                    now,
                    null);
        }
    }

    private static Transition done(Notification next) {
        return new Transition(next, null, Deactivation.NONE, null);
    }

    private static Transition later(Notification next, Duration wait) {
        return new Transition(next, wait, Deactivation.NONE, null);
    }

    private static Transition gaveUp(Next next, int failures, String what) {
        return done(next.ended(NotificationStatus.FAILED, failures, "gave up after " + failures + what, null));
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
