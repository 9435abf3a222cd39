package dev.orders.webhooks.delivery;

/** PENDING until a 2xx (SUCCEEDED) or until the last attempt fails (FAILED); a replay makes it PENDING again. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
