/**
 * Telegram Bot API {@code sendMessage}: HTML parse mode, 4096-character parts, about one message per second per chat
 * and thirty per second overall, and the Bot API's answers (429, 403, 400, migrate_to_chat_id) turned into
 * {@link dev.orders.edge.channel.SendResult}s.
 */
package dev.orders.edge.telegram;
