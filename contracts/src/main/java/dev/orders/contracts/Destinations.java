package dev.orders.contracts;

/**
 * Default names of the queues and the exchange. Every service lets an environment variable override them
 * (tests use a private virtual host instead, so the names stay the same there).
 */
public final class Destinations {

    private Destinations() {}

    public static final String ORDERS_QUEUE = "orders_queue";
    public static final String PRODUCTS_QUEUE = "products_queue";

    /** Durable topic exchange carrying events other services may need; routing key = pattern. */
    public static final String EVENTS_EXCHANGE = "orders_platform.events";

    /** Suffix of the dead-letter queue that belongs to a service queue. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** Header naming why a message was dead-lettered. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-dead-letter-reason";

    public static String deadLetterQueue(String queue) {
        return queue + DEAD_LETTER_SUFFIX;
    }
}
