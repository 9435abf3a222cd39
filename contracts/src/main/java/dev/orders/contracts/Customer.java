package dev.orders.contracts;

/**
 * Optional contact of the person who placed an order; the notifier uses it. Every field is optional.
 *
 * @param telegramChatId Telegram chat id (64-bit)
 * @param locale         preferred language, e.g. {@code es} or {@code en}
 */
public record Customer(String name, Long telegramChatId, String email, String locale) {}
