package dev.orders.edge.notifier;

/** Where a recipient comes from, which decides the events it gets. */
public enum RecipientKind {
    /** Added through the admin API; gets every event whose type it subscribed to. */
    SUBSCRIBER,
    /** The contact an order carried; gets the customer events of the orders that carry it, nothing else. */
    CUSTOMER
}
