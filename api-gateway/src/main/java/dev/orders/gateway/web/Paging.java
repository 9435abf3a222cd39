package dev.orders.gateway.web;

import dev.orders.contracts.Limits;
import dev.orders.contracts.Validation;
import dev.orders.infra.web.ProblemException;

/** Query and path parameters shared by the listing routes. */
public final class Paging {

    private Paging() {
    }

    public static Integer limit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= Limits.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be an integer from 1 to " + Limits.MAX_PAGE_SIZE);
    }

    public static void requireCursor(String cursor) {
        if (cursor != null && !Validation.isUuid(cursor)) {
            throw ProblemException.invalid("cursor", "is not a cursor from a previous page");
        }
    }

    public static void requireUuid(String value, String field) {
        if (!Validation.isUuid(value)) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
    }
}
