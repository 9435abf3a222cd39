package dev.orders.webhooks.admin;

import dev.orders.contracts.Limits;
import dev.orders.contracts.Validation;
import dev.orders.infra.web.ProblemException;

/** Query parameters shared by the admin listings: {@code limit} 1..100 (default 20) and an id cursor. */
public final class Paging {

    private Paging() {
    }

    public static int limit(String limit) {
        if (limit == null) {
            return Limits.DEFAULT_PAGE_SIZE;
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

    public static String cursor(String cursor) {
        if (cursor != null && !Validation.isUuid(cursor)) {
            throw ProblemException.invalid("cursor", "is not a cursor from a previous page");
        }
        return cursor == null ? null : cursor.toLowerCase();
    }

    /** Path ids are UUIDs; anything else cannot exist, so it is a 404 like any unknown id. */
    public static boolean isId(String id) {
        return Validation.isUuid(id);
    }
}
