package dev.orders.products.product;

import dev.orders.contracts.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The request breaks the contract's rules; it would fail the same way every time. */
public final class InvalidProductRequest extends ProductException {

    private final List<Violation> violations;

    public InvalidProductRequest(List<Violation> violations) {
        super("invalid request: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    InvalidProductRequest(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidProductRequest(violations);
        }
    }
}
