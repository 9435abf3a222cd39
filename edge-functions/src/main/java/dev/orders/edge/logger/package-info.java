/**
 * The logger function ({@code POST /functions/v1/logger}): every signed event, once per webhook id, in
 * {@code event_log}, and the admin read route {@code GET /functions/v1/logger/events}.
 */
package dev.orders.edge.logger;
