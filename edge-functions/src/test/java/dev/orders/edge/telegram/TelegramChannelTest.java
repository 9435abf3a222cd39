package dev.orders.edge.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import dev.orders.edge.support.FakeTelegram;
import dev.orders.edge.support.FakeTelegram.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Bot API client alone against the fake server; the same behaviours through the whole app are in the ITs. */
class TelegramChannelTest {

    static final FakeTelegram FAKE = new FakeTelegram();

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    static TelegramChannel channel(String baseUrl, String token, Duration perChat) {
        return new TelegramChannel(
                new TelegramProperties(URI.create(baseUrl), token, Duration.ofSeconds(5), perChat, 30, 4096),
                Clock.systemUTC());
    }

    static TelegramChannel channel() {
        return channel(FAKE.baseUrl(), FakeTelegram.TOKEN, Duration.ofSeconds(1));
    }

    static long newChat() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    }

    static SendResult send(TelegramChannel channel, long chat, String html) {
        return channel.send(new Outgoing("d-1", String.valueOf(chat), "s", html, 0));
    }

    @Test
    void sendsTheChatIdAsA64BitIntegerInHtmlParseMode() {
        long chat = -1_001_234_567_890_123L;

        SendResult result = send(channel(), chat, "<b>Hola</b> &amp; adi\u00f3s");

        assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class, s -> {
            assertThat(s.partsSent()).isEqualTo(1);
            assertThat(s.messageIds()).hasSize(1);
        });
        FakeTelegram.Request request = FAKE.requestsTo(chat).getFirst();
        assertThat(request.chatIdWasNumber()).isTrue();
        assertThat(request.parseMode()).isEqualTo("HTML");
        assertThat(request.text()).isEqualTo("<b>Hola</b> &amp; adi\u00f3s");
    }

    @Test
    void waitsWhatA429SaysAndHoldsTheChatMeanwhile() {
        long chat = newChat();
        FAKE.script(chat, Reply.tooManyRequests(3));
        TelegramChannel channel = channel(FAKE.baseUrl(), FakeTelegram.TOKEN, Duration.ZERO);

        SendResult result = send(channel, chat, "x");

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, r -> {
            assertThat(r.after()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.attempted()).isTrue();
            assertThat(r.error()).contains("429").contains("retry after 3");
        });
        assertThat(send(channel, chat, "x"))
                .isInstanceOfSatisfying(
                        SendResult.Retry.class, r -> assertThat(r.after()).isGreaterThan(Duration.ofSeconds(2)));
        assertThat(FAKE.requestsTo(chat)).hasSize(1);
    }

    @Test
    void aBlockedOrDeactivatedUserIsGone() {
        long blocked = newChat();
        long deactivated = newChat();
        FAKE.script(blocked, Reply.blocked());
        FAKE.script(deactivated, Reply.deactivated());

        assertThat(send(channel(), blocked, "x")).isInstanceOfSatisfying(SendResult.RecipientGone.class, g -> {
            assertThat(g.error()).contains("403").contains("bot was blocked by the user");
            assertThat(g.permanent())
                    .as("someone in the chat may let the bot in again")
                    .isFalse();
        });
        assertThat(send(channel(), deactivated, "x"))
                .isInstanceOfSatisfying(
                        SendResult.RecipientGone.class,
                        g -> assertThat(g.error()).contains("user is deactivated"));
    }

    @Test
    void anUnknownChatFails() {
        long chat = newChat();
        FAKE.script(chat, Reply.chatNotFound());

        assertThat(send(channel(), chat, "x"))
                .isInstanceOfSatisfying(
                        SendResult.Failed.class,
                        f -> assertThat(f.error()).isEqualTo("Telegram 400: Bad Request: chat not found"));
    }

    @Test
    void aMigratedGroupGivesItsNewId() {
        long chat = newChat();
        FAKE.script(chat, Reply.migrated(-1_009_876_543_210L));

        assertThat(send(channel(), chat, "x"))
                .isInstanceOfSatisfying(
                        SendResult.AddressMoved.class,
                        m -> assertThat(m.newAddress()).isEqualTo("-1009876543210"));
    }

    @Test
    void aServerErrorIsRetriedWithTheNotifiersBackoff() {
        long chat = newChat();
        FAKE.script(chat, Reply.serverError());

        assertThat(send(channel(), chat, "x")).isInstanceOfSatisfying(SendResult.Retry.class, r -> {
            assertThat(r.after()).isNull();
            assertThat(r.error()).isEqualTo("Telegram 500: Internal Server Error");
        });
    }

    @Test
    void sendsALongMessageInPartsAndResumesAfterThoseAlreadySent() {
        long chat = newChat();
        String html = ("\u2022 1 \u00d7 Tornillos &lt;M8&gt; &amp; tuercas " + "y".repeat(40) + "\n").repeat(120);
        TelegramChannel unpaced = channel(FAKE.baseUrl(), FakeTelegram.TOKEN, Duration.ZERO);

        SendResult first = unpaced.send(new Outgoing("d", String.valueOf(chat), "s", html, 0));
        assertThat(first)
                .isInstanceOfSatisfying(
                        SendResult.Sent.class, s -> assertThat(s.partsSent()).isEqualTo(3));
        assertThat(FAKE.requestsTo(chat))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.text().length()).isLessThanOrEqualTo(4096));

        SendResult resumed = unpaced.send(new Outgoing("d", String.valueOf(chat), "s", html, 2));
        assertThat(resumed)
                .isInstanceOfSatisfying(
                        SendResult.Sent.class, s -> assertThat(s.messageIds()).hasSize(1));
        assertThat(FAKE.requestsTo(chat)).hasSize(4);
        assertThat(FAKE.requestsTo(chat).get(3).text())
                .isEqualTo(FAKE.requestsTo(chat).get(2).text());
    }

    @Test
    void pacesTheSecondPartToTheSameChat() {
        long chat = newChat();
        String html = ("line " + "z".repeat(90) + "\n").repeat(60);

        SendResult result = send(channel(), chat, html);

        assertThat(result).isInstanceOfSatisfying(SendResult.Retry.class, r -> {
            assertThat(r.error()).isNull();
            assertThat(r.partsSent()).isEqualTo(1);
            assertThat(r.messageIds()).hasSize(1);
            assertThat(r.after()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void withoutATokenNothingIsSent() {
        long chat = newChat();

        assertThat(send(channel(FAKE.baseUrl(), "", Duration.ZERO), chat, "x"))
                .isInstanceOfSatisfying(
                        SendResult.Skipped.class,
                        s -> assertThat(s.reason()).isEqualTo("TELEGRAM_BOT_TOKEN is not set"));
        assertThat(FAKE.requestsTo(chat)).isEmpty();
    }

    @Test
    void theTokenIsInNoErrorEvenWhenTheServerIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SendResult result =
                send(channel("http://127.0.0.1:" + closed, FakeTelegram.TOKEN, Duration.ZERO), newChat(), "x");

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendResult.Retry.class,
                        r -> assertThat(r.error())
                                .startsWith("Telegram unreachable")
                                .doesNotContain(FakeTelegram.TOKEN)
                                .doesNotContain(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1)));
    }

    @Test
    void aRefusedTokenFailsWithoutShowingIt() {
        String wrong = "987654321:WRONG-token";

        SendResult result = send(channel(FAKE.baseUrl(), wrong, Duration.ZERO), newChat(), "x");

        assertThat(result)
                .isInstanceOfSatisfying(
                        SendResult.Failed.class,
                        f -> assertThat(f.error())
                                .isEqualTo("Telegram 404: Not Found")
                                .doesNotContain("WRONG-token"));
    }

    @Test
    void refusesAMalformedTokenWithoutEchoingIt() {
        assertThatThrownBy(() -> channel(FAKE.baseUrl(), "not a token/secret", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not a token/secret");
    }

    @Test
    void acceptsOnlySigned64BitChatIds() {
        TelegramChannel channel = channel();
        assertThat(channel.checkAddress("123456789")).isEmpty();
        assertThat(channel.checkAddress("-1001234567890")).isEmpty();
        assertThat(channel.checkAddress("9223372036854775807")).isEmpty();
        assertThat(channel.checkAddress("9223372036854775808")).isPresent();
        assertThat(channel.checkAddress("@channel")).isPresent();
        assertThat(channel.checkAddress("12.5")).isPresent();
        assertThat(List.of(channel.name())).containsExactly("TELEGRAM");
    }
}
