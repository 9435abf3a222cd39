package dev.orders.edge.webhook;

import dev.orders.contracts.Violation;
import java.util.List;

/** A correctly signed body that is not the standard payload: answered with 400. */
public class InvalidWebhook extends Exception {

    private final transient List<Violation> violations;

    public InvalidWebhook(String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.violations = List.copyOf(violations);
    }

    /** Empty when the body is not JSON at all. */
    public List<Violation> violations() {
        return violations;
    }
}
