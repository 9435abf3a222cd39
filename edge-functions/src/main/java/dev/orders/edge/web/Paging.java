package dev.orders.edge.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import dev.orders.contracts.Limits;
import dev.orders.contracts.Validation;
import dev.orders.infra.web.ProblemException;

/** Query parameters shared by the listing routes: newest first, keyset cursors that are the last row's id. */
public final class Paging {

    private Paging() {
    }

    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return Limits.DEFAULT_PAGE_SIZE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= Limits.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be an integer from 1 to " + Limits.MAX_PAGE_SIZE);
    }

    public static String cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (!Validation.isUuid(cursor)) {
            throw ProblemException.invalid("cursor", "is not a cursor from a previous page");
        }
        return cursor;
    }

    public static String uuid(String value, String field) {
        if (!Validation.isUuid(value)) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
        return value;
    }

    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2025-11-27T00:00:00Z");
        }
    }
}
