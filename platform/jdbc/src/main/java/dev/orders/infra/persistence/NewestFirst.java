package dev.orders.infra.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A listing newest first with optional filters and a keyset cursor: every filter whose value is null is left out,
 * rows come after the cursor by id (ids are time-ordered), at most {@code limit} of them. Portable SQL.
 */
public final class NewestFirst {

    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    private NewestFirst(String columns, String table) {
        this.sql = new StringBuilder("SELECT ")
                .append(columns)
                .append(" FROM ")
                .append(table)
                .append(" WHERE TRUE");
    }

    public static NewestFirst select(String columns, String table) {
        return new NewestFirst(columns, table);
    }

    /** Adds {@code AND condition} (one {@code ?}) when {@code value} is not null. */
    public NewestFirst where(String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
        return this;
    }

    /** As {@link #where(String, Object)}, the value converted for the column first. */
    public <V> NewestFirst where(String condition, V value, Function<V, Object> toColumn) {
        return where(condition, value == null ? null : toColumn.apply(value));
    }

    /** Rows with an id below {@code before} (all rows when null), highest id first. */
    public <T> List<T> page(JdbcClient jdbc, Object before, int limit, RowMapper<T> row) {
        where("id < ?", before);
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(row).list();
    }
}
