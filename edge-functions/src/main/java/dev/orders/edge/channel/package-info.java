/**
 * The one small interface every way of reaching a person implements ({@link dev.orders.edge.channel.Channel}), what
 * a send can come to ({@link dev.orders.edge.channel.SendResult}), and the message markup they share
 * ({@link dev.orders.edge.channel.Html}). A new channel (SMS) is a new class implementing {@code Channel} and
 * registered as a bean: nothing here, in the notifier, or in the other channels changes.
 */
package dev.orders.edge.channel;
