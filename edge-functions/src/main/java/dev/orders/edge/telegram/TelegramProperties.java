package dev.orders.edge.telegram;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiBaseUrl     Bot API base URL ({@code TELEGRAM_API_BASE_URL}); a local fake in tests
 * @param botToken       {@code TELEGRAM_BOT_TOKEN}; empty means every Telegram delivery is recorded SKIPPED
 * @param timeout        connect and answer timeout of one {@code sendMessage}
 * @param perChat        least time between two messages to the same chat
 * @param maxPerSecond   most messages per second over all chats
 * @param maxLength      longest text of one message; longer ones are split
 */
@ConfigurationProperties("edge.telegram")
public record TelegramProperties(
        @DefaultValue("https://api.telegram.org") URI apiBaseUrl,
        @DefaultValue("") String botToken,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration perChat,
        @DefaultValue("30") int maxPerSecond,
        @DefaultValue("4096") int maxLength) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TelegramProperties[apiBaseUrl=" + apiBaseUrl + ", botToken=" + (hasToken() ? "<set>" : "<empty>")
                + ", timeout=" + timeout + ", perChat=" + perChat + ", maxPerSecond=" + maxPerSecond
                + ", maxLength=" + maxLength + "]";
    }

    public boolean hasToken() {
        return botToken != null && !botToken.isBlank();
    }
}
