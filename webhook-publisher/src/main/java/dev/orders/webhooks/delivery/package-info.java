/**
 * The delivery engine. This package is its model (deliveries, attempts, events, payload, signature, settings) and
 * {@link dev.orders.webhooks.delivery.DeliveryDispatch}; the rooms are {@code intake} (events become deliveries),
 * {@code dispatch} (claiming, sending, retrying) and {@code history} (the admin's view, replays, retention), each
 * with its port and adapters beside it. The model knows none of the rooms, and the rooms do not know each other.
 */
package dev.orders.webhooks.delivery;
