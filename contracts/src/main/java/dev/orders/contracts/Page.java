package dev.orders.contracts;

import java.util.List;
import java.util.function.Function;

/** One page of a listing; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page of a keyset listing read with one row more than {@code limit}: that extra row only tells that a next
     * page exists, whose cursor is the id of the last row shown.
     */
    public static <R, T> Page<T> ofOneExtra(List<R> rows, int limit, Function<R, String> idOf, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? idOf.apply(shown.getLast()) : null);
    }

    public static <T> Page<T> ofOneExtra(List<T> rows, int limit, Function<T, String> idOf) {
        return ofOneExtra(rows, limit, idOf, Function.identity());
    }
}
