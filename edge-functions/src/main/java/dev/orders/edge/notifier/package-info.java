/**
 * The notifier function ({@code POST /functions/v1/notifier}): recipients ({@code recipients}, admin API), the
 * webhook ids acted on ({@code notifier_inbox}), and the deliveries, which are both the notification log and the
 * durable send queue ({@code deliveries}). Knows channels only through {@link dev.orders.edge.channel.Channel}.
 */
package dev.orders.edge.notifier;
