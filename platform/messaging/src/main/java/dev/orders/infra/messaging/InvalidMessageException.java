package dev.orders.infra.messaging;

import dev.orders.contracts.ErrorCodes;
import dev.orders.contracts.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The payload fails the contract: a request gets an error reply with the violations, and the message goes to the
 * dead-letter queue either way.
 */
public class InvalidMessageException extends RpcException {

    private final List<Violation> violations;

    public InvalidMessageException(List<Violation> violations) {
        super(ErrorCodes.VALIDATION_FAILED, describe(violations), violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    static String describe(List<Violation> violations) {
        return "invalid message: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }

    /** Throws when there is anything to complain about. */
    public static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidMessageException(violations);
        }
    }
}
