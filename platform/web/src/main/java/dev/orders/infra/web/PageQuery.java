package dev.orders.infra.web;

/**
 * The {@code limit} and {@code cursor} query parameters of a keyset listing, bound from the query string as a handler
 * argument; they are checked when read, so a listing checks its own filters in the order it likes.
 */
public record PageQuery(String limit, String cursor) {

    /** 1..100, 20 when absent. */
    public int size() {
        return Paging.limit(limit);
    }

    /** Null for the first page; the last id of the previous page otherwise. */
    public String after() {
        return Paging.cursor(cursor);
    }
}
