package dev.orders.infra.web;

import dev.orders.contracts.Limits;
import dev.orders.contracts.Page;
import dev.orders.contracts.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Query and path parameters of the listing routes: {@code limit} 1..100 (default 20), id cursors, UUIDs, instants. */
public final class Paging {

    static final int MAX_FILTER_LENGTH = 2000;

    private Paging() {}

    /** One page of a keyset listing: {@code fetch} reads one row more than {@code limit} ({@link Page#ofOneExtra}). */
    public static <T, V> Page<V> page(
            int limit, IntFunction<List<T>> fetch, Function<T, String> id, Function<T, V> view) {
        return Page.ofOneExtra(fetch.apply(limit + 1), limit, id, view);
    }

    public static <T> Page<T> page(int limit, IntFunction<List<T>> fetch, Function<T, String> id) {
        return page(limit, fetch, id, Function.identity());
    }

    /** Reads the rows after {@code after} (the first ones when null), at most {@code limit} of them. */
    @FunctionalInterface
    public interface Fetch<T> {
        List<T> rows(String after, int limit);
    }

    /** One page of a keyset listing asked for by {@code query}: its limit is checked first, then its cursor. */
    public static <T, V> Page<V> page(PageQuery query, Fetch<T> fetch, Function<T, String> id, Function<T, V> view) {
        int size = query.size();
        String after = query.after();
        return page(size, n -> fetch.rows(after, n), id, view);
    }

    public static <T> Page<T> page(PageQuery query, Fetch<T> fetch, Function<T, String> id) {
        return page(query, fetch, id, Function.identity());
    }

    /** Reads the rows that pass {@code filter} after {@code after} (the first ones when null), at most {@code limit}. */
    @FunctionalInterface
    public interface FilteredFetch<F, T> {
        List<T> rows(F filter, String after, int limit);
    }

    /** As {@link #page(PageQuery, Fetch, Function)}, of the rows that pass {@code filter}. */
    public static <F, T> Page<T> page(PageQuery query, F filter, FilteredFetch<F, T> fetch, Function<T, String> id) {
        return page(query, (after, limit) -> fetch.rows(filter, after, limit), id);
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

    /** Null for the first page; the last id of the previous page otherwise. */
    public static String cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (!Validation.isUuid(cursor)) {
            throw ProblemException.invalid("cursor", "is not a cursor from a previous page");
        }
        return cursor.toLowerCase();
    }

    public static String uuid(String value, String field) {
        if (!Validation.isUuid(value)) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
        return value.toLowerCase();
    }

    /**
     * A free-text filter of a listing ({@code ?type=}, {@code ?orderId=}): null when absent or blank, else trimmed.
     * Refused with 400 when it holds what no stored value can (a control character; PostgreSQL cannot even compare
     * with U+0000) or is longer than any stored value.
     */
    public static String filter(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        String problem = Validation.lineTextProblem(trimmed);
        if (problem != null) {
            throw ProblemException.invalid(field, problem);
        }
        if (trimmed.length() > MAX_FILTER_LENGTH) {
            throw ProblemException.invalid(field, "must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        return trimmed;
    }

    /** A path id, lower-cased; anything but a UUID cannot exist and is answered with {@code notFound}. */
    public static String existingId(String id, Function<String, ProblemException> notFound) {
        if (!isId(id)) {
            throw notFound.apply(id);
        }
        return id.toLowerCase();
    }

    /** Path ids are UUIDs: anything else cannot exist. */
    public static boolean isId(String id) {
        return Validation.isUuid(id);
    }

    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, JsonBody.NOT_AN_INSTANT);
        }
    }
}
