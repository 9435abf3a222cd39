package dev.orders.infra.persistence;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * One column of a batch as a PostgreSQL array parameter, for statements that insert or update many rows at once with
 * {@code unnest(...)}. Values the driver cannot make an array of (uuid, timestamptz, jsonb) are sent as text and cast
 * in SQL, e.g. {@code CAST(:at AS timestamptz[])}.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static <T> SqlArrayValue texts(List<T> rows, Function<T, String> value) {
        return new SqlArrayValue("text", rows.stream().map(value).toArray());
    }

    public static <T> SqlArrayValue integers(List<T> rows, Function<T, Integer> value) {
        return new SqlArrayValue("integer", rows.stream().map(value).toArray());
    }

    public static <T> SqlArrayValue longs(List<T> rows, Function<T, Long> value) {
        return new SqlArrayValue("bigint", rows.stream().map(value).toArray());
    }

    /** An instant as text for a {@code timestamptz[]} cast; null stays null. */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
