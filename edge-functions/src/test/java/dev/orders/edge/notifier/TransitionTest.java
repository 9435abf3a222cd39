package dev.orders.edge.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.edge.channel.SendResult;
import dev.orders.infra.dispatch.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionTest {

    static final Instant NOW = Instant.parse("2025-11-27T00:00:00Z");
    static final RetrySchedule POLICY = RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), 3);

    static Notification sending() {
        Recipient r = new Recipient(
                "00000000-0000-7000-8000-000000000001",
                RecipientKind.CUSTOMER,
                "TELEGRAM",
                "42",
                null,
                List.of(),
                "es",
                true,
                null,
                null,
                NOW,
                NOW);
        return Notification.pending(
                        "00000000-0000-7000-8000-000000000002",
                        "msg_1",
                        "order.confirmed",
                        "o-1",
                        r,
                        "es",
                        "s",
                        "b",
                        NOW,
                        null)
                .with(NotificationStatus.SENDING, 0, 0, 0, null, null, NOW, "42", NOW, null);
    }

    @Test
    void aSentMessageIsSentWithItsProviderIds() {
        Transition t = Transition.of(
                sending(), RecipientKind.CUSTOMER, new SendResult.Sent(2, List.of("11", "12")), NOW, POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(t.next().attempts()).isEqualTo(1);
        assertThat(t.next().partsSent()).isEqualTo(2);
        assertThat(t.next().providerMessageId()).isEqualTo("11,12");
        assertThat(t.next().sentAt()).isEqualTo(NOW);
        assertThat(t.wakeIn()).isNull();
    }

    @Test
    void aRateLimitWaitsExactlyWhatTheProviderSaid() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.CUSTOMER,
                new SendResult.Retry(Duration.ofSeconds(7), "Telegram 429", true, 0, List.of()),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(t.next().nextAttemptAt()).isEqualTo(NOW.plusSeconds(7));
        assertThat(t.next().lastError()).isEqualTo("Telegram 429");
        assertThat(t.wakeIn()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void failuresBackOffAndGiveUpAtTheLimit() {
        Notification d = sending();
        Transition first = Transition.of(
                d, RecipientKind.CUSTOMER, SendResult.Retry.failure("Telegram 500", 0, List.of()), NOW, POLICY);
        assertThat(first.next().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(first.wakeIn()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1200));

        Notification twice =
                first.next().with(NotificationStatus.SENDING, 1, 1, 0, null, "Telegram 500", NOW, "42", NOW, null);
        Transition second = Transition.of(
                twice, RecipientKind.CUSTOMER, SendResult.Retry.failure("Telegram 500", 0, List.of()), NOW, POLICY);
        assertThat(second.wakeIn()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2400));

        Notification thrice = second.next().with(NotificationStatus.SENDING, 2, 2, 0, null, "x", NOW, "42", NOW, null);
        Transition last = Transition.of(
                thrice, RecipientKind.CUSTOMER, SendResult.Retry.failure("Telegram 500", 0, List.of()), NOW, POLICY);
        assertThat(last.next().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(last.next().attempts()).isEqualTo(3);
        assertThat(last.next().lastError()).isEqualTo("gave up after 3 failed attempts: Telegram 500");
    }

    @Test
    void pacingIsNeitherAnAttemptNorAFailure() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.CUSTOMER,
                SendResult.Retry.pace(Duration.ofMillis(300), 1, List.of()),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(t.next().attempts()).isZero();
        assertThat(t.next().failures()).isZero();
        assertThat(t.next().partsSent()).isEqualTo(1);
        assertThat(t.next().nextAttemptAt()).isEqualTo(NOW.plusMillis(300));
    }

    @Test
    void aBlockedChatFailsTheDeliveryAndDeactivatesTheCustomersThere() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.CUSTOMER,
                new SendResult.RecipientGone(
                        "Telegram 403: Forbidden: bot was blocked by the user", false, 0, List.of()),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(t.deactivate()).isEqualTo(Transition.Deactivation.CUSTOMERS);
        assertThat(t.next().lastError()).contains("bot was blocked by the user").contains("recipient deactivated");
    }

    @Test
    void aChatThatRefusesTheBotKeepsTheSubscriberAnAdminRegistered() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.SUBSCRIBER,
                new SendResult.RecipientGone(
                        "Telegram 403: Forbidden: bot can't initiate conversation with a user", false, 0, List.of()),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(t.deactivate())
                .as("only customer rows at the address stop")
                .isEqualTo(Transition.Deactivation.CUSTOMERS);
        assertThat(t.next().lastError()).contains("recipient kept");
    }

    @Test
    void aRevokedWebhookDeactivatesEveryRecipientAtItsAddress() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.SUBSCRIBER,
                new SendResult.RecipientGone("Slack 410: channel_is_archived", true, 0, List.of()),
                NOW,
                POLICY);

        assertThat(t.deactivate()).isEqualTo(Transition.Deactivation.EVERY_RECIPIENT);
        assertThat(t.next().lastError()).contains("recipient deactivated");
    }

    @Test
    void aMigratedChatIsSentAgainAtOnceToTheNewId() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.CUSTOMER,
                new SendResult.AddressMoved("-1001234", "Telegram 400: upgraded", 0, List.of()),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(t.next().address()).isEqualTo("-1001234");
        assertThat(t.movedTo()).isEqualTo("-1001234");
        assertThat(t.wakeIn()).isZero();
        assertThat(t.next().nextAttemptAt()).isEqualTo(NOW);
    }

    @Test
    void anUnconfiguredChannelSkipsWithoutAnAttempt() {
        Transition t = Transition.of(
                sending(),
                RecipientKind.CUSTOMER,
                new SendResult.Skipped("TELEGRAM_BOT_TOKEN is not set"),
                NOW,
                POLICY);

        assertThat(t.next().status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(t.next().attempts()).isZero();
        assertThat(t.next().lastError()).isEqualTo("TELEGRAM_BOT_TOKEN is not set");
    }
}
