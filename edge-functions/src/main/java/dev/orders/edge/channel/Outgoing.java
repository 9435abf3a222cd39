package dev.orders.edge.channel;

/**
 * One message for one address.
 *
 * @param deliveryId idempotency reference for providers that accept one
 * @param subject    plain text, for channels that have a subject line
 * @param html       the body in the Telegram HTML subset ({@code <b>}, {@code <i>}, {@code <code>}, escaped
 *                   {@code &lt; &gt; &amp;}, newlines as line breaks); each channel converts it to its own markup
 * @param partsSent  parts already delivered by earlier attempts, for channels that split long messages
 */
public record Outgoing(String deliveryId, String address, String subject, String html, int partsSent) {}
