package dev.orders.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** A use case's request breaks the contract's rules; it would fail the same way every time. */
public final class InvalidRequest extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRequest(List<Violation> violations) {
        super("invalid request: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidRequest(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Throws when there is any violation. */
    public static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }
}
