package dev.orders.infra.web;

import dev.orders.contracts.Violation;
import java.util.List;
import java.util.Map;

/** Throw from a controller to answer with a problem; {@link ProblemHandling} renders it. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient List<Violation> violations;
    private final transient Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations, Map<String, String> headers) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(ProblemType.VALIDATION, describe(violations), violations, Map.of());
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    static String describe(List<Violation> violations) {
        if (violations.size() == 1) {
            Violation v = violations.getFirst();
            return v.field().isEmpty() ? "The body " + v.message() : v.field() + " " + v.message();
        }
        return violations.size() + " fields are invalid; see errors";
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
