package dev.orders.infra.persistence;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plain statements on one table: its columns, always read in one order by one row mapper and written in the same
 * order. Statements of their own shape (upserts, claims, batches) are written out where they are used.
 */
public final class TableRows<T> {

    private final JdbcClient jdbc;
    private final String table;
    private final String columns;
    private final RowMapper<T> row;
    private final String insert;

    /** {@code columns} as in a SELECT list ({@code "id, name, price"}), in the order {@link #insert} takes values. */
    public TableRows(JdbcClient jdbc, String table, String columns, RowMapper<T> row) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.row = row;
        int count = columns.split(",").length;
        this.insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(count - 1) + "?)";
    }

    /** The one row {@code WHERE where}, if there is one; {@code where} may end with ORDER BY and LIMIT 1. */
    public Optional<T> find(String where, Object... params) {
        return select(where, params).optional();
    }

    /** The rows {@code WHERE where}; {@code where} may end with ORDER BY and LIMIT. */
    public List<T> list(String where, Object... params) {
        return select(where, params).list();
    }

    /** Inserts one row: a value for each column, in the columns' order. */
    public void insert(Object... values) {
        jdbc.sql(insert).params(values).update();
    }

    /** As {@link #insert}, unless a row with the same {@code key} is there already; whether it inserted. */
    public boolean insertIfAbsent(String key, Object... values) {
        return jdbc.sql(insert + " ON CONFLICT (" + key + ") DO NOTHING")
                        .params(values)
                        .update()
                == 1;
    }

    /** Whether {@code UPDATE table SET setAndWhere} changed exactly one row. */
    public boolean updateOne(String setAndWhere, Object... params) {
        return jdbc.sql("UPDATE " + table + " SET " + setAndWhere)
                        .params(params)
                        .update()
                == 1;
    }

    private JdbcClient.MappedQuerySpec<T> select(String where, Object... params) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE " + where)
                .params(params)
                .query(row);
    }
}
