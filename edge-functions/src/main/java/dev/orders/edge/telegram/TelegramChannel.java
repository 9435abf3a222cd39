package dev.orders.edge.telegram;

import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import dev.orders.infra.egress.BoundedHttpClient;
import dev.orders.infra.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram Bot API {@code sendMessage} in HTML parse mode. The bot token is part of every request URL, so no URL,
 * and no exception text that could hold one, leaves this class without {@link #redact}. The Bot API's address is the
 * operator's ({@code TELEGRAM_API_BASE_URL}), so it passes no address rules, but its answers are bounded like every
 * call out ({@link BoundedHttpClient}).
 */
@Component
class TelegramChannel implements Channel, DisposableBean {

    public static final String NAME = "TELEGRAM";

    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);
    private static final Pattern TOKEN = Pattern.compile("^[0-9]+:[A-Za-z0-9_-]+$");
    private static final JsonMapper JSON = WireJson.mapper();
    // a sendMessage answer echoes the message (at most 4096 characters and its entities)
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final TelegramProperties properties;
    private final String token;
    private final BoundedHttpClient http;
    private final Throttle throttle;

    public TelegramChannel(TelegramProperties properties, Clock clock) {
        this.properties = properties;
        this.token = properties.hasToken() ? properties.botToken().trim() : "";
        if (!token.isEmpty() && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    "TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<letters>)");
        }
        String scheme = properties.apiBaseUrl().getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("TELEGRAM_API_BASE_URL must be an http(s) URL");
        }
        this.http = new BoundedHttpClient(new BoundedHttpClient.Settings(
                properties.timeout(), properties.timeout(), MAX_ANSWER_BYTES, 16, "orders-platform-notifier/1", null));
        this.throttle = new Throttle(clock, properties.perChat(), properties.maxPerSecond());
        if (token.isEmpty()) {
            log.warn("TELEGRAM_BOT_TOKEN is not set: Telegram deliveries will be recorded as SKIPPED, not sent.");
        } else {
            log.info("Telegram deliveries go to {}", properties.apiBaseUrl());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> checkAddress(String address) {
        return chatId(address).isPresent()
                ? Optional.empty()
                : Optional.of("must be a Telegram chat id, a 64-bit integer such as 123456789 or -1001234567890");
    }

    static Optional<Long> chatId(String address) {
        if (address == null || !address.matches("^-?[0-9]{1,19}$")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(address));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public SendResult send(Outgoing message) {
        if (token.isEmpty()) {
            return new SendResult.Skipped("TELEGRAM_BOT_TOKEN is not set");
        }
        Optional<Long> chat = chatId(message.address());
        if (chat.isEmpty()) {
            return new SendResult.Failed("not a Telegram chat id", message.partsSent(), List.of());
        }
        long chatId = chat.get();
        List<String> parts = TelegramText.split(message.html(), properties.maxLength());
        int done = Math.min(message.partsSent(), parts.size());
        List<String> ids = new ArrayList<>();
        while (done < parts.size()) {
            Duration wait = throttle.acquire(chatId);
            if (wait.isPositive()) {
                return SendResult.Retry.pace(wait, done, ids);
            }
            Reply reply;
            try {
                reply = sendMessage(chatId, parts.get(done));
            } catch (IOException e) {
                return SendResult.Retry.failure("Telegram unreachable: " + describe(e), done, ids);
            }
            if (reply.ok()) {
                ids.add(reply.messageId() == null ? "?" : reply.messageId());
                done++;
                continue;
            }
            String error = "Telegram " + reply.status() + ": " + reply.description();
            if (reply.migrateTo() != null) {
                throttle.forget(chatId);
                return new SendResult.AddressMoved(reply.migrateTo(), error, done, ids);
            }
            if (reply.status() == 429) {
                Duration after = Duration.ofSeconds(Math.max(1, reply.retryAfter() == null ? 1 : reply.retryAfter()));
                throttle.pause(chatId, after);
                return new SendResult.Retry(after, error, true, done, ids);
            }
            if (reply.status() == 403) {
                // blocked by the user, never started, user deactivated, bot kicked from the group: nothing gets
                // through until someone in the chat lets the bot in again
                return new SendResult.RecipientGone(error, false, done, ids);
            }
            if (reply.status() >= 500) {
                return SendResult.Retry.failure(error, done, ids);
            }
            return new SendResult.Failed(error, done, ids);
        }
        return new SendResult.Sent(done, ids);
    }

    private Reply sendMessage(long chatId, String text) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text);
        body.put("parse_mode", "HTML");
        body.put("link_preview_options", Map.of("is_disabled", true));
        URI endpoint;
        try {
            endpoint = endpoint();
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid Bot API URL");
        }
        BoundedHttpClient.Response response =
                http.post(endpoint, Map.of(), JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON);
        return Reply.of(
                response.status(), response.truncated() ? null : new String(response.body(), StandardCharsets.UTF_8));
    }

    private URI endpoint() {
        String base = properties.apiBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "bot" + token + "/sendMessage");
    }

    private String describe(Exception e) {
        String text = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return redact(text);
    }

    /** Removes the token from any text, should a library have put the request URL in it. */
    String redact(String text) {
        if (text == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, "<redacted>").replace(token.substring(token.indexOf(':') + 1), "<redacted>");
    }

    private record Reply(
            int status, boolean ok, String messageId, String description, Integer retryAfter, String migrateTo) {

        static Reply of(int status, String body) {
            JsonNode json = null;
            try {
                json = body == null || body.isBlank() ? null : JSON.readTree(body);
            } catch (JacksonException ignored) {
                // a proxy's HTML error page: the status says enough
            }
            if (json == null || !json.isObject()) {
                return new Reply(status, false, null, "HTTP " + status + " without a Bot API answer", null, null);
            }
            boolean ok = status == 200 && json.path("ok").asBoolean(false);
            String messageId = json.path("result").path("message_id").isIntegralNumber()
                    ? json.path("result").path("message_id").asString()
                    : null;
            String description = json.path("description").isString()
                    ? truncate(json.path("description").asString())
                    : "HTTP " + status;
            JsonNode parameters = json.path("parameters");
            Integer retryAfter = parameters.path("retry_after").isIntegralNumber()
                    ? parameters.path("retry_after").asInt()
                    : null;
            String migrateTo = parameters.path("migrate_to_chat_id").isIntegralNumber()
                    ? parameters.path("migrate_to_chat_id").asString()
                    : null;
            return new Reply(status, ok, messageId, description, retryAfter, migrateTo);
        }

        private static String truncate(String s) {
            return s.length() <= 300 ? s : s.substring(0, 300);
        }
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
