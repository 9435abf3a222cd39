package dev.orders.infra.messaging;

/** The message can never be handled as it is: it goes to the dead-letter queue with this reason, not retried. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
