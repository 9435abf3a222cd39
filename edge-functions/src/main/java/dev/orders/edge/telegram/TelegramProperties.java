package dev.orders.edge.telegram;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Telegram channel's settings ({@code TELEGRAM_*}, documented in docs/edge-functions.md). No bot token means every
 * Telegram delivery is recorded SKIPPED; {@code perChat} and {@code maxPerSecond} keep within the Bot API's limits.
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
